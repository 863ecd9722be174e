package org.peresvet.store;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Consumer;
import org.h2.jdbcx.JdbcConnectionPool;
import org.peresvet.history.SampleScan;
import org.peresvet.history.SampleSource;
import org.peresvet.model.Sample;
import org.peresvet.store.internal.BlockBuffer;
import org.peresvet.store.internal.BlockCodec;
import org.peresvet.store.internal.CellSummary;
import org.peresvet.store.internal.H2Files;
import org.peresvet.store.internal.Migrations;

/**
 * Local history in its own H2 file. Samples of a tag are stored in blocks, one row per tag per
 * flush (or per {@value #MAX_BLOCK} samples), each block inside one hour bucket so that a query
 * finds every block touching a period by one index range on {@code (tag_key, x_first)}.
 */
public final class HistoryStore implements AutoCloseable {
    /** Blocks never cross a bucket boundary: a block's samples all lie in [x_first, x_first + BUCKET). */
    public static final long BUCKET = 3_600_000_000L;
    /** Buckets one scan query reads (a day): few queries, and never all of a long history in memory at once. */
    private static final long SCAN_BUCKETS = 24;
    /** Buckets one summarised scan query reads (a week): its rows are ids and summaries, a few hundred KB at most. */
    private static final long SUMMARY_SCAN_BUCKETS = 7 * 24;
    static final int MAX_BLOCK = 4096;
    /** About how many samples one tail row holds (some 10 bytes each). */
    static final int TAIL_ROW_SAMPLES = 20_000;

    private final ProjectFolder folder;
    private final JdbcConnectionPool pool;
    private final Map<UUID, Integer> keys = new ConcurrentHashMap<>();

    private HistoryStore(ProjectFolder folder, JdbcConnectionPool pool) {
        this.folder = folder;
        this.pool = pool;
    }

