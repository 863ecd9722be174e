package org.peresvet.migrate.ldap;

/**
 * A VictoriaMetrics data storage of the platform, to become an export target of the project
 * (export.json is not part of the model; the facade writes it after the model edit succeeded).
 *
 * @param url the server's base URL, e.g. {@code http://vm:8428}
 */
public record ExportTargetSpec(String name, String url, boolean enabled) {
}
