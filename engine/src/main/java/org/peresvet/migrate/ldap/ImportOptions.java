package org.peresvet.migrate.ldap;

import java.util.Set;

/**
 * Choices the directory cannot make for the importer.
 *
 * @param broker              the MQTT broker the platform's connectors talk to (the directory does
 *                            not hold it); imported connectors get it, to be edited later if wrong
 * @param existingExportTargets names of the export targets the project already has (export.json);
 *                            a storage with one of these names is reported as a conflict
 */
public record ImportOptions(String broker, Set<String> existingExportTargets) {
    public static final String DEFAULT_BROKER = "tcp://127.0.0.1:1883";

    public ImportOptions {
        broker = broker == null || broker.isBlank() ? DEFAULT_BROKER : broker.strip();
        existingExportTargets = existingExportTargets == null ? Set.of() : Set.copyOf(existingExportTargets);
    }

    public static ImportOptions defaults() {
        return new ImportOptions(DEFAULT_BROKER, Set.of());
    }

    public ImportOptions withExistingExportTargets(Set<String> names) {
        return new ImportOptions(broker, names);
    }
}
