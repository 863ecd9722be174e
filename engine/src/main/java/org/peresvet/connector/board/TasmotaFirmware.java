package org.peresvet.connector.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.LocalDateTime;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Locale;
import org.peresvet.connector.mqtt.profile.Tasmota;

/**
 * Tasmota 14 with the default full topic {@code %prefix%/%topic%/}: {@code tele/<t>/LWT}
 * Online/Offline (retained), {@code tele/<t>/STATE} and {@code tele/<t>/SENSOR} every TelePeriod,
 * relay commands on {@code cmnd/<t>/POWER} answered on {@code stat/<t>/RESULT} and
 * {@code stat/<t>/POWER}, and its own discovery ({@code tasmota/discovery/<MAC>/config} and
 * {@code /sensors}, retained). The analog inputs are scaled with ADC Range: {@code ANALOG.Range1}
 * is the tank level in 0.1 %, {@code ANALOG.Range2} the pressure in 0.01 bar; the energy monitor
 * gives the motor current ({@code ENERGY.Current}).
 */
final class TasmotaFirmware implements Firmware {
    static final String VERSION = "14.3.0(tasmota32)";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String topic;
    private final String mac;
    private final long bootMillis = System.currentTimeMillis();

    TasmotaFirmware(String topic, String mac) {
        this.topic = topic;
        this.mac = mac.toUpperCase(Locale.ROOT);
    }

    @Override
    public String availabilityTopic() {
        return Tasmota.topic(Tasmota.TELE, topic, "LWT");
    }

    @Override
    public String onlinePayload() {
        return Tasmota.ONLINE;
    }

    @Override
    public String offlinePayload() {
        return Tasmota.OFFLINE;
    }

    @Override
    public List<String> commandFilters(BoardPlant plant) {
        return List.of(Tasmota.topic(Tasmota.CMND, topic, "+"));
    }

    @Override
    public void announce(Out out, BoardPlant plant) {
        out.publish(availabilityTopic(), Tasmota.ONLINE, true);
        ObjectNode info1 = JSON.createObjectNode();
        ObjectNode i1 = info1.putObject("Info1");
        i1.put("Module", "ESP32-DevKit");
        i1.put("Version", VERSION);
        i1.put("FallbackTopic", "cmnd/DVES_" + mac.substring(6) + "_fb/");
        i1.put("GroupTopic", "cmnd/tasmotas/");
        out.publish(Tasmota.topic(Tasmota.TELE, topic, "INFO1"), info1.toString(), false);
        out.publish("tasmota/discovery/" + mac + "/config", discoveryConfig(), true);
        ObjectNode sensors = JSON.createObjectNode();
        sensors.set("sn", sensorJson(plant));
        sensors.put("ver", 1);
        out.publish("tasmota/discovery/" + mac + "/sensors", sensors.toString(), true);
        publishRelay(out, plant.pump());
        out.publish(Tasmota.topic(Tasmota.TELE, topic, "STATE"), stateJson(plant), false);
        publishSensors(out, plant);
    }

    private String discoveryConfig() {
        ObjectNode c = JSON.createObjectNode();
        c.put("ip", "192.168.1.50");
        c.put("dn", topic);
        ArrayNode fn = c.putArray("fn");
        fn.add("Pump");
        for (int i = 1; i < 8; i++) {
            fn.addNull();
        }
        c.put("hn", topic + "-" + mac.substring(6));
        c.put("mac", mac);
        c.put("md", "ESP32-DevKit");
        c.put("ty", 0);
        c.put("if", 0);
        c.put("cam", 0);
        c.put("ofln", Tasmota.OFFLINE);
        c.put("onln", Tasmota.ONLINE);
        ArrayNode state = c.putArray("state");
        state.add("OFF").add("ON").add("TOGGLE").add("HOLD");
        c.put("sw", VERSION.substring(0, VERSION.indexOf('(')));
        c.put("t", topic);
        c.put("ft", "%prefix%/%topic%/");
        ArrayNode tp = c.putArray("tp");
        tp.add(Tasmota.CMND).add(Tasmota.STAT).add(Tasmota.TELE);
        ArrayNode rl = c.putArray("rl");
        rl.add(1);
        for (int i = 1; i < 8; i++) {
            rl.add(0);
        }
        c.put("ver", 1);
        return c.toString();
    }

