package org.peresvet.app.login;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.collections.FXCollections;
import javafx.collections.ObservableList;
import javafx.geometry.Insets;
import javafx.geometry.Pos;
import javafx.scene.Node;
import javafx.scene.control.Button;
import javafx.scene.control.ChoiceBox;
import javafx.scene.control.Label;
import javafx.scene.control.TableColumn;
import javafx.scene.control.TableView;
import javafx.scene.control.TextField;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.Priority;
import javafx.scene.layout.Region;
import javafx.util.StringConverter;
import org.peresvet.app.Messages;
import org.peresvet.app.common.WorkspaceTab;
import org.peresvet.app.fx.DialogService;
import org.peresvet.app.fx.Feedback;
import org.peresvet.app.fx.FxTasks;
import org.peresvet.app.project.ProjectContext;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;

/**
 * View ▸ Audit trail: the records (newest first) with time, actor, host, action, target, old → new,
 * reason and result; filters by period, actor, action and text; CSV export of what is shown; and
 * whether the hash chain is intact. Reads off the FX thread. FX thread only.
 */
public final class AuditView implements WorkspaceTab {
    public static final String KEY = "audit";
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSS");
    private static final long[] PERIODS = {3_600_000L, 86_400_000L, 7 * 86_400_000L, 30 * 86_400_000L, 0};
    private static final String[] PERIOD_KEYS = {"audit.period.hour", "audit.period.day", "audit.period.week", "audit.period.month",
        "audit.period.all"};

    private final Supplier<ProjectContext> project;
    private final DialogService dialogs;
    private final Feedback feedback;
    private final Runnable verified;
    private final ObservableList<AuditRecord> rows = FXCollections.observableArrayList();
    private final TableView<AuditRecord> table = new TableView<>(rows);
    private final ChoiceBox<Long> period = new ChoiceBox<>();
    private final TextField actor = new TextField();
    private final TextField action = new TextField();
    private final TextField text = new TextField();
    private final Label chain = new Label();
    private final Label count = new Label();
    private final BorderPane root = new BorderPane();
    private final ZoneId zone = ZoneId.systemDefault();
    private int generation;

    /**
     * @param verified called after the chain was checked here (the status bar checks again)
     */
    AuditView(Supplier<ProjectContext> project, DialogService dialogs, Feedback feedback, Runnable verified) {
        this.project = project;
        this.dialogs = dialogs;
        this.feedback = feedback;
        this.verified = verified;
        build();
        refresh();
    }

    private void build() {
        root.setId("auditView");
        root.getStyleClass().add("audit-view");
        for (long p : PERIODS) {
            period.getItems().add(p);
        }
        period.setConverter(new StringConverter<>() {
            @Override
            public String toString(Long p) {
                for (int i = 0; i < PERIODS.length; i++) {
                    if (p != null && PERIODS[i] == p) {
                        return Messages.get(PERIOD_KEYS[i]);
                    }
                }
                return "";
            }

            @Override
            public Long fromString(String s) {
                return 0L;
            }
        });
        period.setValue(PERIODS[1]);
        period.setId("auditPeriod");
        actor.setId("auditActor");
        actor.setPromptText(Messages.get("audit.filter.actor"));
        action.setId("auditAction");
        action.setPromptText(Messages.get("audit.filter.action"));
        text.setId("auditText");
        text.setPromptText(Messages.get("audit.filter.text"));
        for (TextField f : List.of(actor, action, text)) {
            f.setPrefColumnCount(9);
            f.setOnAction(e -> refresh());
        }
        period.setOnAction(e -> refresh());
        Button apply = button("auditRefresh", "audit.refresh", this::refresh);
        Button csv = button("auditCsv", "audit.csv", this::exportCsv);
        chain.setId("auditChain");
        count.setId("auditCount");
        count.getStyleClass().add("placeholder-note");
        Region gap = new Region();
        HBox.setHgrow(gap, Priority.ALWAYS);
        apply.setMinWidth(Region.USE_PREF_SIZE);
        csv.setMinWidth(Region.USE_PREF_SIZE);
        HBox bar = new HBox(6, period, actor, action, text, apply, gap, csv);
        bar.setAlignment(Pos.CENTER_LEFT);
        bar.setPadding(new Insets(6));
        bar.getStyleClass().add("audit-bar");
        columns();
        table.setId("auditTable");
        table.setPlaceholder(new Label(Messages.get("audit.none")));
        table.setColumnResizePolicy(TableView.UNCONSTRAINED_RESIZE_POLICY); // a narrow tab scrolls, the times stay whole
        Region footGap = new Region();
        HBox.setHgrow(footGap, Priority.ALWAYS);
        HBox foot = new HBox(6, count, footGap, chain);
        foot.setPadding(new Insets(4, 6, 4, 6));
        root.setTop(bar);
        root.setCenter(table);
        root.setBottom(foot);
    }

