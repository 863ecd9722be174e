package org.peresvet.connector.mqtt;

/**
 * A socket that knows which thread reads it: Paho's receiver. Paho's receiver catches only I/O
 * and MQTT exceptions; any other exception while decoding a packet ends the thread and leaves the
 * connection open and deaf. The link watches that thread through its socket.
 */
interface ReceiverAware {
    /** The thread that read this socket last (after the connect: Paho's receiver), or null before the first read. */
    Thread reader();

    /** Installed on every thread that starts reading: reports its death instead of a stack trace. */
    void onReaderDeath(Thread.UncaughtExceptionHandler h);
}
