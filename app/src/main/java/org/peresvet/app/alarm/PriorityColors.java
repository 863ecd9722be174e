package org.peresvet.app.alarm;

import org.peresvet.model.AlarmPriority;

/** The priorities' colours as the stylesheet names them (-prs-alarm-*), for inline styles. Pure. */
final class PriorityColors {
    private PriorityColors() {
    }

    static String background(AlarmPriority p) {
        return switch (p) {
            case CRITICAL -> "#D0021B";
            case HIGH -> "#E8A317";
            case MEDIUM -> "#F2D024";
            case LOW -> "#B04EC2";
            case DIAGNOSTIC -> "#7D93AD";
        };
    }

    /** Light text on the dark colours, black on the light ones. */
    static String text(AlarmPriority p) {
        return p == AlarmPriority.CRITICAL || p == AlarmPriority.LOW ? "#FFFFFF" : "#000000";
    }

    /** A badge in the priority's colour, with a dark outline so it reads on any background. */
    static String badge(AlarmPriority p) {
        return "-fx-background-color: #1A1A1A, " + background(p) + "; -fx-background-insets: 0, 1; -fx-text-fill: " + text(p) + ";";
    }
}
