package org.peresvet.app.alarm;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Consumer;
import javafx.scene.Node;
import org.peresvet.alarm.AlarmView;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.ReasonRetry;
import org.peresvet.app.project.AlarmCommands;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.Permission;

/**
 * The operator station's alarms: a strip always in sight (counts by priority, the newest most
 * urgent unacknowledged alarm, a blinking marker only while something waits) and, on a click, a
 * panel of the active alarms with Acknowledge. Acknowledgements go through the project's alarm
 * commands as the logged-in user (the engine checks ACK_ALARMS and audits each one); without the
 * permission the buttons are disabled and say why. Fed like the workstation's banner: the feed
 * reads the active list at most once per refresh, on the pulse ({@link #poll()}). FX thread only.
 */
public final class OperatorAlarms implements AutoCloseable {
    private final AlarmListModel list = new AlarmListModel();
    private final AlarmFeed feed = new AlarmFeed();
    private final AlarmStrip strip;
    private final AlarmPanel panel;
    private final Consumer<Node> panelHost;
    private ProjectContext project;
    private boolean panelOpen;
    private ReasonRetry.Asker reasonAsker = refusal -> Optional.empty();

    /** {@code panelHost} shows the panel (a node) or hides it (null) where the station keeps it. */
    public OperatorAlarms(Consumer<Node> panelHost) {
        this.panelHost = panelHost;
        this.strip = new AlarmStrip(list, this::togglePanel);
        this.panel = new AlarmPanel(list, this);
    }

    /**
     * Who is asked for a reason when a rule of the project wants one for an acknowledgement
     * without a comment; the typed reason becomes the comment. By default nobody: it is refused.
     */
    public void askReasonWith(ReasonRetry.Asker asker) {
        reasonAsker = asker;
    }

    /** The strip: always shown. */
    public Node strip() {
        return strip.node();
    }

    /** Starts following the project's alarms, acting as its current user. */
    public void attach(ProjectContext p) {
        project = p;
        feed.attach(p.alarms());
        panel.permissionChanged();
    }

    public void detach() {
        project = null;
        feed.detach();
        list.update(List.of(), ModelSnapshot.empty());
        closePanel();
    }

    /** On the pulse: reads the list again when it changed. */
    public void poll() {
        List<AlarmView> active = feed.poll();
        if (active != null) {
            ProjectContext p = project;
            list.update(active, p == null ? ModelSnapshot.empty() : p.model().snapshot());
            panel.permissionChanged(); // cheap (a mask lookup); follows a switch of user
        }
    }

    public void togglePanel() {
        if (panelOpen) {
            closePanel();
        } else {
            openPanel();
        }
    }

    public void openPanel() {
        panel.permissionChanged(); // the user may have changed since (a lock, switch user)
        panelOpen = true;
        panelHost.accept(panel.node());
    }

    public void closePanel() {
        if (panelOpen) {
            panelOpen = false;
            panelHost.accept(null);
        }
    }

    public boolean panelOpen() {
        return panelOpen;
    }

    /** The view model (tests, the station's log). */
    public AlarmListModel list() {
        return list;
    }

    /** Whether the strip's marker blinks (something waits for acknowledgement). */
    public boolean blinking() {
        return strip.blinking();
    }

    /** The strip's text as an operator reads it (tests). */
    public String stripText() {
        return strip.text();
    }

    public AlarmPanel panel() {
        return panel;
    }

    /** Null when the current user may acknowledge, else why not (shown beside the disabled buttons). */
    String whyNotAcknowledge() {
        ProjectContext p = project;
        if (p == null) {
            return Messages.get("opAlarms.noProject");
        }
        if (p.security().permissions().contains(Permission.ACK_ALARMS)) {
            return null;
        }
        Actor a = p.actor();
        return Messages.get("opAlarms.notAllowed", a.name(), a.role() == null ? "-" : a.role(),
                Messages.get("permission." + Permission.ACK_ALARMS.name()));
    }

    /** What an acknowledgement did: how many, and the engine's refusal when it refused some. */
    record Outcome(int acknowledged, int refused, String refusal) {
    }

    /** Acknowledges {@code ids} (off the FX thread), then tells {@code done}. */
    void acknowledge(List<UUID> ids, String comment, Consumer<Outcome> done) {
        ProjectContext p = project;
        if (p == null || ids.isEmpty()) {
            done.accept(new Outcome(0, 0, null));
            return;
        }
        AlarmCommands alarms = p.alarms();
        List<UUID> todo = new ArrayList<>(ids);
        ReasonRetry.run(reason -> {
            int n = 0;
            int refused = 0;
            String why = null;
            for (UUID id : todo) {
                try {
                    // a rule of the project may want a reason: the comment is one, else the one asked for
                    n += alarms.acknowledge(id, comment != null ? comment : reason) ? 1 : 0;
                } catch (AccessDeniedException e) {
                    // the engine decides per alarm (subtree rules): the others may still pass
                    refused++;
                    why = e.getMessage();
                } catch (IllegalArgumentException gone) {
                    // deleted or disabled since it was shown
                }
            }
            return new Outcome(n, refused, why);
        }, reasonAsker, o -> {
            feed.invalidate();
            done.accept(o);
        }, e -> {
            feed.invalidate();
            done.accept(new Outcome(0, todo.size(), String.valueOf(e.getMessage())));
        });
    }

    @Override
    public void close() {
        strip.close();
        feed.close();
    }
}
