package org.peresvet.connector.mqtt;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.SocketException;
import javax.net.ssl.HandshakeCompletedListener;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSession;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * A TLS socket layered over a {@link ReadAheadSocket}, so TLS connections read ahead and
 * acknowledge at once like plain ones. Paho asks the factory for an unconnected socket and then
 * connects it; the TLS layer can only be put on a connected socket, so this one connects the
 * plain socket first and forwards every TLS call to the layer made then. Used by Paho's threads
 * in the order Paho uses any socket: connect, configure, handshake, read and write, close. Not
 * synchronized: a close from another thread must end a connect that hangs, as on a plain socket.
 */
final class ReadAheadTlsSocket extends SSLSocket implements ReceiverAware {
    private final SSLSocketFactory tls;
    private final ReadAheadSocket plain = new ReadAheadSocket();
    private volatile SSLSocket layer;

    ReadAheadTlsSocket(SSLSocketFactory tls) {
        this.tls = tls;
    }

    /** The TLS layer reads the plain socket on the caller's thread: Paho's receiver. */
    @Override
    public Thread reader() {
        return plain.reader();
    }

    @Override
    public void onReaderDeath(Thread.UncaughtExceptionHandler h) {
        plain.onReaderDeath(h);
    }

    private SSLSocket layer() throws SocketException {
        SSLSocket s = layer;
        if (s == null) {
            throw new SocketException("not connected");
        }
        return s;
    }

    /** For the calls that cannot throw a checked exception. */
    private SSLSocket connectedLayer() {
        SSLSocket s = layer;
        if (s == null) {
            throw new IllegalStateException("not connected");
        }
        return s;
    }

    @Override
    public void connect(SocketAddress endpoint) throws IOException {
        connect(endpoint, 0);
    }

    @Override
    public void connect(SocketAddress endpoint, int timeout) throws IOException {
        if (!(endpoint instanceof InetSocketAddress to)) {
            throw new IllegalArgumentException("not an internet address: " + endpoint);
        }
        plain.connect(to, timeout);
        try {
            SSLSocket s = (SSLSocket) tls.createSocket(plain, to.getHostString(), to.getPort(), true);
            s.setUseClientMode(true);
            layer = s;
        } catch (IOException | RuntimeException e) {
            plain.close();
            throw e;
        }
    }

    @Override
    public void bind(SocketAddress local) throws IOException {
        plain.bind(local);
    }

    // ---- the TCP socket underneath ----

    @Override
    public InputStream getInputStream() throws IOException {
        return layer().getInputStream();
    }

    @Override
    public OutputStream getOutputStream() throws IOException {
        return layer().getOutputStream();
    }

    @Override
    public void close() throws IOException {
        SSLSocket s = layer;
        if (s != null) {
            s.close(); // closes the plain socket too (autoClose)
        } else {
            plain.close();
        }
    }

    @Override
    public boolean isConnected() {
        return plain.isConnected();
    }

    @Override
    public boolean isClosed() {
        return plain.isClosed();
    }

    @Override
    public boolean isBound() {
        return plain.isBound();
    }

    @Override
    public void setSoTimeout(int timeout) throws SocketException {
        plain.setSoTimeout(timeout);
    }

    @Override
    public int getSoTimeout() throws SocketException {
        return plain.getSoTimeout();
    }

    @Override
    public void setTcpNoDelay(boolean on) throws SocketException {
        plain.setTcpNoDelay(on);
    }

    @Override
    public boolean getTcpNoDelay() throws SocketException {
        return plain.getTcpNoDelay();
    }

    @Override
    public void setKeepAlive(boolean on) throws SocketException {
        plain.setKeepAlive(on);
    }

    @Override
    public InetAddress getInetAddress() {
        return plain.getInetAddress();
    }

    @Override
    public int getPort() {
        return plain.getPort();
    }

    @Override
    public InetAddress getLocalAddress() {
        return plain.getLocalAddress();
    }

    @Override
    public int getLocalPort() {
        return plain.getLocalPort();
    }

    @Override
    public SocketAddress getRemoteSocketAddress() {
        return plain.getRemoteSocketAddress();
    }

    @Override
    public SocketAddress getLocalSocketAddress() {
        return plain.getLocalSocketAddress();
    }

    @Override
    public void shutdownInput() throws IOException {
        layer().shutdownInput();
    }

    @Override
    public void shutdownOutput() throws IOException {
        layer().shutdownOutput();
    }

    @Override
    public String toString() {
        SSLSocket s = layer;
        return "ReadAheadTlsSocket[" + (s == null ? plain : s) + "]";
    }

    // ---- TLS: forwarded to the layer ----

    @Override
    public void startHandshake() throws IOException {
        layer().startHandshake();
    }

    @Override
    public SSLSession getSession() {
        return connectedLayer().getSession();
    }

    @Override
    public SSLSession getHandshakeSession() {
        return connectedLayer().getHandshakeSession();
    }

    @Override
    public SSLParameters getSSLParameters() {
        return connectedLayer().getSSLParameters();
    }

    @Override
    public void setSSLParameters(SSLParameters params) {
        connectedLayer().setSSLParameters(params);
    }

    @Override
    public String[] getSupportedCipherSuites() {
        return tls.getSupportedCipherSuites();
    }

    @Override
    public String[] getEnabledCipherSuites() {
        return connectedLayer().getEnabledCipherSuites();
    }

    @Override
    public void setEnabledCipherSuites(String[] suites) {
        connectedLayer().setEnabledCipherSuites(suites);
    }

    @Override
    public String[] getSupportedProtocols() {
        return connectedLayer().getSupportedProtocols();
    }

    @Override
    public String[] getEnabledProtocols() {
        return connectedLayer().getEnabledProtocols();
    }

    @Override
    public void setEnabledProtocols(String[] protocols) {
        connectedLayer().setEnabledProtocols(protocols);
    }

    @Override
    public void addHandshakeCompletedListener(HandshakeCompletedListener listener) {
        connectedLayer().addHandshakeCompletedListener(listener);
    }

    @Override
    public void removeHandshakeCompletedListener(HandshakeCompletedListener listener) {
        connectedLayer().removeHandshakeCompletedListener(listener);
    }

    @Override
    public void setUseClientMode(boolean mode) {
        connectedLayer().setUseClientMode(mode);
    }

    @Override
    public boolean getUseClientMode() {
        return true;
    }

    @Override
    public void setNeedClientAuth(boolean need) {
        connectedLayer().setNeedClientAuth(need);
    }

    @Override
    public boolean getNeedClientAuth() {
        return connectedLayer().getNeedClientAuth();
    }

    @Override
    public void setWantClientAuth(boolean want) {
        connectedLayer().setWantClientAuth(want);
    }

    @Override
    public boolean getWantClientAuth() {
        return connectedLayer().getWantClientAuth();
    }

    @Override
    public void setEnableSessionCreation(boolean flag) {
        connectedLayer().setEnableSessionCreation(flag);
    }

    @Override
    public boolean getEnableSessionCreation() {
        return connectedLayer().getEnableSessionCreation();
    }

    @Override
    public String getApplicationProtocol() {
        return connectedLayer().getApplicationProtocol();
    }

    @Override
    public String getHandshakeApplicationProtocol() {
        return connectedLayer().getHandshakeApplicationProtocol();
    }
}
