package org.peresvet.app.login;

import java.time.LocalTime;
import java.util.Arrays;
import java.util.Set;
import java.util.function.Supplier;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.application.Platform;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.event.Event;
import javafx.event.EventTarget;
import javafx.scene.Node;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.Tooltip;
import javafx.scene.input.KeyCode;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.layout.StackPane;
import javafx.util.Duration;
import org.peresvet.app.Messages;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.model.Actor;
import org.peresvet.security.AccessDeniedException;
import org.peresvet.security.LoginException;
import org.peresvet.security.Permission;

/**
 * Who sits at the workstation. When a project with users opens, a login card covers the workspace
 * until someone logs in (Cancel closes the project); from then on the project context acts as that
 * user, so the engine checks and audits every change under their name. After an idle time, or on
 * Lock, the card covers the workspace again until the same user's password is typed; "Switch
 * user…" logs in someone else. The menus and the shell's shortcuts are out of reach while the card
 * shows; the alarm banner and the horn below it keep working. A project without users logs no one
 * in and says so in the status bar. FX thread only.
 */
public final class LoginGate {
    /** The idle time after which the workstation locks, unless set otherwise. */
    public static final Duration DEFAULT_IDLE = Duration.minutes(10);

    private final StackPane workspace;
    private final Node chrome;
    private final Label userStatus;
    private final Feedback feedback;
    private final DialogService dialogs;
    private final Runnable cancelled;
    private final AuditIndicator audit;
    private final StackPane cover = new StackPane();
    private final LoginForm form = new LoginForm();
    private final ReadOnlyBooleanWrapper mayEdit = new ReadOnlyBooleanWrapper(this, "mayEdit", true);
    private final Timeline idleCheck = new Timeline(new KeyFrame(Duration.seconds(1), e -> lockIfIdle()));
    private ProjectContext project;
    /** The person logged in, or null (no project, or a project without users). */
    private Actor user;
    private LoginForm.Purpose purpose;
    private boolean locked;
    /** Shows the workspace once the first login succeeded. */
    private Runnable pending;
    private Duration idle = DEFAULT_IDLE;
    private long lastActivity = System.nanoTime();
    private AuditView auditView;

    /**
     * @param workspace  the centre of the window (tree, tabs, properties), which the card covers
     * @param chrome     the menus and toolbar, disabled while the card shows
     * @param userStatus the status bar's user slot
     * @param auditStatus the status bar's audit slot
     * @param cancelled  the login at open was cancelled: close the project, show the welcome page
     */
    public LoginGate(StackPane workspace, Node chrome, Label userStatus, Label auditStatus, Feedback feedback, DialogService dialogs,
                     Runnable cancelled) {
        this.workspace = workspace;
        this.chrome = chrome;
        this.userStatus = userStatus;
        this.feedback = feedback;
        this.dialogs = dialogs;
        this.cancelled = cancelled;
        this.audit = new AuditIndicator(auditStatus);
        cover.setId("loginCover");
        cover.getStyleClass().add("login-cover");
        cover.getChildren().add(form);
        cover.setVisible(false);
        workspace.getChildren().add(cover);
        // Keys typed into the card stay there: the shell's accelerators (Ctrl+N…) must not act behind it.
        cover.addEventHandler(KeyEvent.ANY, e -> {
            if (e.getCode() != KeyCode.TAB) {
                e.consume();
            }
        });
        form.onSubmit(this::check);
        form.onCancel(this::cancel);
        form.onSwitch(() -> showCard(LoginForm.Purpose.SWITCH));
        idleCheck.setCycleCount(Timeline.INDEFINITE);
        workspace.sceneProperty().addListener((obs, o, sc) -> {
            if (sc != null) {
                watch(sc);
            }
        });
        userStatus.setText(Messages.get("status.user", System.getProperty("user.name", "?")));
    }

