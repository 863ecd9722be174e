package org.peresvet.broker;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.group.ChannelGroup;
import io.netty.channel.group.DefaultChannelGroup;
import io.netty.channel.nio.NioEventLoopGroup;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioServerSocketChannel;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.ssl.SslContext;
import io.netty.util.concurrent.DefaultThreadFactory;
import io.netty.util.concurrent.GlobalEventExecutor;
import java.net.BindException;
import java.net.InetSocketAddress;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;

/**
 * The listeners boards and tools connect to: MQTT 3.1, 3.1.1 and 5, plain and over TLS. Every
 * client gets its own connection to Moquette's loopback port ({@link ClientSide}); an MQTT 5
 * client's packets are told to Moquette as MQTT 3.1.1 and its answers go back in MQTT 5 form.
 */
final class MqttFront implements AutoCloseable {
    private static final long LOAD_TIMEOUT_MS = 10_000;
    private static final int LOAD_ATTEMPTS = 3;
    private final EventLoopGroup loops = new NioEventLoopGroup(2, new DefaultThreadFactory("mqtt-front", true));
    private final ChannelGroup clients = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final ChannelGroup listeners = new DefaultChannelGroup(GlobalEventExecutor.INSTANCE);
    private final AtomicLong publishesIn = new AtomicLong();
    private final RetainedMirror retained = new RetainedMirror();
    private final InetSocketAddress broker;
    private final BiPredicate<String, byte[]> admits;
    private final Predicate<String> connectedInBroker;

    /**
     * @param broker Moquette's loopback listener
     * @param admits whether a user name (null: anonymous) and password may connect
     * @param connectedInBroker whether Moquette counts a client id's session as connected
     */
    MqttFront(InetSocketAddress broker, BiPredicate<String, byte[]> admits, Predicate<String> connectedInBroker) {
        this.connectedInBroker = connectedInBroker;
        this.broker = broker;
        this.admits = admits;
    }

    /**
     * Listens on {@code host:port}, with TLS when {@code tls} is given.
     *
     * @throws BrokerException when the port is taken or the address is not this host's
     */
    void listen(String host, int port, SslContext tls) {
        ServerBootstrap b = new ServerBootstrap().group(loops).channel(NioServerSocketChannel.class)
                .option(ChannelOption.SO_REUSEADDR, true).childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        clients.add(ch);
                        if (tls != null) {
                            ch.pipeline().addLast("tls", tls.newHandler(ch.alloc()));
                        }
                        ch.pipeline().addLast("decoder", new MqttDecoder(MoquetteSettings.MAX_PACKET_BYTES))
                                .addLast("encoder", MqttEncoder.INSTANCE)
                                .addLast("relay", new ClientSide(broker, admits, publishesIn, retained, connectedInBroker));
                    }
                });
        ChannelFuture bound = b.bind(host, port).awaitUninterruptibly();
        if (!bound.isSuccess()) {
            Throwable cause = bound.cause();
            if (cause instanceof BindException) {
                throw new BrokerException("port " + port + " is in use on " + host
                        + " (another broker or program listens there)", cause);
            }
            throw new BrokerException("cannot listen on " + host + ":" + port + ": " + cause.getMessage(), cause);
        }
        listeners.add(bound.channel());
    }

    /**
     * Learns the retained messages Moquette kept from before (call before {@link #listen}).
     *
     * @return how many there are
     */
    int loadRetained(String user, String password) throws TimeoutException, ExecutionException, InterruptedException {
        // Moquette 0.17 now and then drops a connection that subscribes at once after its CONNACK
        // (it marks the connection as connected a moment later): one more try then
        for (int attempt = 1; ; attempt++) {
            try {
                RetainedLoader.load(loops, broker, user, password, retained, LOAD_TIMEOUT_MS);
                return retained.size();
            } catch (ExecutionException e) {
                if (attempt == LOAD_ATTEMPTS) {
                    throw e;
                }
            }
        }
    }

    /** Clients connected now. */
    long clients() {
        return clients.size();
    }

    /** PUBLISH packets received from clients since start. */
    long publishesIn() {
        return publishesIn.get();
    }

    @Override
    public void close() {
        listeners.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        clients.close().awaitUninterruptibly(5, TimeUnit.SECONDS);
        loops.shutdownGracefully(0, 2, TimeUnit.SECONDS).awaitUninterruptibly(5, TimeUnit.SECONDS);
    }
}