    public static HistoryStore open(ProjectFolder folder) {
        folder.create();
        JdbcConnectionPool pool = H2Files.open(folder.historyBase(), 8);
        try (Connection c = pool.getConnection()) {
            Migrations.migrate(c, "db/history");
            HistoryStore store = new HistoryStore(folder, pool);
            try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT tag_id, tag_key FROM history_tag")) {
                while (rs.next()) {
                    store.keys.put(rs.getObject(1, UUID.class), rs.getInt(2));
                }
            }
            store.moveTailIntoBlocks(c);
            return store;
        } catch (SQLException e) {
            pool.dispose();
            throw H2Files.translate(folder.historyBase(), e);
        } catch (RuntimeException e) {
            pool.dispose();
            throw e;
        }
    }

    static long bucketOf(long x) {
        return Math.floorDiv(x, BUCKET) * BUCKET;
    }

    /**
     * Stores samples in one transaction. Each list keeps the order the samples were accepted in;
     * samples with equal x keep that order, so the last one wins for tags with the update flag.
     *
     * <p>The same transaction empties the tail ({@link #appendTail}): the caller passes the tail's
     * samples along, so they move into blocks. Only the history writer's thread writes.
     */
    public void write(Map<UUID, List<Sample>> byTag) {
        if (byTag.isEmpty()) {
            return;
        }
        Map<UUID, Integer> newKeys = new HashMap<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try {
                writeBlocks(c, byTag, newKeys);
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("writing history failed: " + e.getMessage(), e);
        }
        keys.putAll(newKeys); // only now: their history_tag rows are committed
    }

    /** Rolls back, keeping {@code first} as the error: a failing rollback (a full disk) is only attached to it. */
    static void rollback(Connection c, Throwable first) {
        try {
            c.rollback();
        } catch (SQLException | RuntimeException e) {
            first.addSuppressed(e);
        }
    }

    /**
     * Stores sparse samples (a few per tag) cheaply: one row of several tags per call, not one
     * block per tag. They are safe in the file at return, but readers see them only after a later
     * {@link #write} passes them along (the writer keeps them in memory until then), or after the
     * file is opened again.
     */
    public void appendTail(Map<UUID, List<Sample>> byTag) {
        if (byTag.isEmpty()) {
            return;
        }
        Map<UUID, Integer> newKeys = new HashMap<>();
        try (Connection c = pool.getConnection()) {
            c.setAutoCommit(false);
            try (PreparedStatement ins = c.prepareStatement("INSERT INTO history_tail(data) VALUES (?)")) {
                Map<Integer, List<Sample>> chunk = new HashMap<>();
                int inChunk = 0;
                for (Map.Entry<UUID, List<Sample>> e : byTag.entrySet()) {
                    if (e.getValue().isEmpty()) {
                        continue;
                    }
                    chunk.put(keyFor(c, e.getKey(), newKeys), e.getValue());
                    inChunk += e.getValue().size();
                    if (inChunk >= TAIL_ROW_SAMPLES) { // rows of bounded size
                        ins.setBytes(1, BlockCodec.encodeTagged(chunk));
                        ins.executeUpdate();
                        chunk.clear();
                        inChunk = 0;
                    }
                }
                if (!chunk.isEmpty()) {
                    ins.setBytes(1, BlockCodec.encodeTagged(chunk));
                    ins.executeUpdate();
                }
                c.commit();
            } catch (SQLException | RuntimeException e) {
                rollback(c, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StoreException("writing history failed: " + e.getMessage(), e);
        }
        keys.putAll(newKeys);
    }

    /** At open: what a crash left in the tail becomes blocks, in the order it was written. */
    private void moveTailIntoBlocks(Connection c) throws SQLException {
        Map<Integer, UUID> ids = new HashMap<>();
        keys.forEach((id, key) -> ids.put(key, id));
        Map<UUID, List<Sample>> byTag = new HashMap<>();
        try (Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT data FROM history_tail ORDER BY id")) {
            while (rs.next()) {
                BlockCodec.decodeTagged(rs.getBytes(1), (key, samples) -> {
                    UUID id = ids.get(key);
                    if (id != null) { // a key whose history_tag row was rolled back has no samples either
                        byTag.computeIfAbsent(id, k -> new ArrayList<>()).addAll(samples);
                    }
                });
            }
        }
        if (!byTag.isEmpty()) {
            write(byTag);
        }
    }

    private void writeBlocks(Connection c, Map<UUID, List<Sample>> byTag, Map<UUID, Integer> newKeys) throws SQLException {
        try (Statement del = c.createStatement()) {
            del.executeUpdate("DELETE FROM history_tail");
        }
        try (BlockInserts inserts = new BlockInserts(c)) {
            for (Map.Entry<UUID, List<Sample>> e : byTag.entrySet()) {
                if (e.getValue().isEmpty()) {
                    continue;
                }
                int key = keyFor(c, e.getKey(), newKeys);
                List<Sample> sorted = new ArrayList<>(e.getValue());
                sorted.sort(Comparator.comparingLong(Sample::x)); // stable: equal x keep arrival order
                int from = 0;
                while (from < sorted.size()) {
                    long bucket = bucketOf(sorted.get(from).x());
                    int to = from;
                    while (to < sorted.size() && to - from < MAX_BLOCK && bucketOf(sorted.get(to).x()) == bucket) {
                        to++;
                    }
                    inserts.add(key, sorted.subList(from, to));
                    from = to;
                }
            }
            inserts.flush();
        }
    }

    /**
     * Blocks inserted in batches, each batch executed in order (ids in write order). A batch holding
     * a block with a summary goes through the statement that returns the blocks' ids, and the
     * summaries follow under those ids; batches of small blocks only (a pipeline's short flushes)
     * take the plain statement: no ids to hand back.
     */
    private static final class BlockInserts implements AutoCloseable {
        private static final String INSERT = "INSERT INTO history_block(tag_key, x_first, x_last, n, data) VALUES (?, ?, ?, ?, ?)";
        private final PreparedStatement plain;
        private final PreparedStatement keyed;
        private final PreparedStatement summaries;
        private PreparedStatement current;
        private int count;
        /** Per block of a keyed batch, its summary row or null. */
        private final List<Summary> batched = new ArrayList<>();

        BlockInserts(Connection c) throws SQLException {
            plain = c.prepareStatement(INSERT);
            keyed = c.prepareStatement(INSERT, new String[] {"ID"});
            summaries = c.prepareStatement("INSERT INTO history_summary(block_id, tag_key, x_first, x_last, data) VALUES (?, ?, ?, ?, ?)");
        }

        void add(int key, List<Sample> block) throws SQLException {
            long xFirst = block.get(0).x();
            long xLast = block.get(block.size() - 1).x();
            byte[] summary = CellSummary.encode(block);
            if (summary != null && current == plain && count > 0) {
                flush(); // the blocks before need no ids
            }
            if (count == 0) {
                current = summary != null ? keyed : plain;
            }
            current.setInt(1, key);
            current.setLong(2, xFirst);
            current.setLong(3, xLast);
            current.setInt(4, block.size());
            current.setBytes(5, BlockCodec.encode(block));
            current.addBatch();
            count++;
            if (current == keyed) {
                batched.add(summary == null ? null : new Summary(key, xFirst, xLast, summary));
            }
            if (count == 1000) {
                flush();
            }
        }

        void flush() throws SQLException {
            if (count == 0) {
                return;
            }
            current.executeBatch();
            if (current == keyed) {
                try (ResultSet ids = keyed.getGeneratedKeys()) {
                    for (Summary s : batched) {
                        if (!ids.next()) {
                            throw new SQLException("fewer block ids than blocks written");
                        }
                        if (s != null) {
                            summaries.setLong(1, ids.getLong(1));
                            summaries.setInt(2, s.key);
                            summaries.setLong(3, s.xFirst);
                            summaries.setLong(4, s.xLast);
                            summaries.setBytes(5, s.data);
                            summaries.addBatch();
                        }
                    }
                }
                summaries.executeBatch();
            }
            batched.clear();
            count = 0;
        }

        @Override
        public void close() throws SQLException {
            try {
                plain.close();
            } finally {
                try {
                    keyed.close();
                } finally {
                    summaries.close();
                }
            }
        }
    }

    /** A block's summary row, waiting for the block's id. */
    private record Summary(int key, long xFirst, long xLast, byte[] data) {
    }

    /**
     * The tag's key; a new tag gets a history_tag row in the caller's transaction and its key goes
     * to {@code newKeys}, which the caller publishes only after the commit. A key published before
     * would outlive a rolled-back row: later blocks would be written under a key no row names, and
     * the next open would not find them.
     */
    private int keyFor(Connection c, UUID tagId, Map<UUID, Integer> newKeys) throws SQLException {
        Integer key = keys.get(tagId);
        if (key == null) {
            key = newKeys.get(tagId);
        }
        if (key != null) {
            return key;
        }
        try (PreparedStatement ins = c.prepareStatement("INSERT INTO history_tag(tag_id) VALUES (?)",
                Statement.RETURN_GENERATED_KEYS)) {
            ins.setObject(1, tagId);
            ins.executeUpdate();
            try (ResultSet rs = ins.getGeneratedKeys()) {
                rs.next();
                key = rs.getInt(1);
            }
        }
        newKeys.put(tagId, key);
        return key;
    }

    /**
     * Reads the stored samples of one tag. Close it after use: it holds a connection.
     *
     * @param update the tag's update flag: of several samples at one x only the last written is kept
     */
    public Reader reader(UUID tagId, boolean update) {
        try {
            return new Reader(pool.getConnection(), true).of(keys.get(tagId), update);
        } catch (SQLException e) {
            throw new StoreException("reading history failed: " + e.getMessage(), e);
        }
    }

    /** The last stored sample at or before {@code notAfter} of each tag that has history. */
    public Map<UUID, Sample> lastValues(Iterable<UUID> tagIds, Map<UUID, Boolean> updateFlags, long notAfter) {
        Map<UUID, Sample> out = new HashMap<>();
        // One connection and one set of prepared statements for every tag: a start with 10,000
        // tags costs two index look-ups per tag, not two statement compilations.
        try (Reader r = new Reader(pool.getConnection(), true)) {
            for (UUID id : tagIds) {
                Integer key = keys.get(id);
                if (key == null) {
                    continue;
                }
                Sample s = r.of(key, updateFlags.getOrDefault(id, false)).before(notAfter == Long.MAX_VALUE ? notAfter : notAfter + 1);
                if (s != null) {
                    out.put(id, s);
                }
            }
        } catch (SQLException e) {
            throw new StoreException("reading history failed: " + e.getMessage(), e);
        }
        return out;
    }

    /** Deletes blocks that end before {@code x}; returns how many blocks were removed. */
    public int purgeBefore(long x) {
        int removed = 0;
        try (Connection c = pool.getConnection();
             PreparedStatement del = c.prepareStatement("DELETE FROM history_block WHERE tag_key = ? AND x_first < ? AND x_last < ?");
             PreparedStatement delSummary = c.prepareStatement(
                     "DELETE FROM history_summary WHERE tag_key = ? AND x_first < ? AND x_last < ?")) {
            for (int key : keys.values()) {
                for (PreparedStatement ps : new PreparedStatement[] {delSummary, del}) {
                    ps.setInt(1, key);
                    ps.setLong(2, x);
                    ps.setLong(3, x);
                }
                delSummary.executeUpdate();
                removed += del.executeUpdate();
            }
        } catch (SQLException e) {
            throw new StoreException("purging history failed: " + e.getMessage(), e);
        }
        return removed;
    }

    public ProjectFolder folder() {
        return folder;
    }

    /** The history file, for the explanation of a write fault. */
    public Path file() {
        return file(folder);
    }

    static Path file(ProjectFolder folder) {
        return folder.historyBase().resolveSibling(folder.historyBase().getFileName() + ".mv.db");
    }

    /** The connection pool of the history file, for other tables in it (the alarm journal). */
    JdbcConnectionPool pool() {
        return pool;
    }

    @Override
    public void close() {
        pool.dispose();
    }

    /** The samples of one tag, read bucket by bucket. */
    public static final class Reader implements SampleSource, AutoCloseable {
        private final Connection c;
        private final boolean ownsConnection;
        private Integer key;
        private boolean update;
        private PreparedStatement bucketQuery;
        private PreparedStatement prevQuery;
        private PreparedStatement nextQuery;
        private PreparedStatement scanQuery;
        private PreparedStatement inOrderQuery;
        /**
         * The last bucket read, decoded: a timeStep query asks before() and after() of nearly the
         * same instant for each of its points, and both land in the same bucket.
         */
        private long cachedBucket;
        private List<Sample> cachedSamples;
        private int bucketLoads;

        private PreparedStatement blockIdQuery;
        private PreparedStatement summaryQuery;
        private PreparedStatement blockQuery;
        /** The block last read for its summary's parts, in this thread's block buffer (valid until the next block read). */
        private long readBlockId = -1;
        private long readFirstX;
        private int readCount;
        private int blockReads;
        private byte[] readBlock;

        Reader(Connection c, boolean ownsConnection) {
            this.c = c;
            this.ownsConnection = ownsConnection;
        }

        /** Points this reader at another tag; the prepared statements are kept. */
        Reader of(Integer tagKey, boolean updateFlag) {
            this.key = tagKey;
            this.update = updateFlag;
            this.cachedSamples = null;
            return this;
        }

        /** How many blocks a summarised scan read whole (for tests: a trend of whole cells reads few). */
        int blockReads() {
            return blockReads;
        }

        /** How many buckets were read from the file (for tests of the cache). */
        int bucketLoads() {
            return bucketLoads;
        }

        @Override
        public List<Sample> range(long from, long to, int limit) {
            List<Sample> out = new ArrayList<>();
            if (key == null || from > to) {
                return out;
            }
            Long bucket = bucketOf(from);
            while (bucket != null && bucket <= to) {
                for (Sample s : loadBucket(bucket)) {
                    if (s.x() >= from && s.x() <= to) {
                        out.add(s);
                        if (limit > 0 && out.size() == limit) {
                            return out;
                        }
                    }
                }
                bucket = nextBucket(bucket + BUCKET);
            }
            return out;
        }

        @Override
        public void forEach(long from, long to, Consumer<Sample> visitor) {
            if (key == null || from > to) {
                return;
            }
            Long bucket = bucketOf(from);
            while (bucket != null && bucket <= to) {
                for (Sample s : loadBucket(bucket)) {
                    if (s.x() >= from && s.x() <= to) {
                        visitor.accept(s);
                    }
                }
                bucket = nextBucket(bucket + BUCKET);
            }
        }

        /**
         * One query per day of buckets, blocks in write order, decoded straight into the visitor:
         * a trend's bins over a million samples make no object per sample. Blocks never cross a
         * bucket, so equal x meet only inside one query, in the order they were written. A tag
         * with the update flag goes the sorted, deduplicated way.
         */
        @Override
        public void scan(long from, long to, SampleScan visitor) {
            if (update) {
                SampleSource.super.scan(from, to, visitor);
                return;
            }
            if (key == null || from > to) {
                return;
            }
            int level = CellSummary.levelFor(from, visitor.runSpan());
            if (level >= 0) {
                scanSummarised(from, to, level, visitor);
                return;
            }
            Long chunk = bucketOf(from);
            try {
                if (scanQuery == null) {
                    scanQuery = c.prepareStatement(
                            "SELECT x_first, n, data FROM history_block WHERE tag_key = ? AND x_first BETWEEN ? AND ? ORDER BY id");
                }
                while (chunk != null && chunk <= to) {
                    long end = Math.min(to, chunk + SCAN_BUCKETS * BUCKET - 1);
                    scanQuery.setInt(1, key);
                    scanQuery.setLong(2, chunk);
                    scanQuery.setLong(3, end);
                    boolean any = false;
                    try (ResultSet rs = scanQuery.executeQuery()) {
                        while (rs.next()) {
                            any = true;
                            // Read into this thread's buffer, not a new array per block: 12 MB less garbage per million samples.
                            byte[] data = BlockBuffer.read(rs.getBinaryStream(3));
                            BlockCodec.scan(rs.getLong(1), rs.getInt(2), data, from, to, visitor);
                        }
                    }
                    // After a day with blocks the next day follows; after an empty one, a look-up skips the gap.
                    chunk = end >= to ? null : any ? Long.valueOf(end + 1) : nextBucket(end + 1);
                }
            } catch (SQLException | IOException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        /**
         * As {@link #scan}, for a visitor whose runs are whole cells of a level ({@link CellSummary#levelFor}):
         * per week the ids of the blocks in write order (from the index alone, no block read) beside
         * their summary rows; a block with a summary is read only where a cell cannot go as its
         * summary, a block without one (small, or written before summaries were) is read whole.
         */
        private void scanSummarised(long from, long to, int level, SampleScan visitor) {
            readBlockId = -1;
            Long chunk = bucketOf(from);
            try {
                if (summaryQuery == null) {
                    blockIdQuery = c.prepareStatement(
                            "SELECT id FROM history_block WHERE tag_key = ? AND x_first BETWEEN ? AND ? ORDER BY id");
                    summaryQuery = c.prepareStatement(
                            "SELECT block_id, data FROM history_summary WHERE tag_key = ? AND x_first BETWEEN ? AND ? ORDER BY block_id");
                    blockQuery = c.prepareStatement("SELECT x_first, n, data FROM history_block WHERE id = ?");
                }
                while (chunk != null && chunk <= to) {
                    long end = to - chunk < SUMMARY_SCAN_BUCKETS * BUCKET ? to : chunk + SUMMARY_SCAN_BUCKETS * BUCKET - 1; // no overflow near the ends of time
                    long[] ids = blockIds(chunk, end);
                    if (ids.length > 0) {
                        summaryQuery.setInt(1, key);
                        summaryQuery.setLong(2, chunk);
                        summaryQuery.setLong(3, end);
                        try (ResultSet rs = summaryQuery.executeQuery()) {
                            boolean row = rs.next();
                            for (long id : ids) {
                                while (row && rs.getLong(1) < id) {
                                    row = rs.next();
                                }
                                if (row && rs.getLong(1) == id) {
                                    CellSummary.scan(rs.getBytes(2), level, from, to, visitor, (lo, hi) -> scanBlock(id, lo, hi, visitor));
                                } else {
                                    scanBlock(id, from, to, visitor);
                                }
                            }
                        }
                    }
                    chunk = end >= to ? null : ids.length > 0 ? Long.valueOf(end + 1) : nextBucket(end + 1);
                }
            } catch (SQLException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        /** The ids of the tag's blocks with x_first in [from, to], in write order. */
        private long[] blockIds(long from, long to) throws SQLException {
            blockIdQuery.setInt(1, key);
            blockIdQuery.setLong(2, from);
            blockIdQuery.setLong(3, to);
            long[] ids = new long[64];
            int n = 0;
            try (ResultSet rs = blockIdQuery.executeQuery()) {
                while (rs.next()) {
                    if (n == ids.length) {
                        ids = Arrays.copyOf(ids, n * 2);
                    }
                    ids[n++] = rs.getLong(1);
                }
            }
            return Arrays.copyOf(ids, n);
        }

        /** The samples of [lo, hi] of one block, read from the block (once for the parts of one summary). */
        private void scanBlock(long id, long lo, long hi, SampleScan visitor) {
            if (id != readBlockId) {
                try {
                    blockQuery.setLong(1, id);
                    try (ResultSet rs = blockQuery.executeQuery()) {
                        if (!rs.next()) {
                            return; // purged since its id was listed: its samples are gone
                        }
                        readFirstX = rs.getLong(1);
                        readCount = rs.getInt(2);
                        readBlock = BlockBuffer.read(rs.getBinaryStream(3));
                        readBlockId = id;
                        blockReads++;
                    }
                } catch (SQLException | IOException e) {
                    throw new StoreException("reading history failed: " + e.getMessage(), e);
                }
            }
            BlockCodec.scan(readFirstX, readCount, readBlock, lo, hi, visitor);
        }

        /**
         * Bucket by bucket, only the blocks that reach into [from, to], each decoded straight into
         * the visitor from a buffer of this thread (no copy of the block per read, no object per
         * sample). Blocks of a bucket written out of x order, and tags with the update flag, go
         * the merged way of {@link #loadBucket}.
         */
        @Override
        public void scanInOrder(long from, long to, int limit, InOrder visitor) {
            if (key == null || from > to) {
                return;
            }
            Long bucket = bucketOf(from);
            while (bucket != null && bucket <= to) {
                Boolean more = update ? null : blocksInOrder(bucket, from, to, visitor);
                if (more == null) {
                    more = mergedInOrder(bucket, from, to, visitor);
                }
                if (!more || bucket >= bucketOf(to)) {
                    return;
                }
                bucket = nextBucket(bucket + BUCKET);
            }
        }

        private boolean mergedInOrder(long bucket, long from, long to, InOrder visitor) {
            for (Sample s : loadBucket(bucket)) {
                if (s.x() > to) {
                    return false;
                }
                if (s.x() >= from && !visitor.sample(s.x(), SampleScan.OBJECT, 0, s.y(), s.q() == null ? SampleScan.NO_Q : s.q())) {
                    return false;
                }
            }
            return true;
        }

        /** The visitor's wish to go on; null when the bucket's blocks overlap in x (then nothing was visited). */
        private Boolean blocksInOrder(long bucket, long from, long to, InOrder visitor) {
            try {
                if (inOrderQuery == null) {
                    inOrderQuery = c.prepareStatement("SELECT x_first, x_last, n, data FROM history_block"
                                    + " WHERE tag_key = ? AND x_first BETWEEN ? AND ? AND x_last >= ? ORDER BY id",
                            ResultSet.TYPE_SCROLL_INSENSITIVE, ResultSet.CONCUR_READ_ONLY);
                }
                inOrderQuery.setInt(1, key);
                inOrderQuery.setLong(2, bucket);
                inOrderQuery.setLong(3, Math.min(to, bucket + BUCKET - 1));
                inOrderQuery.setLong(4, from);
                try (ResultSet rs = inOrderQuery.executeQuery()) {
                    long lastX = Long.MIN_VALUE;
                    while (rs.next()) {
                        if (rs.getLong(1) < lastX) {
                            return null; // written out of order: the merged bucket sorts them
                        }
                        lastX = rs.getLong(2);
                    }
                    rs.beforeFirst();
                    while (rs.next()) {
                        byte[] data = BlockBuffer.read(rs.getBinaryStream(4));
                        if (!BlockCodec.scanInOrder(rs.getLong(1), rs.getInt(3), data, from, to, visitor)) {
                            return false;
                        }
                    }
                    return true;
                }
            } catch (SQLException | IOException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        @Override
        public List<Sample> last(Long from, long to, int n) {
            List<List<Sample>> chunks = new ArrayList<>();
            int have = 0;
            if (key == null || n <= 0) {
                return List.of();
            }
            long lowest = from == null ? Long.MIN_VALUE : bucketOf(from);
            Long bucket = bucketOf(to);
            while (bucket != null && bucket >= lowest && have < n) {
                List<Sample> chunk = new ArrayList<>();
                for (Sample s : loadBucket(bucket)) {
                    if (s.x() <= to && (from == null || s.x() >= from)) {
                        chunk.add(s);
                    }
                }
                chunks.add(chunk);
                have += chunk.size();
                bucket = prevBucket(bucket);
            }
            List<Sample> out = new ArrayList<>(Math.min(have, n));
            for (int i = chunks.size() - 1; i >= 0; i--) {
                out.addAll(chunks.get(i));
            }
            return out.size() > n ? new ArrayList<>(out.subList(out.size() - n, out.size())) : out;
        }

        @Override
        public Sample before(long t) {
            if (key == null) {
                return null;
            }
            Sample best = null;
            for (Sample s : loadBucket(bucketOf(t))) {
                if (s.x() < t) {
                    best = s;
                } else {
                    break; // sorted by x
                }
            }
            if (best != null) {
                return best;
            }
            Long prev = prevBucket(bucketOf(t));
            if (prev == null) {
                return null;
            }
            List<Sample> samples = loadBucket(prev);
            return samples.isEmpty() ? null : samples.get(samples.size() - 1);
        }

        @Override
        public Sample after(long t) {
            if (key == null) {
                return null;
            }
            for (Sample s : loadBucket(bucketOf(t))) {
                if (s.x() > t) {
                    return s;
                }
            }
            Long next = nextBucket(bucketOf(t) + BUCKET);
            if (next == null) {
                return null;
            }
            List<Sample> samples = loadBucket(next);
            return samples.isEmpty() ? null : samples.get(0);
        }

        /**
         * Every sample of the bucket, merged by x (callers filter by x; a block starting later in
         * the bucket holds only later samples, so reading it changes no earlier answer). The last
         * bucket read is kept.
         */
        private List<Sample> loadBucket(long bucket) {
            if (cachedSamples != null && cachedBucket == bucket) {
                return cachedSamples;
            }
            List<Sample> merged = readBucket(bucket);
            cachedBucket = bucket;
            cachedSamples = merged;
            bucketLoads++;
            return merged;
        }

        private List<Sample> readBucket(long bucket) {
            long hi = bucket + BUCKET - 1;
            List<long[]> order = new ArrayList<>();
            List<List<Sample>> blocks = new ArrayList<>();
            try {
                if (bucketQuery == null) {
                    bucketQuery = c.prepareStatement(
                            "SELECT id, x_first, n, data FROM history_block WHERE tag_key = ? AND x_first BETWEEN ? AND ?");
                }
                PreparedStatement ps = bucketQuery;
                ps.setInt(1, key);
                ps.setLong(2, bucket);
                ps.setLong(3, hi);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        order.add(new long[] {rs.getLong(1), blocks.size()});
                        blocks.add(BlockCodec.decode(rs.getLong(2), rs.getInt(3), rs.getBytes(4)));
                    }
                }
            } catch (SQLException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
            if (blocks.size() == 1) {
                return dedupe(blocks.get(0));
            }
            // Blocks in write order, then a stable sort by x: equal x keep their write order.
            order.sort(Comparator.comparingLong(a -> a[0]));
            List<Sample> all = new ArrayList<>();
            for (long[] o : order) {
                all.addAll(blocks.get((int) o[1]));
            }
            all.sort(Comparator.comparingLong(Sample::x));
            return dedupe(all);
        }

        private List<Sample> dedupe(List<Sample> sorted) {
            if (!update || sorted.size() < 2) {
                return sorted;
            }
            List<Sample> out = new ArrayList<>(sorted.size());
            for (Sample s : sorted) {
                if (!out.isEmpty() && out.get(out.size() - 1).x() == s.x()) {
                    out.set(out.size() - 1, s);
                } else {
                    out.add(s);
                }
            }
            return out;
        }

        private Long prevBucket(long bucket) {
            try {
                if (prevQuery == null) {
                    prevQuery = c.prepareStatement("SELECT MAX(x_first) FROM history_block WHERE tag_key = ? AND x_first < ?");
                }
                return scalar(prevQuery, bucket);
            } catch (SQLException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        private Long nextBucket(long fromX) {
            try {
                if (nextQuery == null) {
                    nextQuery = c.prepareStatement("SELECT MIN(x_first) FROM history_block WHERE tag_key = ? AND x_first >= ?");
                }
                return scalar(nextQuery, fromX);
            } catch (SQLException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        private Long scalar(PreparedStatement ps, long x) {
            try {
                ps.setInt(1, key);
                ps.setLong(2, x);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    long v = rs.getLong(1);
                    return rs.wasNull() ? null : bucketOf(v);
                }
            } catch (SQLException e) {
                throw new StoreException("reading history failed: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            try {
                for (PreparedStatement ps : new PreparedStatement[] {bucketQuery, prevQuery, nextQuery, scanQuery, inOrderQuery, blockIdQuery,
                    summaryQuery, blockQuery}) {
                    if (ps != null) {
                        ps.close();
                    }
                }
                if (ownsConnection) {
                    c.close();
                }
            } catch (SQLException e) {
                // nothing was written through this connection
            }
        }
    }
}