    private String time() {
        return LocalDateTime.now().truncatedTo(ChronoUnit.SECONDS).toString();
    }

    private ObjectNode sensorJson(BoardPlant plant) {
        ObjectNode s = JSON.createObjectNode();
        s.put("Time", time());
        if (plant.analogInputs()) {
            ObjectNode analog = s.putObject("ANALOG");
            analog.put("Range1", Math.round(plant.level() * 10));
            analog.put("Range2", Math.round(plant.pressureReading() * 100));
        }
        ObjectNode energy = s.putObject("ENERGY");
        if (!Double.isNaN(plant.energyKwh())) {
            energy.put("Total", Math.round(plant.energyKwh() * 1000) / 1000.0);
        }
        double current = plant.currentReading();
        energy.put("Voltage", 230);
        energy.put("Current", Math.round(current * 1000) / 1000.0);
        energy.put("Power", Math.round(230 * current * 0.85));
        energy.put("Factor", current == 0 ? 0.0 : 0.85);
        s.put("TempUnit", "C");
        return s;
    }

    private String stateJson(BoardPlant plant) {
        ObjectNode s = JSON.createObjectNode();
        long up = (System.currentTimeMillis() - bootMillis) / 1000;
        s.put("Time", time());
        s.put("Uptime", (up / 86400) + "T" + String.format(Locale.ROOT, "%02d:%02d:%02d", up / 3600 % 24, up / 60 % 60, up % 60));
        s.put("UptimeSec", up);
        s.put("Heap", 143);
        s.put("SleepMode", "Dynamic");
        s.put("Sleep", 50);
        s.put("LoadAvg", 19);
        s.put("MqttCount", 1);
        s.put("POWER", plant.pump() ? "ON" : "OFF");
        ObjectNode wifi = s.putObject("Wifi");
        wifi.put("AP", 1);
        wifi.put("SSId", "plant");
        wifi.put("Channel", 6);
        wifi.put("Mode", "11n");
        double signal = plant.wifiSignal();
        wifi.put("RSSI", (int) Math.max(0, Math.min(100, 2 * (signal + 100))));
        wifi.put("Signal", (int) signal);
        return s.toString();
    }

    @Override
    public void publishSensors(Out out, BoardPlant plant) {
        ObjectNode s = sensorJson(plant);
        out.publish(Tasmota.topic(Tasmota.TELE, topic, "SENSOR"), s.toString(), false);
    }

    /** Tasmota commands are case-insensitive; an empty POWER payload asks for the state. */
    @Override
    public Boolean relayCommand(String mqttTopic, String payload, boolean current) {
        Tasmota.Topic t = Tasmota.parse(mqttTopic);
        if (t == null || !t.prefix().equals(Tasmota.CMND) || !topic.equals(t.device())) {
            return null;
        }
        String cmd = t.suffix().toUpperCase(Locale.ROOT);
        if (!cmd.equals("POWER") && !cmd.equals("POWER1")) {
            return null;
        }
        return switch (payload.strip().toUpperCase(Locale.ROOT)) {
            case "ON", "1" -> Boolean.TRUE;
            case "OFF", "0" -> Boolean.FALSE;
            case "TOGGLE", "2" -> !current;
            case "" -> current;
            default -> null;
        };
    }

    @Override
    public void publishRelay(Out out, boolean on) {
        out.publish(Tasmota.topic(Tasmota.STAT, topic, "RESULT"), "{\"POWER\":\"" + (on ? "ON" : "OFF") + "\"}", false);
        out.publish(Tasmota.topic(Tasmota.STAT, topic, "POWER"), on ? "ON" : "OFF", false);
    }
}
