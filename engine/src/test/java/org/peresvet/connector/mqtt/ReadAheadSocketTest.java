package org.peresvet.connector.mqtt;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The read-ahead socket Paho reads from: every byte arrives once, in order; a timeout loses nothing. */
class ReadAheadSocketTest {
    private ServerSocket server;
    private Socket client;
    private Socket peer;

    @BeforeEach
    void connect() throws Exception {
        server = new ServerSocket(0, 1, InetAddress.getLoopbackAddress());
        client = NoDelaySockets.plain().createSocket();
        client.connect(new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 2000);
        peer = server.accept();
    }

    @AfterEach
    void close() throws Exception {
        client.close();
        peer.close();
        server.close();
    }

    @Test
    void theFactoryGivesReadAheadSocketsWithNagleOff() throws Exception {
        assertThat(client).isInstanceOf(ReadAheadSocket.class);
        assertThat(client.getTcpNoDelay()).isTrue();
        assertThat(client.getInputStream()).isSameAs(client.getInputStream()).isInstanceOf(ReadAheadSocket.ReadAhead.class);
    }

    @Test
    void mixedSmallAndLargeReadsSeeEveryByteInOrder() throws Exception {
        byte[] sent = new byte[300_000];
        new Random(7).nextBytes(sent);
        Thread writer = new Thread(() -> {
            try (OutputStream out = peer.getOutputStream()) {
                Random r = new Random(11);
                for (int off = 0; off < sent.length; ) {
                    int n = Math.min(sent.length - off, 1 + r.nextInt(5000));
                    out.write(sent, off, n);
                    out.flush();
                    off += n;
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        writer.start();
        DataInputStream in = new DataInputStream(client.getInputStream());
        byte[] got = new byte[sent.length];
        Random r = new Random(3);
        int pos = 0;
        while (pos < got.length) {
            switch (r.nextInt(3)) {
                case 0 -> got[pos++] = in.readByte();                      // Paho's header byte
                case 1 -> {                                                  // a payload
                    int n = Math.min(got.length - pos, 1 + r.nextInt(300));
                    in.readFully(got, pos, n);
                    pos += n;
                }
                default -> {                                                 // larger than the buffer: straight through
                    int n = Math.min(got.length - pos, 70_000);
                    in.readFully(got, pos, n);
                    pos += n;
                }
            }
        }
        writer.join(5000);
        assertThat(got).isEqualTo(sent);
        assertThat(in.read()).isEqualTo(-1);
    }

    @Test
    void aReadTimeoutLosesNothingAndAvailableCountsTheBuffer() throws Exception {
        client.setSoTimeout(150); // Paho polls its stop flag the same way
        InputStream in = client.getInputStream();
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);
        assertThat(in.available()).isZero();

        peer.getOutputStream().write(new byte[]{1, 2, 3, 4, 5});
        peer.getOutputStream().flush();
        assertThat(in.read()).isEqualTo(1);
        assertThat(in.available()).isEqualTo(4);
        byte[] rest = new byte[10];
        assertThat(in.read(rest, 0, 10)).isEqualTo(4);
        assertThat(rest).startsWith(2, 3, 4, 5);
        assertThatThrownBy(in::read).isInstanceOf(SocketTimeoutException.class);

        peer.getOutputStream().write(6);
        peer.getOutputStream().flush();
        assertThat(in.read()).isEqualTo(6);
    }
}