    private void watch(Scene scene) {
        scene.addEventFilter(KeyEvent.ANY, e -> {
            activity(e);
            if (cover.isVisible() && !inside(e.getTarget())) {
                e.consume(); // a shortcut pressed elsewhere while the card shows does nothing
            }
        });
        scene.addEventFilter(MouseEvent.MOUSE_MOVED, this::activity);
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, this::activity);
        scene.addEventFilter(ScrollEvent.ANY, this::activity);
    }

    private void activity(Event e) {
        lastActivity = System.nanoTime();
    }

    private boolean inside(EventTarget t) {
        for (Node n = t instanceof Node node ? node : null; n != null; n = n.getParent()) {
            if (n == cover) {
                return true;
            }
        }
        return false;
    }

    // ---- the project ----

    /**
     * A project opened: without users it shows at once (this PC has full rights); with users the
     * login card shows first and {@code show} runs after a login.
     */
    public void admit(ProjectContext p, Runnable show) {
        project = p;
        user = null;
        audit.start(p);
        if (!p.security().hasUsers()) {
            mayEdit.set(true);
            userStatus.setText(Messages.get("status.noUsers"));
            userStatus.setTooltip(new Tooltip(Messages.get("status.noUsersTip", p.actor().name())));
            show.run();
            return;
        }
        pending = show;
        userStatus.setText(Messages.get("status.notLoggedIn"));
        userStatus.setTooltip(null);
        showCard(LoginForm.Purpose.LOGIN);
    }

    /** The project is going away. */
    public void detach() {
        project = null;
        user = null;
        pending = null;
        locked = false;
        idleCheck.stop();
        audit.stop();
        hideCard();
        mayEdit.set(true);
        userStatus.setText(Messages.get("status.user", System.getProperty("user.name", "?")));
        userStatus.setTooltip(null);
    }

    /** Whether the person at the workstation may edit the model, at least below some object (no users: yes). */
    public ReadOnlyBooleanProperty mayEditProperty() {
        return mayEdit.getReadOnlyProperty();
    }

    /** Whether the lock card covers the workspace. */
    public boolean locked() {
        return locked;
    }

    /** How long the workstation may sit idle before it locks; zero or less: never. */
    public void idleTime(Duration d) {
        idle = d;
    }

    // ---- lock and switch user ----

    /** Project ▸ Lock: hides the workspace until the user's password is typed again. */
    public void lock() {
        ProjectContext p = project;
        if (p == null || user == null) {
            feedback.info(Messages.get(p == null ? "shell.noProject" : "login.nothingToLock"));
            return;
        }
        if (locked) {
            return;
        }
        locked = true;
        OwnedWindows.close(workspace.getScene() == null ? null : workspace.getScene().getWindow());
        FxTasks.run(() -> {
            p.security().record("workstation.lock", Messages.get("login.lockTarget"), "ok");
            return null;
        }, x -> { }, err -> feedback.error(err.getMessage()));
        showCard(LoginForm.Purpose.UNLOCK);
    }

    /** Project ▸ Switch user…: another person logs in; Back keeps the one logged in. */
    public void switchUser() {
        if (project == null || user == null) {
            feedback.info(Messages.get(project == null ? "shell.noProject" : "login.nothingToLock"));
            return;
        }
        showCard(LoginForm.Purpose.SWITCH);
    }

    private void lockIfIdle() {
        if (user != null && !cover.isVisible() && idle.greaterThan(Duration.ZERO)
                && (System.nanoTime() - lastActivity) / 1e6 >= idle.toMillis()) {
            lock();
        }
    }

    // ---- the card ----

    private void showCard(LoginForm.Purpose why) {
        purpose = why;
        String name = project == null ? "" : project.name();
        switch (why) {
            case LOGIN -> form.show(why, Messages.get("login.title", name), hint(), null);
            case SWITCH -> form.show(why, Messages.get("login.switchTitle", name), hint(), null);
            case UNLOCK -> form.show(why, Messages.get("login.lockedTitle", name),
                    Messages.get("login.lockedNote", describe(user), LocalTime.now().withNano(0)), user.name());
        }
        cover.setVisible(true);
        chrome.setDisable(true);
        form.focusFirst();
    }

    private String hint() {
        return Messages.get(project != null && project.security().hasDirectory() ? "login.hintDirectory" : "login.hintLocal");
    }

    private void hideCard() {
        cover.setVisible(false);
        chrome.setDisable(false);
        purpose = null;
    }

    private void cancel() {
        if (purpose == LoginForm.Purpose.LOGIN) {
            hideCard();
            project = null;
            audit.stop();
            cancelled.run();
        } else if (locked) {
            showCard(LoginForm.Purpose.UNLOCK);
        } else {
            hideCard();
        }
    }

    /** Checks the password off the FX thread (PBKDF2 ~100 ms, LDAP a round trip). */
    private void check(String name, char[] password) {
        ProjectContext p = project;
        LoginForm.Purpose why = purpose;
        if (p == null) {
            Arrays.fill(password, '\0');
            return;
        }
        FxTasks.run(() -> {
            try {
                return new Outcome(p.security().login(name, password), null);
            } catch (LoginException e) {
                return new Outcome(null, e);
            } finally {
                Arrays.fill(password, '\0');
            }
        }, o -> {
            if (project != p || purpose != why) {
                return; // the project or the card changed meanwhile
            }
            if (o.refused != null) {
                form.refused(refusal(o.refused));
            } else if (why == LoginForm.Purpose.UNLOCK && !o.actor.name().equals(user.name())) {
                form.refused(Messages.get("login.notSameUser", user.name()));
            } else {
                loggedIn(p, o.actor);
            }
        }, err -> form.refused(String.valueOf(err.getMessage())));
    }

    private record Outcome(Actor actor, LoginException refused) {
    }

    /** The reason a login failed, for the person at the card. */
    static String refusal(LoginException e) {
        return e.unreachable() ? Messages.get("login.unreachable", e.getMessage()) : Messages.get("login.refused", e.getMessage());
    }

    private void loggedIn(ProjectContext p, Actor a) {
        p.security().actAs(a);
        boolean changed = user == null || !user.name().equals(a.name());
        user = a;
        locked = false;
        hideCard();
        Set<Permission> may = p.security().permissions();
        mayEdit.set(p.security().mayEditSomewhere());
        userStatus.setText(Messages.get("status.userRole", describe(a)));
        userStatus.setTooltip(new Tooltip(Messages.get("status.userTip", a.name(), a.role(), a.origin(), String.join(", ",
                may.stream().map(Enum::name).sorted().toList()))));
        lastActivity = System.nanoTime();
        idleCheck.play();
        if (pending != null) {
            Runnable show = pending;
            pending = null;
            show.run();
        } else if (changed) {
            feedback.info(Messages.get("login.switched", describe(a)));
        }
    }

    private static String describe(Actor a) {
        return a.role() == null ? a.name() : Messages.get("login.nameRole", a.name(), a.role());
    }

    /**
     * An edit the engine refused: the person is told which permission is missing and that nothing
     * changed (the status line alone is easily missed or cut short).
     */
    public void refused(AccessDeniedException e) {
        String what = Messages.getOrDefault("permission." + e.permission().name(), e.permission().name());
        Platform.runLater(() -> dialogs.inform(Messages.get("login.refusedTitle"), Messages.get("login.refusedText", e.getMessage(), what)));
    }

    // ---- the audit trail ----

    /** The audit viewer over the open project, read again each time it is asked for. */
    public AuditView auditView() {
        if (auditView == null) {
            Supplier<ProjectContext> p = () -> project;
            auditView = new AuditView(p, dialogs, feedback, audit::check);
        } else {
            auditView.refresh();
        }
        return auditView;
    }
}
