package org.peresvet.connector.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.util.concurrent.locks.LockSupport;
import jdk.net.ExtendedSocketOptions;

/**
 * A plain socket whose input stream reads ahead into a buffer. Paho reads every packet with
 * three or four calls on the raw stream (available, the first byte, the length byte, the rest):
 * each one a system call. With the buffer, one read takes in as many packets as the kernel holds.
 *
 * <p>Under a steady stream the reads still came one packet at a time (the broker writes each
 * packet on its own and the reader woke for each), so reads that follow each other closely wait
 * {@link #GATHER_NANOS} first and then take everything that arrived meanwhile, like a network
 * card's interrupt moderation. A read after a quiet spell (a command's echo, a ping) never waits.
 */
final class ReadAheadSocket extends Socket implements ReceiverAware {
    private static final int BUFFER = 64 * 1024;
    /** Reads closer together than this count as a stream. */
    private static final long BUSY_NANOS = 1_000_000;
    /** The wait before a read in a stream: the most a packet waits extra. */
    static final long GATHER_NANOS = 500_000;
    private static final boolean QUICK_ACK = supportsQuickAck();
    private ReadAhead in;
    private volatile Thread.UncaughtExceptionHandler onReaderDeath;

    private static boolean supportsQuickAck() {
        try (Socket s = new Socket()) {
            return s.supportedOptions().contains(ExtendedSocketOptions.TCP_QUICKACK);
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized InputStream getInputStream() throws IOException {
        if (in == null) {
            in = new ReadAhead(super.getInputStream(), this::ackAtOnce, this);
        }
        return in;
    }

    @Override
    public synchronized Thread reader() {
        return in == null ? null : in.reader;
    }

    @Override
    public void onReaderDeath(Thread.UncaughtExceptionHandler h) {
        onReaderDeath = h;
    }

    /**
     * A new thread reads (the TLS handshake reads on the connecting thread, then Paho's receiver
     * takes over): from then on its death is ours to report, not a stack trace.
     */
    private void newReader(Thread t) {
        Thread.UncaughtExceptionHandler h = onReaderDeath;
        if (h != null) {
            t.setUncaughtExceptionHandler(h);
        }
    }

    /**
     * Asks the kernel to acknowledge what arrived at once rather than up to 40 ms later (Linux
     * clears the flag again by itself, so it is set after every read). A broker with Nagle's
     * algorithm on (Mosquitto's default) holds its next small packet until the previous one is
     * acknowledged: without this, a device's echo of a command waited 40 ms behind any other
     * message the broker had just sent us.
     */
    private void ackAtOnce() {
        if (QUICK_ACK && !isClosed()) {
            try {
                setOption(ExtendedSocketOptions.TCP_QUICKACK, true);
            } catch (IOException | UnsupportedOperationException e) {
                // best effort: only latency depends on it
            }
        }
    }

    /**
     * Not a {@link java.io.BufferedInputStream}: its {@code available()} asks the socket every time,
     * which is the system call Paho makes before each packet. A read that times out (Paho sets
     * SO_TIMEOUT to poll its stop flag) throws before anything is consumed, so nothing is lost.
     * Used by Paho's receiver thread only.
     */
    static final class ReadAhead extends InputStream {
        private final InputStream raw;
        private final Runnable afterRead;
        private final ReadAheadSocket owner;
        private final byte[] buf = new byte[BUFFER];
        private volatile Thread reader;
        private int pos;
        private int end;
        private long lastFill;

        ReadAhead(InputStream raw, Runnable afterRead) {
            this(raw, afterRead, null);
        }

        ReadAhead(InputStream raw, Runnable afterRead, ReadAheadSocket owner) {
            this.raw = raw;
            this.afterRead = afterRead;
            this.owner = owner;
        }

        /** The latest thread that read: after the connect, Paho's receiver. */
        private void noteReader() {
            Thread t = Thread.currentThread();
            if (reader != t) {
                reader = t;
                if (owner != null) {
                    owner.newReader(t);
                }
            }
        }

        private boolean fill() throws IOException {
            noteReader();
            if (System.nanoTime() - lastFill < BUSY_NANOS) {
                LockSupport.parkNanos(GATHER_NANOS);
            }
            int n = raw.read(buf, 0, buf.length);
            lastFill = System.nanoTime();
            afterRead.run();
            if (n <= 0) {
                return false;
            }
            pos = 0;
            end = n;
            return true;
        }

        @Override
        public int read() throws IOException {
            if (pos == end && !fill()) {
                return -1;
            }
            return buf[pos++] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (len == 0) {
                return 0;
            }
            if (pos == end) {
                if (len >= buf.length) {
                    noteReader();
                    int n = raw.read(b, off, len); // a large payload goes straight into the caller's array
                    afterRead.run();
                    return n;
                }
                if (!fill()) {
                    return -1;
                }
            }
            int n = Math.min(len, end - pos);
            System.arraycopy(buf, pos, b, off, n);
            pos += n;
            return n;
        }

        /** What is buffered; only when nothing is, the socket is asked. */
        @Override
        public int available() throws IOException {
            return pos < end ? end - pos : raw.available();
        }

        @Override
        public void close() throws IOException {
            raw.close();
        }
    }
}
