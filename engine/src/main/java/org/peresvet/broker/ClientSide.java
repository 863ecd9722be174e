package org.peresvet.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelFuture;
import io.netty.channel.ChannelFutureListener;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnectMessage;
import io.netty.handler.codec.mqtt.MqttConnectPayload;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttConnectVariableHeader;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttPublishVariableHeader;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttVersion;
import io.netty.util.ReferenceCountUtil;
import java.net.InetSocketAddress;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiPredicate;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One client's connection on the front: checks its CONNECT, then relays its packets to its own
 * connection to Moquette ({@link BrokerSide}) and the answers back. An MQTT 5 CONNECT is told to
 * Moquette as MQTT 3.1.1 (which 0.17 takes); the channel's codec keeps speaking MQTT 5 to the
 * client. Runs on the client channel's event loop, as does its broker connection.
 */
final class ClientSide extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(ClientSide.class);
    private static final int CONNECT_TIMEOUT_MS = 5000;
    private static final long OPEN_WAIT_NANOS = TimeUnit.SECONDS.toNanos(2);
    /** Packet ids of the front's own PUBLISHes: from the top, where clients that count up rarely are. */
    private static final int MAX_PACKET_ID = 65_535;
    private static final int OWN_PACKET_IDS_FROM = 60_000;

    private final InetSocketAddress broker;
    private final BiPredicate<String, byte[]> admits;
    private final AtomicLong publishesIn;
    private final RetainedMirror retained;
    private final Predicate<String> connectedInBroker;
    private final Queue<Object> early = new ArrayDeque<>();
    private Channel toBroker;
    private boolean connecting;
    /** Whether the client's packets go on to Moquette (after its CONNECT was taken), or wait in {@link #early}. */
    private boolean open;
    private int ownPacketId = MAX_PACKET_ID + 1;
    private BrokerSide answers;

    ClientSide(InetSocketAddress broker, BiPredicate<String, byte[]> admits, AtomicLong publishesIn, RetainedMirror retained,
               Predicate<String> connectedInBroker) {
        this.connectedInBroker = connectedInBroker;
        this.broker = broker;
        this.admits = admits;
        this.publishesIn = publishesIn;
        this.retained = retained;
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        if (!(msg instanceof MqttMessage m) || m.decoderResult().isFailure()) {
            LOG.debug("MQTT client {} sent a malformed packet: {}", ctx.channel().remoteAddress(),
                    msg instanceof MqttMessage m ? m.decoderResult().cause() : msg);
            ReferenceCountUtil.release(msg);
            ctx.close();
            return;
        }
        if (toBroker == null && !connecting) {
            onConnect(ctx, m);
            return;
        }
        MqttMessageType type = m.fixedHeader().messageType();
        if (type == MqttMessageType.CONNECT || type == MqttMessageType.AUTH) {
            // a second CONNECT is a protocol violation; enhanced authentication is not offered
            ReferenceCountUtil.release(m);
            ctx.close();
            return;
        }
        if (type == MqttMessageType.PUBLISH) {
            publishesIn.incrementAndGet();
            if (m.fixedHeader().isRetain()) {
                retained.published((MqttPublishMessage) m);
                if (m.fixedHeader().qosLevel() == MqttQoS.AT_MOST_ONCE) {
                    m = atQos1((MqttPublishMessage) m);
                }
            }
        }
        answers.sent(m);
        if (open) {
            toBroker.write(m);
        } else {
            early.add(m);
        }
    }

    private void onConnect(ChannelHandlerContext ctx, MqttMessage m) {
        if (!(m instanceof MqttConnectMessage connect)) {
            ReferenceCountUtil.release(m);
            ctx.close();
            return;
        }
        MqttConnectVariableHeader h = connect.variableHeader();
        boolean v5 = h.version() == MqttVersion.MQTT_5.protocolLevel();
        MqttConnectPayload p = connect.payload();
        String user = h.hasUserName() ? p.userName() : null;
        byte[] password = h.hasPassword() ? p.passwordInBytes() : null;
        if (!admits.test(user, password)) {
            refuse(ctx, v5 ? MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD
                    : user == null ? MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED
                    : MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD);
            return;
        }
        String assignedId = null;
        MqttConnectMessage forward = connect;
        if (v5) {
            if (p.clientIdentifier() == null || p.clientIdentifier().isEmpty()) {
                assignedId = "peresvet-" + UUID.randomUUID();
            }
            forward = asMqtt311(connect, assignedId);
        }
        String id = assignedId != null ? assignedId : p.clientIdentifier() == null || p.clientIdentifier().isEmpty() ? null
                : p.clientIdentifier();
        answers = new BrokerSide(ctx, this, id, v5, assignedId, retained);
        connecting = true;
        ctx.channel().config().setAutoRead(false);
        early.add(forward);
        Channel client = ctx.channel();
        Bootstrap b = new Bootstrap().group(client.eventLoop()).channel(NioSocketChannel.class)
                .option(ChannelOption.TCP_NODELAY, true).option(ChannelOption.CONNECT_TIMEOUT_MILLIS, CONNECT_TIMEOUT_MS)
                .handler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast("decoder", new MqttDecoder(MoquetteSettings.MAX_PACKET_BYTES))
                                .addLast("encoder", MqttEncoder.INSTANCE).addLast("relay", answers);
                    }
                });
        b.connect(broker).addListener((ChannelFutureListener) f -> connected(ctx, f));
    }

    private void connected(ChannelHandlerContext ctx, ChannelFuture f) {
        connecting = false;
        if (!f.isSuccess()) {
            LOG.warn("The MQTT front cannot reach the broker at {}: {}", broker, f.cause().toString());
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            refuse(ctx, answers.v5() ? MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5
                    : MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE);
            return;
        }
        toBroker = f.channel();
        if (!ctx.channel().isActive()) {
            early.forEach(ReferenceCountUtil::release);
            early.clear();
            toBroker.close();
            return;
        }
        // the CONNECT only: the rest waits until Moquette has taken the connection (see accepted)
        toBroker.writeAndFlush(early.poll());
    }

    /**
     * Moquette accepted the CONNECT: the client's next packets go on once Moquette counts the
     * session as connected. Moquette 0.17 marks it a moment after its CONNACK is written and drops
     * a connection whose SUBSCRIBE comes before; asking its session registry closes that gap.
     */
    void accepted(ChannelHandlerContext ctx, String clientId) {
        long until = System.nanoTime() + OPEN_WAIT_NANOS;
        Runnable check = new Runnable() {
            @Override
            public void run() {
                if (!ctx.channel().isActive()) {
                    return;
                }
                if (clientId == null || connectedInBroker.test(clientId) || System.nanoTime() - until > 0) {
                    open(ctx);
                } else {
                    ctx.executor().schedule(this, 1, TimeUnit.MILLISECONDS);
                }
            }
        };
        check.run();
    }

    private void open(ChannelHandlerContext ctx) {
        open = true;
        while (!early.isEmpty()) {
            toBroker.write(early.poll());
        }
        toBroker.flush();
        ctx.channel().config().setAutoRead(true);
    }

    /**
     * A retained PUBLISH at QoS 0 goes on to Moquette at QoS 1: Moquette 0.17 keeps no retained
     * message of QoS 0 (MQTT 3.1.1 allows that), but boards publish their discovery and
     * availability so. Moquette's PUBACK for it is not passed on ({@link BrokerSide}).
     */
    private MqttPublishMessage atQos1(MqttPublishMessage p) {
        ownPacketId = ownPacketId <= OWN_PACKET_IDS_FROM ? MAX_PACKET_ID : ownPacketId - 1;
        answers.ownPublish(ownPacketId);
        return new MqttPublishMessage(new MqttFixedHeader(MqttMessageType.PUBLISH, false, MqttQoS.AT_LEAST_ONCE, true, 0),
                new MqttPublishVariableHeader(p.variableHeader().topicName(), ownPacketId), p.payload());
    }

    /** The same CONNECT as MQTT 3.1.1: MQTT 5's clean start without a session expiry is a clean session. */
    private static MqttConnectMessage asMqtt311(MqttConnectMessage c, String assignedId) {
        MqttConnectVariableHeader h = c.variableHeader();
        Object expiry = h.properties().getProperty(MqttProperties.MqttPropertyType.SESSION_EXPIRY_INTERVAL.value());
        boolean keepsSession = expiry instanceof MqttProperties.IntegerProperty i && i.value() != 0;
        boolean clean = h.isCleanSession() || !keepsSession;
        MqttConnectVariableHeader v311 = new MqttConnectVariableHeader(MqttVersion.MQTT_3_1_1.protocolName(),
                MqttVersion.MQTT_3_1_1.protocolLevel(), h.hasUserName(), h.hasPassword(), h.isWillRetain(), h.willQos(),
                h.isWillFlag(), clean, h.keepAliveTimeSeconds());
        MqttConnectPayload p = c.payload();
        MqttConnectPayload payload = new MqttConnectPayload(assignedId == null ? p.clientIdentifier() : assignedId,
                MqttProperties.NO_PROPERTIES, p.willTopic(), p.willMessageInBytes(), p.userName(), p.passwordInBytes());
        return new MqttConnectMessage(c.fixedHeader(), v311, payload);
    }

    private static void refuse(ChannelHandlerContext ctx, MqttConnectReturnCode code) {
        ctx.writeAndFlush(MqttMessageBuilders.connAck().returnCode(code).sessionPresent(false).build())
                .addListener(ChannelFutureListener.CLOSE);
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        if (toBroker != null) {
            toBroker.flush();
        }
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // a slow client holds back what Moquette sends it, not the whole broker
        if (toBroker != null) {
            toBroker.config().setAutoRead(ctx.channel().isWritable());
        }
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        early.forEach(ReferenceCountUtil::release);
        early.clear();
        if (toBroker != null) {
            toBroker.close();
        }
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("MQTT client {}: {}", ctx.channel().remoteAddress(), cause.toString());
        ctx.close();
    }
}
