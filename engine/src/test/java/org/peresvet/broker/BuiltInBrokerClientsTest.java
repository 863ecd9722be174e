package org.peresvet.broker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.DataInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.eclipse.paho.mqttv5.client.IMqttToken;
import org.eclipse.paho.mqttv5.client.MqttCallback;
import org.eclipse.paho.mqttv5.client.MqttClient;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.MqttDisconnectResponse;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.eclipse.paho.mqttv5.common.MqttMessage;
import org.eclipse.paho.mqttv5.common.packet.MqttProperties;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built-in broker's front with clients of both MQTT generations: an MQTT 3.1.1 device (raw
 * packets, as a small board sends them) and Paho's MQTT 5 client exchange messages through it; an
 * MQTT 5 unsubscribe is answered in MQTT 5 form; a live message is not flagged retained while a
 * retained one is; a taken port is named.
 */
class BuiltInBrokerClientsTest {
    @TempDir
    Path dir;

    @Test
    void mqtt311DeviceAndMqtt5ClientTalkThroughTheFront() throws Exception {
        int port = freePort();
        BrokerConfig cfg = BrokerConfig.off().withEnabled(true).withListener("127.0.0.1", port).withAnonymous(true);
        try (BuiltInBroker broker = new BuiltInBroker(dir, cfg).start();
             Socket device = new Socket(InetAddress.getLoopbackAddress(), port)) {
            device.setSoTimeout(10_000);
            OutputStream out = device.getOutputStream();
            DataInputStream in = new DataInputStream(device.getInputStream());
            // CONNECT, MQTT 3.1.1, clean session, keep-alive 30 s, client id "dev1"
            out.write(new byte[] {0x10, 16, 0, 4, 'M', 'Q', 'T', 'T', 4, 0x02, 0, 30, 0, 4, 'd', 'e', 'v', '1'});
            out.flush();
            assertThat(new byte[] {in.readByte(), in.readByte(), in.readByte(), in.readByte()})
                    .containsExactly(0x20, 2, 0, 0);

            BlockingQueue<String> got = new LinkedBlockingQueue<>();
            MqttClient scada = connect("tcp://127.0.0.1:" + port, got);
            scada.subscribe("tele/dev1/#", 1);
            // PUBLISH QoS 0 retained: tele/dev1/LWT = Online
            byte[] topic = "tele/dev1/LWT".getBytes(StandardCharsets.US_ASCII);
            out.write(new byte[] {0x31, (byte) (2 + topic.length + 6), 0, (byte) topic.length});
            out.write(topic);
            out.write("Online".getBytes(StandardCharsets.US_ASCII));
            out.flush();
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("tele/dev1/LWT=Online retained=false");

            // a new QoS 1 subscriber gets the retained message flagged as retained; live ones stay unflagged
            MqttClient late = connect("tcp://127.0.0.1:" + port, got);
            late.subscribe("tele/+/LWT", 1);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("tele/dev1/LWT=Online retained=true");
            late.publish("tele/dev1/LWT", "Online".getBytes(StandardCharsets.UTF_8), 1, false);
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("tele/dev1/LWT=Online retained=false");
            assertThat(got.poll(10, TimeUnit.SECONDS)).isEqualTo("tele/dev1/LWT=Online retained=false");

            // MQTT 5 UNSUBSCRIBE needs its reason codes back
            late.unsubscribe(new String[] {"tele/+/LWT", "nothing/#"});
            assertThat(late.isConnected()).isTrue();
            assertThat(broker.clients()).isEqualTo(3);
            late.disconnect();
            late.close();
            scada.disconnect();
            scada.close();
        }
    }

    @Test
    void aTakenPortIsNamed() throws Exception {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            BuiltInBroker broker = new BuiltInBroker(dir, BrokerConfig.off().withEnabled(true)
                    .withListener("127.0.0.1", taken.getLocalPort()));
            assertThatThrownBy(broker::start).isInstanceOf(BrokerException.class)
                    .hasMessageContaining("port " + taken.getLocalPort() + " is in use");
            assertThat(broker.state()).isEqualTo(BuiltInBroker.State.FAILED);
            assertThat(broker.status().error()).contains("is in use");
            broker.close();
        }
    }

    private static MqttClient connect(String url, BlockingQueue<String> got) throws MqttException {
        MqttClient c = new MqttClient(url, "", null);
        MqttConnectionOptions o = new MqttConnectionOptions();
        o.setConnectionTimeout(10);
        c.setCallback(new MqttCallback() {
            @Override
            public void disconnected(MqttDisconnectResponse r) {
            }

            @Override
            public void mqttErrorOccurred(MqttException e) {
            }

            @Override
            public void messageArrived(String topic, MqttMessage m) {
                got.add(topic + "=" + new String(m.getPayload(), StandardCharsets.UTF_8) + " retained=" + m.isRetained());
            }

            @Override
            public void deliveryComplete(IMqttToken t) {
            }

            @Override
            public void connectComplete(boolean reconnect, String uri) {
            }

            @Override
            public void authPacketArrived(int reason, MqttProperties p) {
            }
        });
        c.connect(o);
        return c;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }
}
