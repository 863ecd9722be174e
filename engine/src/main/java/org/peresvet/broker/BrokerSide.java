package org.peresvet.broker;

import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttFixedHeader;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttMessageIdAndPropertiesVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageIdVariableHeader;
import io.netty.handler.codec.mqtt.MqttMessageType;
import io.netty.handler.codec.mqtt.MqttProperties;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttSubscribeMessage;
import io.netty.handler.codec.mqtt.MqttTopicSubscription;
import io.netty.handler.codec.mqtt.MqttUnsubAckMessage;
import io.netty.handler.codec.mqtt.MqttUnsubAckPayload;
import io.netty.handler.codec.mqtt.MqttUnsubscribeMessage;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Moquette's answers to one client, relayed back on the client's channel. For an MQTT 5 client the
 * few packets whose MQTT 3.1.1 form differs are rewritten: CONNACK (reason codes, what the broker
 * does not offer) and UNSUBACK (a reason code per topic filter). The rest is the same packet; the
 * client channel's encoder writes it in MQTT 5 form (empty properties).
 */
final class BrokerSide extends ChannelInboundHandlerAdapter {
    private static final Logger LOG = LoggerFactory.getLogger(BrokerSide.class);
    private static final short UNSUBSCRIBED = 0;

    /** How long after a SUBACK a PUBLISH may be the retained message the subscription brings. */
    private static final long RETAINED_WINDOW_NANOS = TimeUnit.SECONDS.toNanos(5);

    private final ChannelHandlerContext clientContext;
    private final ClientSide clientSide;
    private final String clientId;
    private final Channel client;
    private final boolean v5;
    private final String assignedId;
    private final RetainedMirror retained;
    /** Topic filters of the client's UNSUBSCRIBEs awaiting their UNSUBACK, by packet id (MQTT 5 only). */
    private final Map<Integer, Integer> unsubscribing = new HashMap<>();
    /** Topic filters of the client's SUBSCRIBEs awaiting their SUBACK, by packet id. */
    private final Map<Integer, List<String>> subscribing = new HashMap<>();
    /** Retained messages a new subscription is about to bring, by topic, and until when. */
    private final Map<String, byte[]> expected = new HashMap<>();
    private long expectedUntil;
    /** PUBACKs Moquette owes the front itself, by packet id. */
    private final Map<Integer, Integer> ownAcks = new HashMap<>();

    /** @param clientId the client's id as Moquette knows it, null when Moquette makes one up */
    BrokerSide(ChannelHandlerContext clientContext, ClientSide clientSide, String clientId, boolean v5, String assignedId,
               RetainedMirror retained) {
        this.clientContext = clientContext;
        this.clientSide = clientSide;
        this.clientId = clientId;
        this.client = clientContext.channel();
        this.v5 = v5;
        this.assignedId = assignedId;
        this.retained = retained;
    }

    boolean v5() {
        return v5;
    }

    /** The front sent Moquette a PUBLISH of its own with this packet id: its PUBACK stays here. */
    void ownPublish(int packetId) {
        ownAcks.merge(packetId, 1, Integer::sum);
    }

    /** Notes what the client sends that its answer needs (called on the same event loop). */
    void sent(MqttMessage m) {
        if (v5 && m instanceof MqttUnsubscribeMessage u) {
            unsubscribing.put(u.variableHeader().messageId(), u.payload().topics().size());
        } else if (m instanceof MqttSubscribeMessage s) {
            subscribing.put(s.variableHeader().messageId(),
                    s.payload().topicSubscriptions().stream().map(MqttTopicSubscription::topicName).toList());
        }
    }

    @Override
    public void channelRead(ChannelHandlerContext ctx, Object msg) {
        Object out = msg;
        if (isOwnAck(msg)) {
            return;
        }
        if (msg instanceof MqttPublishMessage p) {
            out = withRetainFlag(p);
        } else if (msg instanceof MqttSubAckMessage ack) {
            List<String> filters = subscribing.remove(ack.variableHeader().messageId());
            if (filters != null) {
                if (System.nanoTime() - expectedUntil > 0) {
                    expected.clear();
                }
                expected.putAll(retained.matching(filters));
                expectedUntil = System.nanoTime() + RETAINED_WINDOW_NANOS;
            }
        } else if (v5 && msg instanceof MqttConnAckMessage ack) {
            out = connAck5(ack);
        } else if (v5 && msg instanceof MqttMessage m && m.fixedHeader().messageType() == MqttMessageType.UNSUBACK
                && m.variableHeader() instanceof MqttMessageIdVariableHeader id) {
            out = unsubAck5(id.messageId());
        }
        client.write(out);
        if (msg instanceof MqttConnAckMessage ack && ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            client.flush();
            clientSide.accepted(clientContext, clientId);
        }
    }

