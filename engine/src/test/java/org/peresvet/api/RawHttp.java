package org.peresvet.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Requests written byte by byte on a plain socket, for what a well-behaved client cannot send
 * (a foreign Host, broken encodings, bad chunking), and the answer read back as it came.
 */
final class RawHttp {

    /** An answer: status 0 when the connection closed (or timed out) without a status line. */
    record Answer(int status, Map<String, String> headers, String body) {
        String header(String name) {
            return headers.get(name.toLowerCase(Locale.ROOT));
        }

        boolean isJson() {
            String t = header("Content-Type");
            return t != null && t.startsWith("application/json") && body.strip().startsWith("{");
        }
    }

    private RawHttp() {
    }

    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.ISO_8859_1);
    }

    static Answer send(int port, byte[] request, int timeoutMillis) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 5000);
            s.setSoTimeout(timeoutMillis);
            OutputStream out = s.getOutputStream();
            out.write(request);
            out.flush();
            return read(s.getInputStream());
        } catch (IOException e) {
            return new Answer(0, Map.of(), String.valueOf(e));
        }
    }

    static Answer send(int port, String request) {
        return send(port, ascii(request), 10_000);
    }

    /** Reads one response: status line, headers, then a Content-Length or chunked body (or to EOF). */
    static Answer read(InputStream in) throws IOException {
        String statusLine;
        try {
            statusLine = line(in);
        } catch (SocketTimeoutException e) {
            return new Answer(0, Map.of(), "timeout");
        }
        if (statusLine == null || !statusLine.startsWith("HTTP/")) {
            return new Answer(0, Map.of(), statusLine == null ? "closed" : statusLine);
        }
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, String> headers = new LinkedHashMap<>();
        for (String l; (l = line(in)) != null && !l.isEmpty(); ) {
            int c = l.indexOf(':');
            if (c > 0) {
                headers.put(l.substring(0, c).strip().toLowerCase(Locale.ROOT), l.substring(c + 1).strip());
            }
        }
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        String len = headers.get("content-length");
        if (status == 204 || status == 304) {
            // no body
        } else if (len != null) {
            byte[] b = in.readNBytes(Integer.parseInt(len));
            body.write(b);
        } else if ("chunked".equalsIgnoreCase(headers.get("transfer-encoding"))) {
            for (String size; (size = line(in)) != null; ) {
                int n = Integer.parseInt(size.split(";")[0].strip(), 16);
                if (n == 0) {
                    line(in);
                    break;
                }
                body.write(in.readNBytes(n));
                line(in);
            }
        } else {
            try {
                body.write(in.readAllBytes());
            } catch (SocketTimeoutException e) {
                // streamed answer still open
            }
        }
        return new Answer(status, headers, body.toString(StandardCharsets.UTF_8));
    }

    private static String line(InputStream in) throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        int c;
        while ((c = in.read()) >= 0) {
            if (c == '\n') {
                break;
            }
            if (c != '\r') {
                b.write(c);
            }
        }
        if (c < 0 && b.size() == 0) {
            return null;
        }
        return b.toString(StandardCharsets.ISO_8859_1);
    }
}
