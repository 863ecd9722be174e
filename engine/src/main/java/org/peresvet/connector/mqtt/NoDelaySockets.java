package org.peresvet.connector.mqtt;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.util.function.Consumer;
import javax.net.SocketFactory;
import javax.net.ssl.SSLSocketFactory;

/**
 * Socket factories that switch Nagle's algorithm off. MQTT messages are small and a command waits
 * for an answer: with Nagle on, a publish can sit up to a delayed-ACK period (40 ms on Linux)
 * before it leaves, which alone would break a 50 ms write round trip. Sockets also read ahead
 * and acknowledge at once ({@link ReadAheadSocket}); TLS is layered on such a socket
 * ({@link ReadAheadTlsSocket}).
 */
final class NoDelaySockets {
    private NoDelaySockets() {
    }

    static SocketFactory plain() {
        return plain(s -> { });
    }

    /** @param created told about every socket made for Paho (the link watches its reader) */
    static SocketFactory plain(Consumer<Socket> created) {
        return new SocketFactory() {
            @Override
            public Socket createSocket() throws IOException {
                Socket s = nd(new ReadAheadSocket());
                created.accept(s);
                return s;
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port), null);
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return connected(new InetSocketAddress(host, port), null);
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return connected(new InetSocketAddress(host, port), new InetSocketAddress(local, localPort));
            }

            private Socket connected(InetSocketAddress to, InetSocketAddress from) throws IOException {
                Socket s = createSocket();
                try {
                    if (from != null) {
                        s.bind(from);
                    }
                    s.connect(to);
                    return s;
                } catch (IOException e) {
                    s.close();
                    throw e;
                }
            }
        };
    }

    static SSLSocketFactory tls(SSLSocketFactory d) {
        return tls(d, s -> { });
    }

    static SSLSocketFactory tls(SSLSocketFactory d, Consumer<Socket> created) {
        return new SSLSocketFactory() {
            @Override
            public String[] getDefaultCipherSuites() {
                return d.getDefaultCipherSuites();
            }

            @Override
            public String[] getSupportedCipherSuites() {
                return d.getSupportedCipherSuites();
            }

            /** What Paho asks for: connected later, read ahead and quick ACKs underneath. */
            @Override
            public Socket createSocket() throws IOException {
                Socket s = nd(new ReadAheadTlsSocket(d));
                created.accept(s);
                return s;
            }

            @Override
            public Socket createSocket(Socket s, String host, int port, boolean autoClose) throws IOException {
                return nd(d.createSocket(s, host, port, autoClose));
            }

            @Override
            public Socket createSocket(String host, int port) throws IOException {
                return nd(d.createSocket(host, port));
            }

            @Override
            public Socket createSocket(String host, int port, InetAddress local, int localPort) throws IOException {
                return nd(d.createSocket(host, port, local, localPort));
            }

            @Override
            public Socket createSocket(InetAddress host, int port) throws IOException {
                return nd(d.createSocket(host, port));
            }

            @Override
            public Socket createSocket(InetAddress host, int port, InetAddress local, int localPort) throws IOException {
                return nd(d.createSocket(host, port, local, localPort));
            }
        };
    }

    private static Socket nd(Socket s) throws IOException {
        s.setTcpNoDelay(true);
        return s;
    }
}
