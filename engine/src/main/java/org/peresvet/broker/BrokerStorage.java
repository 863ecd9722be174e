package org.peresvet.broker;

import com.hivemq.configuration.service.InternalConfigurations;
import com.hivemq.migration.meta.PersistenceType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