    private static Button button(String id, String key, Runnable action) {
        Button b = new Button(Messages.get(key));
        b.setId(id);
        b.setOnAction(e -> action.run());
        return b;
    }

    private void columns() {
        ZoneId z = zone;
        table.getColumns().add(column("audit.col.seq", 48, r -> String.valueOf(r.seq())));
        table.getColumns().add(column("audit.col.time", 180, r -> TIME.format(Instant.ofEpochMilli(r.entry().time() / 1000).atZone(z))));
        table.getColumns().add(column("audit.col.actor", 100, r -> r.entry().actor()));
        table.getColumns().add(column("audit.col.host", 130, r -> r.entry().origin()));
        table.getColumns().add(column("audit.col.action", 110, r -> r.entry().action()));
        table.getColumns().add(column("audit.col.target", 200, r -> r.entry().target()));
        table.getColumns().add(column("audit.col.change", 200, AuditView::change));
        table.getColumns().add(column("audit.col.reason", 120, r -> nz(r.entry().reason())));
        table.getColumns().add(column("audit.col.result", 160, r -> r.entry().result()));
    }

    private static TableColumn<AuditRecord, String> column(String key, double width, Function<AuditRecord, String> value) {
        TableColumn<AuditRecord, String> c = new TableColumn<>(Messages.get(key));
        c.setPrefWidth(width);
        c.setCellValueFactory(cd -> new ReadOnlyObjectWrapper<>(value.apply(cd.getValue())));
        return c;
    }

    /** "old → new", or the one that is known. */
    static String change(AuditRecord r) {
        AuditEntry e = r.entry();
        if (e.oldValue() == null && e.newValue() == null) {
            return "";
        }
        if (e.oldValue() == null) {
            return e.newValue();
        }
        return e.oldValue() + " \u2192 " + nz(e.newValue());
    }

    private static String nz(String s) {
        return s == null ? "" : s;
    }

    /** The filters as set now. */
    public AuditFilter filter() {
        Long p = period.getValue();
        return new AuditFilter(p == null ? 0 : p, actor.getText(), action.getText(), text.getText(), AuditFilter.DEFAULT_LIMIT);
    }

    /** Reads the records and checks the chain again (off the FX thread). */
    public void refresh() {
        ProjectContext p = project.get();
        if (p == null) {
            rows.clear();
            return;
        }
        AuditFilter f = filter();
        int gen = ++generation;
        count.setText(Messages.get("audit.reading"));
        FxTasks.run(() -> {
            long now = System.currentTimeMillis() * 1000;
            List<AuditRecord> found = p.security().audit(f.query(now)).stream().filter(f::matches).toList();
            return new Read(found, p.security().verifyAudit());
        }, read -> {
            if (gen != generation) {
                return;
            }
            rows.setAll(read.records);
            count.setText(Messages.get(read.records.size() >= f.limit() ? "audit.countLimit" : "audit.count", read.records.size()));
            chain.setText(Messages.get("audit.chain", AuditIndicator.verdict(read.chain)));
            chain.getStyleClass().setAll("label", read.chain.intact() ? "audit-intact" : "status-error");
            verified.run();
        }, err -> {
            count.setText("");
            feedback.error(Messages.get("audit.failed", err.getMessage()));
        });
    }

    private record Read(List<AuditRecord> records, AuditVerification chain) {
    }

    /** The records shown, as CSV through the dialog service. */
    public void exportCsv() {
        List<AuditRecord> shown = List.copyOf(rows);
        dialogs.saveFile(Messages.get("audit.csvTitle"), "audit.csv",
                List.of(new DialogService.FileType(Messages.get("audit.csvType"), "*.csv"))).ifPresent(file -> writeCsv(file, shown));
    }

    private void writeCsv(Path file, List<AuditRecord> shown) {
        FxTasks.run(() -> {
            try (Writer w = Files.newBufferedWriter(file, StandardCharsets.UTF_8)) {
                AuditCsv.write(shown, w, zone);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return shown.size();
        }, n -> feedback.info(Messages.get("audit.csvDone", n, file)), err -> feedback.error(Messages.get("audit.csvFailed",
                err.getMessage())));
    }

    /** The records shown now (tests). */
    public List<AuditRecord> shown() {
        return List.copyOf(rows);
    }

    @Override
    public String key() {
        return KEY;
    }

    @Override
    public String title() {
        return Messages.get("audit.title");
    }

    @Override
    public Node content() {
        return root;
    }
}
