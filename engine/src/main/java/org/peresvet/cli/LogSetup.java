package org.peresvet.cli;

/**
 * Points logback at our own configuration before anything logs. HiveMQ CE's jar (the built-in
 * broker) carries a {@code logback.xml} of its own; two files of that name on the class path make
 * logback print some twenty status lines at every start, even before {@code --version}. Ours is
 * named {@code peresvet-logback.xml} so that logback never has to choose between them.
 */
public final class LogSetup {
    /** The class-path resource with our console log configuration. */
    public static final String CONFIGURATION = "peresvet-logback.xml";
    static final String PROPERTY = "logback.configurationFile";

    private LogSetup() {
    }

    /** Call first in every main method; a configuration given with {@code -Dlogback.configurationFile} wins. */
    public static void useOwnConfiguration() {
        if (System.getProperty(PROPERTY) == null) {
            System.setProperty(PROPERTY, CONFIGURATION);
        }
    }
}
