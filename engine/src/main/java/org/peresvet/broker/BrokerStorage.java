package org.peresvet.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.migration.meta.PersistenceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where the broker keeps retained messages and sessions: HiveMQ's Xodus store (pure Java) for
 * everything. HiveMQ's default keeps retained messages and payloads in RocksDB, whose JNI library
 * (13 MB, unpacked into the temp folder at every start) the installer does not ship.
 */
final class BrokerStorage {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerStorage.class);
    /** How many levels below {@code data/persistence} a store's files lie ({@code retained_messages/040500_R/retained_messages_0}). */
    private static final int STORE_DEPTH = 4;
    /**
     * Buckets per store in a new data folder. HiveMQ's 64 suit a server of many thousand clients;
     * a plant's broker serves a few dozen, and each bucket is an Xodus environment opened at every
     * start: 5 stores x 64 made up most of the broker's one-second start.
     */
    static final int NEW_BUCKETS = 4;
    private static final String PAYLOADS = "publish_payload_store";
    private static final List<String> KEYED_STORES = List.of("client_queue", "client_session_store",
            "client_session_subscriptions", "retained_messages");

    private BrokerStorage() {
    }

    /**
     * Selects Xodus for retained messages and payloads. HiveMQ reads these settings (static, shared
     * by every broker of the JVM) when it builds its stores, so this runs right before each start.
     */
    static void useXodus() {
        InternalConfigurations.RETAINED_MESSAGE_PERSISTENCE_TYPE.set(PersistenceType.FILE);
        InternalConfigurations.PAYLOAD_PERSISTENCE_TYPE.set(PersistenceType.FILE);
    }

    /**
     * Sets HiveMQ's bucket counts for this data folder (static settings too, read when it builds its
     * stores): {@value #NEW_BUCKETS} for a new folder, the count found in one written before — a
     * key's bucket is its hash modulo the count, so a folder must be read with the count it was
     * written with.
     */
    static void sizeBuckets(Path data) throws IOException {
        Path persistence = data.resolve("persistence");
        int keyed = 0;
        for (String store : KEYED_STORES) {
            keyed = Math.max(keyed, bucketsIn(persistence, store));
        }
        int payloads = bucketsIn(persistence, PAYLOADS);
        InternalConfigurations.PERSISTENCE_BUCKET_COUNT.set(keyed == 0 ? NEW_BUCKETS : keyed);
        InternalConfigurations.PAYLOAD_PERSISTENCE_BUCKET_COUNT.set(payloads == 0 ? NEW_BUCKETS : payloads);
    }

    /** The buckets a store's folders hold ({@code retained_messages/040500/retained_messages_0 … _63}); 0 when none. */
    static int bucketsIn(Path persistence, String store) throws IOException {
        Path dir = persistence.resolve(store);
        if (!Files.isDirectory(dir)) {
            return 0;
        }
        String prefix = store + "_";
        int count = 0;
        try (Stream<Path> files = Files.walk(dir, 2)) {
            for (Path p : (Iterable<Path>) files::iterator) {
                String name = p.getFileName().toString();
                if (name.startsWith(prefix) && name.length() > prefix.length() && Files.isDirectory(p)
                        && name.substring(prefix.length()).chars().allMatch(Character::isDigit)) {
                    count = Math.max(count, Integer.parseInt(name.substring(prefix.length())) + 1);
                }
            }
        }
        return count;
    }

    /**
     * A data folder written by an earlier version (RocksDB stores in it) is moved aside. The
     * embedded HiveMQ does not migrate it (embedded, it reads its own version as a development
     * snapshot and skips its migrations): it would start without the retained messages, and with
     * sessions whose queued messages lost their payloads. Moving the whole folder keeps what the
     * broker starts with consistent (empty); boards publish their retained discovery configs again
     * when they reconnect.
     *
     * @return where the old folder went, or empty when there was nothing to move
     */
    static Optional<Path> moveAsideFormerStore(Path data) throws IOException {
        if (!holdsRocksDb(data.resolve("persistence"))) {
            return Optional.empty();
        }
        Path aside = data.resolveSibling(data.getFileName() + "-rocksdb");
        for (int n = 2; Files.exists(aside); n++) {
            aside = data.resolveSibling(data.getFileName() + "-rocksdb-" + n);
        }
        Files.move(data, aside);
        LOG.warn("The built-in broker's stored retained messages and sessions were written by an earlier version (RocksDB store), "
                + "which this version does not read: moved to {} (delete it when not needed); the broker starts empty and boards "
                + "publish their retained configs again when they reconnect", aside);
        return Optional.of(aside);
    }

    /** RocksDB writes the files CURRENT and IDENTITY in every store folder; Xodus writes {@code *.xd} files only. */
    private static boolean holdsRocksDb(Path persistence) throws IOException {
        if (!Files.isDirectory(persistence)) {
            return false;
        }
        try (Stream<Path> files = Files.walk(persistence, STORE_DEPTH)) {
            return files.anyMatch(f -> f.getFileName().toString().equals("IDENTITY")
                    && Files.isRegularFile(f.resolveSibling("CURRENT")));
        }
    }
}
