package org.peresvet.connector.board;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.peresvet.connector.mqtt.profile.EspHome;

/**
 * ESPHome's MQTT component with Home Assistant discovery on (its defaults): states retained under
 * {@code <name>/<component>/<object_id>/state}, commands on {@code .../command}, birth
 * {@code <name>/status online} with last will {@code offline}, abbreviated discovery configs under
 * {@code homeassistant/<component>/<name>/<object_id>/config} with the device block ESPHome sends.
 */
final class EspHomeFirmware implements Firmware {
    static final String VERSION = "2024.6.1";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final String name;
    private final String mac;
    private final String discoveryPrefix;

    EspHomeFirmware(String name, String mac, String discoveryPrefix) {
        this.name = name;
        this.mac = mac.toLowerCase(Locale.ROOT);
        this.discoveryPrefix = discoveryPrefix;
    }

    @Override
    public String availabilityTopic() {
        return EspHome.statusTopic(name);
    }

    @Override
    public String onlinePayload() {
        return EspHome.ONLINE;
    }

    @Override
    public String offlinePayload() {
        return EspHome.OFFLINE;
    }

    @Override
    public List<String> commandFilters(BoardPlant plant) {
        List<String> out = new ArrayList<>();
        out.add(EspHome.commandTopic(name, "switch", "pump"));
        plant.extraSwitches().forEach(x -> out.add(EspHome.commandTopic(name, "switch", x.objectId())));
        return out;
    }

    @Override
    public void announce(Out out, BoardPlant plant) {
        out.publish(availabilityTopic(), EspHome.ONLINE, true);
        ObjectNode pump = base("switch", "pump", "Pump");
        pump.put("cmd_t", EspHome.commandTopic(name, "switch", "pump"));
        pump.put("ic", "mdi:pump");
        discovery("switch", "pump", pump, out);
        discovery("sensor", "tank_level", sensor("tank_level", "Tank Level", "%", "volume_storage"), out);
        discovery("sensor", "pressure", sensor("pressure", "Discharge Pressure", "bar", "pressure"), out);
        discovery("sensor", "motor_current", sensor("motor_current", "Motor Current", "A", "current"), out);
        ObjectNode wifi = sensor("wifi_signal", "WiFi Signal", "dBm", "signal_strength");
        wifi.put("ent_cat", "diagnostic");
        discovery("sensor", "wifi_signal", wifi, out);
        for (BoardPlant.Sensor x : plant.extraSensors()) {
            discovery("sensor", x.objectId(), sensor(x.objectId(), x.title(), x.unit(), x.deviceClass()), out);
        }
        for (BoardPlant.BinarySensor x : plant.binarySensors()) {
            ObjectNode b = base("binary_sensor", x.objectId(), x.title());
            b.put("dev_cla", x.deviceClass());
            discovery("binary_sensor", x.objectId(), b, out);
        }
        for (BoardPlant.Switch x : plant.extraSwitches()) {
            ObjectNode sw = base("switch", x.objectId(), x.title());
            sw.put("cmd_t", EspHome.commandTopic(name, "switch", x.objectId()));
            discovery("switch", x.objectId(), sw, out);
            out.publish(EspHome.stateTopic(name, "switch", x.objectId()), EspHome.onOff(plant.switchState(x.objectId())), true);
        }
        publishRelay(out, plant.pump());
        publishSensors(out, plant);
    }

    private ObjectNode sensor(String objectId, String title, String unit, String deviceClass) {
        ObjectNode s = base("sensor", objectId, title);
        s.put("unit_of_meas", unit);
        s.put("dev_cla", deviceClass);
        s.put("stat_cla", "measurement");
        return s;
    }

    /** The keys ESPHome writes for every entity, in its order. */
    private ObjectNode base(String component, String objectId, String title) {
        ObjectNode o = JSON.createObjectNode();
        o.put("name", title);
        o.put("stat_t", EspHome.stateTopic(name, component, objectId));
        o.put("avty_t", availabilityTopic());
        // ESPHome's MAC-based ids (discovery_unique_id_generator: mac): two boards with the same
        // entities on one broker stay apart; the legacy "ESP<component><object_id>" would clash.
        o.put("uniq_id", mac + "-" + component + "-" + objectId);
        ObjectNode dev = o.putObject("dev");
        dev.put("ids", mac);
        dev.put("name", name);
        dev.put("sw", "esphome v" + VERSION + " Jun 10 2024, 10:00:00");
        dev.put("mdl", "esp32dev");
        dev.put("mf", "espressif");
        ObjectNode origin = o.putObject("o");
        origin.put("name", "ESPHome");
        origin.put("sw", VERSION);
        origin.put("url", "https://esphome.io");
        return o;
    }

    private void discovery(String component, String objectId, ObjectNode config, Out out) {
        out.publish(discoveryPrefix + "/" + component + "/" + name + "/" + objectId + "/config", config.toString(), true);
    }

    @Override
    public void publishSensors(Out out, BoardPlant plant) {
        out.publish(EspHome.stateTopic(name, "sensor", "tank_level"), fmt(plant.level(), 1), true);
        out.publish(EspHome.stateTopic(name, "sensor", "pressure"), fmt(plant.pressureReading(), 2), true);
        out.publish(EspHome.stateTopic(name, "sensor", "motor_current"), fmt(plant.currentReading(), 2), true);
        out.publish(EspHome.stateTopic(name, "sensor", "wifi_signal"), fmt(plant.wifiSignal(), 0), true);
        for (BoardPlant.Sensor x : plant.extraSensors()) {
            out.publish(EspHome.stateTopic(name, "sensor", x.objectId()), fmt(plant.read(x.objectId()), x.decimals()), true);
        }
        for (BoardPlant.BinarySensor x : plant.binarySensors()) {
            out.publish(EspHome.stateTopic(name, "binary_sensor", x.objectId()), EspHome.onOff(plant.binaryState(x.objectId())), x.retained());
        }
    }

    @Override
    public boolean extraCommand(String topic, String payload, BoardPlant plant, Out out) {
        for (BoardPlant.Switch x : plant.extraSwitches()) {
            if (topic.equals(EspHome.commandTopic(name, "switch", x.objectId()))) {
                boolean now = plant.switchState(x.objectId());
                boolean want = switch (payload.strip().toUpperCase(Locale.ROOT)) {
                    case "ON" -> true;
                    case "OFF" -> false;
                    case "TOGGLE" -> !now;
                    default -> now;
                };
                plant.setSwitch(x.objectId(), want);
                out.publish(EspHome.stateTopic(name, "switch", x.objectId()), EspHome.onOff(want), true);
                return true;
            }
        }
        return false;
    }

    @Override
    public Boolean relayCommand(String topic, String payload, boolean current) {
        if (!topic.equals(EspHome.commandTopic(name, "switch", "pump"))) {
            return null;
        }
        return switch (payload.strip().toUpperCase(Locale.ROOT)) {
            case "ON" -> Boolean.TRUE;
            case "OFF" -> Boolean.FALSE;
            case "TOGGLE" -> !current;
            default -> null;
        };
    }

    @Override
    public void publishRelay(Out out, boolean on) {
        out.publish(EspHome.stateTopic(name, "switch", "pump"), EspHome.onOff(on), true);
    }

    static String fmt(double v, int decimals) {
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }
}
