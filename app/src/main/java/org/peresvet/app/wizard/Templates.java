package org.peresvet.app.wizard;

import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.peresvet.connector.mqtt.discovery.DiscoveredEntity;
import org.peresvet.model.ValueType;

/**
 * The standard tags of a new object made from a template (a pump has Running, Command, Fault,
 * Auto, Current, Pressure), and which discovered entity fills which of them: the entity's tag
 * takes the standard name, so the object looks the same whichever board feeds it. Standard tags
 * no entity fills are created as manual tags. Pure.
 */
public final class Templates {

    /** One standard tag of a template. */
    public record Standard(String name, ValueType type, String units) {
    }

    private Templates() {
    }

    public static List<Standard> standardTags(WizardPlan.Template template) {
        return switch (template == null ? WizardPlan.Template.GENERIC : template) {
            case PUMP -> List.of(bool("Running"), bool("Command"), bool("Fault"), bool("Auto"), number("Current", "A"),
                    number("Pressure", "bar"));
            case TANK -> List.of(number("Level", "%"), bool("High"), bool("Low"), number("Temperature", "°C"));
            case VALVE -> List.of(bool("Open"), bool("Closed"), bool("Command"), number("Position", "%"), bool("Fault"));
            case GENERIC -> List.of();
        };
    }

    private static Standard bool(String name) {
        return new Standard(name, ValueType.BOOL, "");
    }

    private static Standard number(String name, String units) {
        return new Standard(name, ValueType.DOUBLE, units);
    }

    /**
     * The standard tag an entity fills in this template, or null: from its component, device
     * class and name (a pump's relay is its Command, a current sensor its Current).
     */
    public static String slotOf(WizardPlan.Template template, DiscoveredEntity e) {
        if (template == null || template == WizardPlan.Template.GENERIC) {
            return null;
        }
        String name = (e.name() == null ? e.key() : e.name()).toLowerCase(Locale.ROOT);
        String dc = e.deviceClass() == null ? "" : e.deviceClass();
        String c = e.component();
        boolean bool = c.equals("switch") || c.equals("binary_sensor");
        boolean sensor = c.equals("sensor") || c.equals("number");
        String slot = null;
        if (bool && (name.contains("fault") || name.contains("alarm") || dc.equals("problem"))) {
            slot = "Fault";
        } else if (bool && name.contains("auto")) {
            slot = "Auto";
        } else if (c.equals("binary_sensor") && (name.contains("running") || dc.equals("running") || dc.equals("power"))) {
            slot = "Running";
        } else if (c.equals("binary_sensor") && (name.contains("closed"))) {
            slot = "Closed";
        } else if (c.equals("binary_sensor") && (name.contains("open") || dc.equals("opening"))) {
            slot = "Open";
        } else if (c.equals("binary_sensor") && name.contains("high")) {
            slot = "High";
        } else if (c.equals("binary_sensor") && name.contains("low")) {
            slot = "Low";
        } else if (c.equals("switch")) {
            slot = "Command";
        } else if (sensor && (dc.equals("current") || name.contains("current"))) {
            slot = "Current";
        } else if (sensor && (dc.equals("pressure") || name.contains("pressure"))) {
            slot = "Pressure";
        } else if (sensor && (name.contains("level") || dc.equals("volume_storage") || dc.equals("volume"))) {
            slot = "Level";
        } else if (sensor && (dc.equals("temperature") || name.contains("temperature"))) {
            slot = "Temperature";
        } else if (sensor && name.contains("position")) {
            slot = "Position";
        }
        String found = slot;
        return found != null && standardTags(template).stream().anyMatch(s -> s.name().equals(found)) ? found : null;
    }

    /**
     * Gives the rows that go to an object of this template their standard names (each standard tag
     * once, first come first served); the other rows, and rows whose name the user typed, keep
     * theirs. With GENERIC every row gets its proposed name back.
     */
    public static void mapOnto(WizardPlan.Template template, List<EntityRow> rows) {
        Set<String> taken = new HashSet<>();
        for (EntityRow r : rows) {
            if (r.nameEdited || r.status == EntityRow.Status.VANISHED || r.existingTag != null) {
                continue;
            }
            String slot = slotOf(template, r.entity);
            if (slot != null && r.include && taken.add(slot)) {
                r.tagName = slot;
            } else {
                r.tagName = r.proposedName;
            }
        }
    }
}
