package org.peresvet.app.alarm;

import java.util.List;
import javafx.css.PseudoClass;
import javafx.scene.control.TableCell;
import org.peresvet.app.Messages;
import org.peresvet.model.AlarmPriority;

/** The alarm tables' cells: priority (shape, word, colour), state (words, shelving), and long texts. */
final class AlarmCells {
    private AlarmCells() {
    }

    /** Text with a chosen overrun, and the whole text as a tooltip when it does not fit. */
    static final class TextCell<S> extends TableCell<S, String> {
        TextCell(javafx.scene.control.OverrunStyle overrun) {
            setTextOverrun(overrun);
        }

        @Override
        protected void updateItem(String text, boolean empty) {
            super.updateItem(text, empty);
            setText(empty ? null : text);
            setTooltip(empty || text == null || text.isEmpty() ? null : new javafx.scene.control.Tooltip(text));
        }
    }

    /** Priority as a shape, a rank and a word, with the priority's colour behind (pseudo-class). */
    static final class PriorityCell<S> extends TableCell<S, AlarmPriority> {
        private static final List<PseudoClass> CLASSES = java.util.Arrays.stream(AlarmPriority.values())
                .map(p -> PseudoClass.getPseudoClass(AlarmText.priorityClass(p))).toList();

        PriorityCell() {
            getStyleClass().add("priority-cell");
        }

        @Override
        protected void updateItem(AlarmPriority p, boolean empty) {
            super.updateItem(p, empty);
            for (int i = 0; i < CLASSES.size(); i++) {
                pseudoClassStateChanged(CLASSES.get(i), !empty && p != null && p.ordinal() == i);
            }
            setText(empty || p == null ? null : AlarmText.priority(p));
        }
    }

    /** State in words, and for a shelving who, why and until when. */
    static final class StateCell extends TableCell<AlarmRow, AlarmRow> {
        StateCell() {
            getStyleClass().add("state-cell");
        }

        @Override
        protected void updateItem(AlarmRow r, boolean empty) {
            super.updateItem(r, empty);
            if (empty || r == null) {
                setText(null);
                setTooltip(null);
                return;
            }
            String text = AlarmText.shortState(r.state());
            String tip = AlarmText.state(r.state());
            if (r.needsAck()) {
                text = "! " + text; // unacknowledged reads without colour too
            }
            if (r.shelving() != null) {
                var s = r.shelving();
                text = s.oneShot() ? Messages.get("alarm.shelvedOneShot")
                        : Messages.get("alarm.shelvedUntil", AlarmText.minute(s.until(), java.time.LocalDate.now()));
                String until = s.oneShot() ? Messages.get("shelve.oneShot") : AlarmText.time(s.until());
                tip = Messages.get("alarms.shelvedBy", s.user(), s.reason(), until);
            }
            setText(text);
            setTooltip(new javafx.scene.control.Tooltip(tip));
        }
    }
}
