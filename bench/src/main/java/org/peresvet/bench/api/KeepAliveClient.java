package org.peresvet.bench.api;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;

/**
 * One client with one keep-alive HTTP/1.1 connection, the way a script, a Grafana data source or
 * {@code curl --keepalive} talks to the API: a blocking socket, the request in one write, the
 * answer read by its Content-Length. It costs a fraction of {@code java.net.http.HttpClient}'s CPU,
 * which matters when client and server share two cores. Not thread-safe: one per client thread.
 */
final class KeepAliveClient implements AutoCloseable {
    private final InetSocketAddress address;
    private Socket socket;
    private OutputStream out;
    private InputStream in;
    private byte[] body = new byte[4096];

    KeepAliveClient(String host, int port) {
        this.address = new InetSocketAddress(host, port);
    }

    /** Sends {@code GET path} and reads the whole answer; returns the status. Reconnects once if the server closed. */
    int get(String path) throws IOException {
        byte[] request = ("GET " + path + " HTTP/1.1\r\nHost: " + address.getHostString() + ":" + address.getPort()
                + "\r\nAccept: application/json\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1);
        for (int attempt = 0; ; attempt++) {
            try {
                if (socket == null) {
                    connect();
                }
                out.write(request);
                out.flush();
                return readResponse();
            } catch (IOException e) {
                close();
                if (attempt > 0) {
                    throw e;
                }
            }
        }
    }

    private void connect() throws IOException {
        socket = new Socket();
        socket.setTcpNoDelay(true);
        socket.connect(address, 5000);
        socket.setSoTimeout(30_000);
        out = socket.getOutputStream();
        in = new BufferedInputStream(socket.getInputStream(), 8192);
    }

    private int readResponse() throws IOException {
        String status = line();
        if (!status.startsWith("HTTP/1.1 ")) {
            throw new IOException("not an HTTP answer: " + status);
        }
        int code = Integer.parseInt(status.substring(9, 12));
        int length = -1;
        boolean close = false;
        boolean chunked = false;
        for (String h; !(h = line()).isEmpty(); ) {
            int colon = h.indexOf(':');
            String name = colon < 0 ? h : h.substring(0, colon).trim();
            if (name.equalsIgnoreCase("Content-Length")) {
                length = Integer.parseInt(h.substring(colon + 1).trim());
            } else if (name.equalsIgnoreCase("Connection") && h.toLowerCase().contains("close")) {
                close = true;
            } else if (name.equalsIgnoreCase("Transfer-Encoding") && h.toLowerCase().contains("chunked")) {
                chunked = true;
            }
        }
        if (chunked) {
            readChunked();
            if (close) {
                close();
            }
            return code;
        }
        if (length < 0) {
            throw new IOException("an answer without Content-Length");
        }
        if (body.length < length) {
            body = new byte[length];
        }
        for (int read = 0; read < length; ) {
            int n = in.read(body, read, length - read);
            if (n < 0) {
                throw new IOException("the server closed the connection mid-answer");
            }
            read += n;
        }
        if (close) {
            close();
        }
        return code;
    }

    /** A streamed answer: chunks until the empty one; the bytes are only counted. */
    private void readChunked() throws IOException {
        for (; ; ) {
            String size = line();
            int semi = size.indexOf(';');
            int n = Integer.parseInt((semi < 0 ? size : size.substring(0, semi)).trim(), 16);
            if (n == 0) {
                while (!line().isEmpty()) {
                    // trailers
                }
                return;
            }
            if (body.length < n) {
                body = new byte[n];
            }
            for (int read = 0; read < n; ) {
                int r = in.read(body, read, n - read);
                if (r < 0) {
                    throw new IOException("the server closed the connection mid-answer");
                }
                read += r;
            }
            line();
        }
    }

    private String line() throws IOException {
        StringBuilder sb = new StringBuilder(64);
        for (int c; (c = in.read()) >= 0; ) {
            if (c == '\n') {
                int len = sb.length();
                if (len > 0 && sb.charAt(len - 1) == '\r') {
                    sb.setLength(len - 1);
                }
                return sb.toString();
            }
            sb.append((char) c);
        }
        throw new IOException("the server closed the connection");
    }

    @Override
    public void close() {
        if (socket != null) {
            try {
                socket.close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }
        socket = null;
    }
}
