package org.peresvet.app.mnemonic;

import javafx.geometry.Pos;
import javafx.scene.control.Label;
import javafx.scene.paint.Color;
import javafx.scene.shape.Circle;
import javafx.scene.shape.Polygon;
import javafx.scene.shape.Shape;
import javafx.scene.text.Font;
import javafx.scene.text.FontWeight;
import org.peresvet.model.AlarmPriority;
import org.peresvet.screen.WidgetDef;

/**
 * The alarms of a tag or subtree: nothing but a faint ring while all is normal; with alarms, the
 * most urgent priority's shape (1 square, 2 diamond, 3 triangle, 4 and 5 circles) in its colour
 * with its number, and the count beside it.
 */
final class AlarmIndicator extends SymbolNode {
    private final Circle idle = new Circle();
    private Shape shape;
    private final Label number = new Label();
    private final Label count = new Label();

    AlarmIndicator(WidgetDef def) {
        super(def);
        double s = Math.min(w(), h());
        idle.setCenterX(s / 2);
        idle.setCenterY(s / 2);
        idle.setRadius(s / 2 - 2);
        idle.setFill(null);
        idle.setStroke(Isa101.MUTED);
        idle.getStrokeDashArray().addAll(3.0, 3.0);
        number.setPrefSize(s, s);
        number.setAlignment(Pos.CENTER);
        number.setFont(Font.font("System", FontWeight.BOLD, s * 0.45));
        count.setLayoutX(s + 3);
        count.setLayoutY(s / 2 - 8);
        count.setFont(Font.font("System", FontWeight.BOLD, 12));
        count.setTextFill(Isa101.TEXT);
        getChildren().addAll(idle, number, count);
    }

    /** The priority shape drawn in an s × s box. */
    static Shape shapeOf(AlarmPriority p, double s) {
        Shape sh = switch (p) {
            case CRITICAL -> new Polygon(1, 1, s - 1, 1, s - 1, s - 1, 1, s - 1);
            case HIGH -> new Polygon(s / 2, 0, s, s / 2, s / 2, s, 0, s / 2);
            case MEDIUM -> new Polygon(s / 2, 0, s, s - 1, 0, s - 1);
            default -> new Circle(s / 2, s / 2, s / 2 - 1);
        };
        sh.setFill(Isa101.alarm(p));
        sh.setStroke(Isa101.OUTLINE);
        return sh;
    }

    @Override
    protected void render(Props p) {
        AlarmPriority pr = (AlarmPriority) p.get(Props.ALARM_PRIORITY);
        Object n = p.get(Props.ALARM_COUNT);
        if (shape != null) {
            getChildren().remove(shape);
            shape = null;
        }
        idle.setVisible(pr == null);
        if (pr == null) {
            number.setText("");
            count.setText("");
            return;
        }
        shape = shapeOf(pr, Math.min(w(), h()));
        getChildren().add(0, shape);
        number.setText(Isa101.alarmNumber(pr));
        number.setTextFill(pr == AlarmPriority.MEDIUM ? Isa101.TEXT : Color.WHITE);
        count.setText(n == null ? "" : n.toString());
    }
}
