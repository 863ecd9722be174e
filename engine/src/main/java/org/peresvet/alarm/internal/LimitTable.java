package org.peresvet.alarm.internal;

import java.util.UUID;

/**
 * The tags the alarm stage watches, in one open-addressing table laid out in a {@code long[]}: a
 * 128-byte entry per tag holds its id, the newest sample time seen, and — for a tag whose alarms
 * are only limit alarms (at most {@value #MAX_FAST}) — their limits, deadbands, kinds, raw
 * conditions and active flags. A steady sample (nothing changes) is decided from this entry alone,
 * without touching any object: evaluating alarms costs about one cache miss per sample instead of
 * a chain of them. Tags that need more (setpoints, suppression, rate, discrete, expressions) are
 * marked slow and go to their {@link AlarmEngine.Watch}. Loop thread only.
 */
final class LimitTable {
    static final int STRIDE = 16;
    static final int MAX_FAST = 4;
    private static final long OCCUPIED = 1L << 3;
    private static final long SLOW = 1L << 4;
    private static final int RAW = 8;
    private static final int ACTIVE = 12;
    private static final int KIND = 16;
    /** Limit kinds as 2-bit codes: 0 HiHi, 1 Hi (high: value above the limit), 2 Lo, 3 LoLo. */
    static final int HIHI = 0;
    static final int HI = 1;
    static final int LO = 2;
    static final int LOLO = 3;

    final long[] t;
    final int mask;
    /** By slot: the watch of a slow tag. */
    final AlarmEngine.Watch[] slow;
    /** By slot: the fast alarms of a fast tag, in entry order. */
    final AlarmRuntime[][] fast;

    LimitTable(int tags) {
        int cap = 16;
        while (cap < tags * 2) {
            cap <<= 1;
        }
        t = new long[cap * STRIDE];
        mask = cap - 1;
        slow = new AlarmEngine.Watch[cap];
        fast = new AlarmRuntime[cap][];
    }

    private static int hash(long msb, long lsb) {
        long h = msb ^ (lsb * 0x9E3779B97F4A7C15L);
        h ^= h >>> 33;
        h *= 0xff51afd7ed558ccdL;
        h ^= h >>> 33;
        return (int) h;
    }

    /** The slot of a tag, or -1. */
    int find(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = hash(msb, lsb) & mask; ; i = (i + 1) & mask) {
            int b = i * STRIDE;
            if ((t[b + 3] & OCCUPIED) == 0) {
                return -1;
            }
            if (t[b] == msb && t[b + 1] == lsb) {
                return i;
            }
        }
    }

    private int insert(UUID id) {
        long msb = id.getMostSignificantBits();
        long lsb = id.getLeastSignificantBits();
        for (int i = hash(msb, lsb) & mask; ; i = (i + 1) & mask) {
            int b = i * STRIDE;
            if ((t[b + 3] & OCCUPIED) == 0) {
                t[b] = msb;
                t[b + 1] = lsb;
                t[b + 2] = Long.MIN_VALUE;
                t[b + 3] = OCCUPIED;
                return i;
            }
        }
    }

    int addSlow(UUID id, AlarmEngine.Watch w, long lastX) {
        int i = insert(id);
        t[i * STRIDE + 3] |= SLOW;
        t[i * STRIDE + 2] = lastX;
        slow[i] = w;
        return i;
    }

    /** Adds a tag whose alarms are all limit alarms; each runtime learns its slot and index. */
    int addFast(UUID id, AlarmRuntime[] alarms, long lastX) {
        int i = insert(id);
        int b = i * STRIDE;
        long meta = t[b + 3] | alarms.length;
        for (int k = 0; k < alarms.length; k++) {
            AlarmRuntime rt = alarms[k];
            meta |= (long) code(rt) << (KIND + 2 * k);
            if (rt.raw) {
                meta |= 1L << (RAW + k);
            }
            if (rt.machine.isActive()) {
                meta |= 1L << (ACTIVE + k);
            }
            t[b + 4 + 2 * k] = Double.doubleToRawLongBits(rt.def.limit());
            t[b + 5 + 2 * k] = Double.doubleToRawLongBits(rt.def.deadband());
            rt.slot = i;
            rt.index = k;
        }
        t[b + 3] = meta;
        t[b + 2] = lastX;
        fast[i] = alarms;
        return i;
    }

    private static int code(AlarmRuntime rt) {
        return switch (rt.def.kind()) {
            case HIHI -> HIHI;
            case HI -> HI;
            case LO -> LO;
            default -> LOLO;
        };
    }

    boolean isSlow(int slot) {
        return (t[slot * STRIDE + 3] & SLOW) != 0;
    }

    long lastX(int slot) {
        return t[slot * STRIDE + 2];
    }

    void lastX(int slot, long x) {
        t[slot * STRIDE + 2] = x;
    }

    /** Keeps the entry's copy of an alarm's active flag in step with its state machine. */
    void active(int slot, int k, boolean on) {
        int b = slot * STRIDE + 3;
        t[b] = on ? t[b] | (1L << (ACTIVE + k)) : t[b] & ~(1L << (ACTIVE + k));
    }

    void raw(int slot, int k, boolean on) {
        int b = slot * STRIDE + 3;
        t[b] = on ? t[b] | (1L << (RAW + k)) : t[b] & ~(1L << (RAW + k));
    }

    /**
     * Evaluates the fast alarms of a slot for value {@code v} and reports through {@code changed}
     * each alarm whose raw condition differs from its last raw condition or from its active flag
     * (the only cases where its state machine has something to do).
     */
    void evaluate(int slot, double v, Changed changed) {
        int b = slot * STRIDE;
        long meta = t[b + 3];
        int count = (int) (meta & 7);
        for (int k = 0; k < count; k++) {
            int kind = (int) (meta >>> (KIND + 2 * k)) & 3;
            boolean raw = (meta >>> (RAW + k) & 1) != 0;
            boolean active = (meta >>> (ACTIVE + k) & 1) != 0;
            double lim = Double.longBitsToDouble(t[b + 4 + 2 * k]);
            double db = Double.longBitsToDouble(t[b + 5 + 2 * k]);
            boolean c = kind <= HI ? (raw ? v >= lim - db : v > lim) : (raw ? v <= lim + db : v < lim);
            if (c != raw || c != active) {
                changed.condition(fast[slot][k], c);
                meta = t[b + 3]; // the state machine may have moved the active flag
            }
        }
    }

    @FunctionalInterface
    interface Changed {
        void condition(AlarmRuntime rt, boolean raw);
    }
}
