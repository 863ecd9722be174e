package org.peresvet.connector.mqtt.discovery;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLException;
import org.eclipse.paho.mqttv5.client.MqttAsyncClient;
import org.eclipse.paho.mqttv5.client.MqttClientException;
import org.eclipse.paho.mqttv5.client.MqttConnectionOptions;
import org.eclipse.paho.mqttv5.client.persist.MemoryPersistence;
import org.eclipse.paho.mqttv5.common.MqttException;
import org.peresvet.connector.mqtt.MqttSettings;

/**
 * "Test connection": one MQTT connect to a broker, and the cause named when it fails, so a user
 * knows whether to fix the address, the certificate or the password.
 */
public final class BrokerCheck {
    /** Why a connection failed. */
    public enum Outcome { CONNECTED, REFUSED, UNKNOWN_HOST, TLS_CERTIFICATE, BAD_CREDENTIALS, TIMEOUT, OTHER }

    /**
     * @param detail the underlying message, for the details line
     */
    public record Result(Outcome outcome, String detail) {
        public boolean ok() {
            return outcome == Outcome.CONNECTED;
        }
    }

    private BrokerCheck() {
    }

    /** Connects once (no retries) within the settings' connect timeout, then disconnects. */
    public static Result check(MqttSettings s) {
        MqttAsyncClient client = null;
        try {
            client = new MqttAsyncClient(s.brokerUrl(), s.clientId(), new MemoryPersistence());
            MqttConnectionOptions o = new MqttConnectionOptions();
            o.setConnectionTimeout(s.connectTimeoutSeconds());
            o.setAutomaticReconnect(false);
            o.setCleanStart(true);
            if (s.username() != null) {
                o.setUserName(s.username());
                o.setPassword(s.password() == null ? new byte[0] : s.password().getBytes(StandardCharsets.UTF_8));
            }
            if (s.tls() != null) {
                o.setSocketFactory(s.tls().socketFactory());
                o.setHttpsHostnameVerificationEnabled(s.tls().verifyHostname());
            }
            client.connect(o).waitForCompletion(s.connectTimeoutSeconds() * 1000L + 2000);
            if (!client.isConnected()) {
                return new Result(Outcome.TIMEOUT, "no answer within " + s.connectTimeoutSeconds() + " s");
            }
            client.disconnect().waitForCompletion(2000);
            return new Result(Outcome.CONNECTED, "connected to " + s.brokerUrl());
        } catch (MqttException e) {
            return classify(e);
        } catch (RuntimeException e) {
            Throwable c = e.getCause() instanceof GeneralSecurityException ? e.getCause() : e;
            return new Result(c instanceof GeneralSecurityException ? Outcome.TLS_CERTIFICATE : Outcome.OTHER, String.valueOf(c.getMessage()));
        } finally {
            if (client != null) {
                try {
                    client.close(true);
                } catch (MqttException e) {
                    // closing a client that never connected
                }
            }
        }
    }

    static Result classify(MqttException e) {
        int rc = e.getReasonCode();
        // MQTT 5: 134 bad user name or password, 135 not authorized; MQTT 3: 4 and 5
        if (rc == 134 || rc == 135 || rc == 4 || rc == 5) {
            return new Result(Outcome.BAD_CREDENTIALS, "the broker refused the user name or password (reason " + rc + ")");
        }
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof UnknownHostException) {
                return new Result(Outcome.UNKNOWN_HOST, "unknown host " + t.getMessage());
            }
            if (t instanceof ConnectException || t instanceof NoRouteToHostException) {
                return new Result(Outcome.REFUSED, String.valueOf(t.getMessage()));
            }
            if (t instanceof CertificateException || t instanceof SSLException) {
                return new Result(Outcome.TLS_CERTIFICATE, String.valueOf(t.getMessage()));
            }
            if (t instanceof SocketTimeoutException) {
                return new Result(Outcome.TIMEOUT, String.valueOf(t.getMessage()));
            }
        }
        if (rc == MqttClientException.REASON_CODE_CLIENT_TIMEOUT) {
            return new Result(Outcome.TIMEOUT, "no answer from the broker");
        }
        return new Result(Outcome.OTHER, e.getMessage() + " (reason " + rc + ")");
    }
}
