package org.peresvet.broker;

import io.netty.bootstrap.Bootstrap;
import io.netty.buffer.ByteBufUtil;
import io.netty.buffer.Unpooled;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.SimpleChannelInboundHandler;
import io.netty.channel.socket.SocketChannel;
import io.netty.channel.socket.nio.NioSocketChannel;
import io.netty.handler.codec.mqtt.MqttConnAckMessage;
import io.netty.handler.codec.mqtt.MqttConnectReturnCode;
import io.netty.handler.codec.mqtt.MqttDecoder;
import io.netty.handler.codec.mqtt.MqttEncoder;
import io.netty.handler.codec.mqtt.MqttMessage;
import io.netty.handler.codec.mqtt.MqttMessageBuilders;
import io.netty.handler.codec.mqtt.MqttPublishMessage;
import io.netty.handler.codec.mqtt.MqttQoS;
import io.netty.handler.codec.mqtt.MqttSubAckMessage;
import io.netty.handler.codec.mqtt.MqttVersion;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Reads the retained messages Moquette kept on disk into a {@link RetainedMirror}: subscribes to
 * {@code #} at QoS 0 (that way Moquette keeps the retain flag), then publishes a marker to itself;
 * the marker comes back after the last retained message.
 */
final class RetainedLoader {
    private RetainedLoader() {
    }

    static void load(EventLoopGroup loops, InetSocketAddress broker, String user, String password, RetainedMirror mirror,
                     long timeoutMillis) throws TimeoutException, ExecutionException, InterruptedException {
        String marker = "peresvet/broker-start/" + UUID.randomUUID();
        CompletableFuture<Void> done = new CompletableFuture<>();
        Channel ch = new Bootstrap().group(loops).channel(NioSocketChannel.class).handler(new ChannelInitializer<SocketChannel>() {
            @Override
            protected void initChannel(SocketChannel c) {
                c.pipeline().addLast(new MqttDecoder(MoquetteSettings.MAX_PACKET_BYTES), MqttEncoder.INSTANCE,
                        new SimpleChannelInboundHandler<MqttMessage>() {
                            @Override
                            public void channelActive(ChannelHandlerContext ctx) {
                                ctx.writeAndFlush(MqttMessageBuilders.connect().protocolVersion(MqttVersion.MQTT_3_1_1)
                                        .clientId("peresvet-retained-" + UUID.randomUUID()).cleanSession(true).hasUser(true)
                                        .username(user).hasPassword(true).password(password.getBytes(StandardCharsets.UTF_8))
                                        .keepAlive(30).build());
                            }

                            @Override
                            protected void channelRead0(ChannelHandlerContext ctx, MqttMessage m) {
                                if (m instanceof MqttConnAckMessage ack) {
                                    if (ack.variableHeader().connectReturnCode() != MqttConnectReturnCode.CONNECTION_ACCEPTED) {
                                        done.completeExceptionally(new IllegalStateException("refused: "
                                                + ack.variableHeader().connectReturnCode()));
                                        return;
                                    }
                                    ctx.writeAndFlush(MqttMessageBuilders.subscribe().messageId(1)
                                            .addSubscription(MqttQoS.AT_MOST_ONCE, "#").build());
                                } else if (m instanceof MqttSubAckMessage) {
                                    ctx.writeAndFlush(MqttMessageBuilders.publish().topicName(marker).qos(MqttQoS.AT_MOST_ONCE)
                                            .retained(false).payload(Unpooled.EMPTY_BUFFER).build());
                                } else if (m instanceof MqttPublishMessage p) {
                                    if (p.variableHeader().topicName().equals(marker)) {
                                        done.complete(null);
                                    } else if (p.fixedHeader().isRetain()) {
                                        mirror.put(p.variableHeader().topicName(), ByteBufUtil.getBytes(p.payload()));
                                    }
                                }
                            }

                            @Override
                            public void channelInactive(ChannelHandlerContext ctx) {
                                done.completeExceptionally(new IllegalStateException("the broker closed the connection"));
                            }

                            @Override
                            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                                done.completeExceptionally(cause);
                                ctx.close();
                            }
                        });
            }
        }).connect(broker).sync().channel();
        try {
            done.get(timeoutMillis, TimeUnit.MILLISECONDS);
            ch.writeAndFlush(MqttMessage.DISCONNECT);
        } finally {
            ch.close().sync();
        }
    }
}