    private boolean isOwnAck(Object msg) {
        if (ownAcks.isEmpty() || !(msg instanceof MqttMessage m) || m.fixedHeader().messageType() != MqttMessageType.PUBACK
                || !(m.variableHeader() instanceof MqttMessageIdVariableHeader id)) {
            return false;
        }
        Integer n = ownAcks.get(id.messageId());
        if (n == null) {
            return false;
        }
        if (n == 1) {
            ownAcks.remove(id.messageId());
        } else {
            ownAcks.put(id.messageId(), n - 1);
        }
        return true;
    }

    /**
     * Moquette's PUBLISH, with the retain flag set again when it is the retained message a new
     * subscription brings (Moquette 0.17 drops the flag at QoS 1 and 2; see {@link RetainedMirror}).
     */
    private MqttPublishMessage withRetainFlag(MqttPublishMessage p) {
        if (expected.isEmpty()) {
            return p;
        }
        if (System.nanoTime() - expectedUntil > 0) {
            expected.clear();
            return p;
        }
        String topic = p.variableHeader().topicName();
        byte[] payload = expected.get(topic);
        if (payload == null) {
            return p;
        }
        expected.remove(topic);
        if (p.fixedHeader().isRetain() || !ByteBufUtil.equals(p.payload(), Unpooled.wrappedBuffer(payload))) {
            return p;
        }
        MqttFixedHeader h = p.fixedHeader();
        return new MqttPublishMessage(new MqttFixedHeader(h.messageType(), h.isDup(), h.qosLevel(), true, h.remainingLength()),
                p.variableHeader(), p.payload());
    }

    private MqttConnAckMessage connAck5(MqttConnAckMessage ack) {
        MqttProperties props = new MqttProperties();
        if (ack.variableHeader().connectReturnCode() == MqttConnectReturnCode.CONNECTION_ACCEPTED) {
            // Moquette 0.17 has no shared subscriptions and no subscription identifiers: say so
            props.add(new MqttProperties.IntegerProperty(MqttProperties.MqttPropertyType.SHARED_SUBSCRIPTION_AVAILABLE.value(), 0));
            props.add(new MqttProperties.IntegerProperty(
                    MqttProperties.MqttPropertyType.SUBSCRIPTION_IDENTIFIER_AVAILABLE.value(), 0));
            if (assignedId != null) {
                props.add(new MqttProperties.StringProperty(MqttProperties.MqttPropertyType.ASSIGNED_CLIENT_IDENTIFIER.value(),
                        assignedId));
            }
        }
        return MqttMessageBuilders.connAck().returnCode(reasonCode5(ack.variableHeader().connectReturnCode()))
                .sessionPresent(ack.variableHeader().isSessionPresent()).properties(props).build();
    }

    private static MqttConnectReturnCode reasonCode5(MqttConnectReturnCode c) {
        return switch (c) {
            case CONNECTION_REFUSED_UNACCEPTABLE_PROTOCOL_VERSION -> MqttConnectReturnCode.CONNECTION_REFUSED_UNSUPPORTED_PROTOCOL_VERSION;
            case CONNECTION_REFUSED_IDENTIFIER_REJECTED -> MqttConnectReturnCode.CONNECTION_REFUSED_CLIENT_IDENTIFIER_NOT_VALID;
            case CONNECTION_REFUSED_SERVER_UNAVAILABLE -> MqttConnectReturnCode.CONNECTION_REFUSED_SERVER_UNAVAILABLE_5;
            case CONNECTION_REFUSED_BAD_USER_NAME_OR_PASSWORD -> MqttConnectReturnCode.CONNECTION_REFUSED_BAD_USERNAME_OR_PASSWORD;
            case CONNECTION_REFUSED_NOT_AUTHORIZED -> MqttConnectReturnCode.CONNECTION_REFUSED_NOT_AUTHORIZED_5;
            default -> c;
        };
    }

    private MqttUnsubAckMessage unsubAck5(int packetId) {
        Integer filters = unsubscribing.remove(packetId);
        short[] codes = new short[filters == null ? 1 : filters];
        Arrays.fill(codes, UNSUBSCRIBED);
        return new MqttUnsubAckMessage(new MqttFixedHeader(MqttMessageType.UNSUBACK, false, MqttQoS.AT_MOST_ONCE, false, 0),
                new MqttMessageIdAndPropertiesVariableHeader(packetId, MqttProperties.NO_PROPERTIES), new MqttUnsubAckPayload(codes));
    }

    @Override
    public void channelReadComplete(ChannelHandlerContext ctx) {
        client.flush();
    }

    @Override
    public void channelWritabilityChanged(ChannelHandlerContext ctx) {
        // a flood from a client waits for Moquette to keep up
        client.config().setAutoRead(ctx.channel().isWritable());
    }

    @Override
    public void channelInactive(ChannelHandlerContext ctx) {
        client.flush();
        client.close();
    }

    @Override
    public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
        LOG.debug("broker side of {}: {}", client.remoteAddress(), cause.toString());
        ctx.close();
    }
}
