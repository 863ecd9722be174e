package org.peresvet.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.peresvet.formula.Recalculator;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryBins;
import org.peresvet.history.HistoryQueries;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.HistoryStream;
import org.peresvet.history.RemoteHistory;
import org.peresvet.history.SampleScan;
import org.peresvet.history.SampleSource;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Actor;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.security.Permission;
import org.peresvet.store.HistoryStore;
import org.peresvet.store.HistoryWriter;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** History queries (local, older periods from the long-term store) and recalculation of calculated tags. */
final class HistoryService implements HistoryAccess {
    private static final Logger LOG = LoggerFactory.getLogger(HistoryService.class);

    private final Stores stores;
    private final Pipeline pipeline;
    private final ProjectModel project;
    private final Runnable ensureOpen;

    HistoryService(Stores stores, Pipeline pipeline, ProjectModel project, Runnable ensureOpen) {
        this.stores = stores;
        this.pipeline = pipeline;
        this.project = project;
        this.ensureOpen = ensureOpen;
    }

    @Override
    public TagHistory query(HistoryQuery query) {
        ensureOpen.run();
        TagDef t = project.model().tag(query.tagId());
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + query.tagId());
        }
        HistoryWriter writer = pipeline.historyWriter();
        if (writer != null && writer.hasPending(t.id())) {
            writer.flush();
        }
        try (HistoryStore.Reader reader = stores.history.reader(t.id(), Pipeline.readsAsUpdate(t))) {
            long now = Micros.now();
            RemoteHistory remote = pipeline.remoteHistory();
            SampleSource src = remote == null ? reader
                    : remote.withOlder(t, reader, now - project.settings().historyRetentionDays() * 86_400L * Micros.PER_SECOND);
            return HistoryQueries.run(query, t.type(), t.step(), src, now);
        }
    }

    @Override
    public HistoryStream.Result stream(HistoryQuery query, SampleScan sink, Runnable tick) {
        ensureOpen.run();
        TagDef t = project.model().tag(query.tagId());
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + query.tagId());
        }
        HistoryWriter writer = pipeline.historyWriter();
        if (writer != null && writer.hasPending(t.id())) {
            writer.flush();
        }
        try (HistoryStore.Reader reader = stores.history.reader(t.id(), Pipeline.readsAsUpdate(t))) {
            return HistoryStream.run(query, t.type(), t.step(), source(t, reader), Micros.now(), sink, tick);
        }
    }

    @Override
    public BinnedHistory bins(BinQuery query) {
        ensureOpen.run();
        TagDef t = project.model().tag(query.tagId());
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + query.tagId());
        }
        HistoryWriter writer = pipeline.historyWriter();
        if (writer == null) {
            return bins(query, t, List.of());
        }
        // Unwritten samples come from the writer's memory; a write cycle that ran during the read
        // could have put some of them in the file too, so then read again. Rarely twice, and only
        // if the writer keeps failing to finish a cycle is the answer bought with a flush.
        for (int attempt = 0; attempt < 3; attempt++) {
            HistoryWriter.Pending pending = writer.pending(t.id(), 1000);
            if (pending == null) {
                break;
            }
            BinnedHistory h = bins(query, t, pending.samples());
            if (writer.unchangedSince(pending)) {
                return h;
            }
        }
        writer.flush();
        return bins(query, t, List.of());
    }

    private BinnedHistory bins(BinQuery query, TagDef t, List<Sample> pending) {
        boolean update = Pipeline.readsAsUpdate(t);
        try (HistoryStore.Reader reader = stores.history.reader(t.id(), update)) {
            return HistoryBins.run(query, t.type(), t.step(), update, source(t, reader), pending);
        }
    }

    private SampleSource source(TagDef t, HistoryStore.Reader reader) {
        RemoteHistory remote = pipeline.remoteHistory();
        return remote == null ? reader
                : remote.withOlder(t, reader, Micros.now() - project.settings().historyRetentionDays() * 86_400L * Micros.PER_SECOND);
    }

    @Override
    public int recalculate(Actor actor, UUID tagId, long start, long finish) {
        Guard g = guard;
        if (g == null) {
            return recalculateNow(actor, tagId, start, finish);
        }
        return g.run(actor, List.of(new Guard.Need(Permission.EDIT_MODEL, g.objectOfTag(tagId))),
                new Guard.What("history.recalculate", g.tagPath(tagId), null, Micros.format(start) + " – " + Micros.format(finish), null),
                () -> recalculateNow(actor, tagId, start, finish), n -> "ok: " + n + " samples");
    }

    private volatile Guard guard;

    void guard(Guard g) {
        guard = g;
    }

    private int recalculateNow(Actor actor, UUID tagId, long start, long finish) {
        ensureOpen.run();
        ModelSnapshot m = project.model();
        TagDef t = m.tag(tagId);
        if (t == null) {
            throw new IllegalArgumentException("unknown tag " + tagId);
        }
        HistoryWriter writer = pipeline.historyWriter();
        if (writer != null) {
            writer.flush();
        }
        List<Sample> results = Recalculator.recalculate(m, tagId, start, finish, (id, from, to) -> {
            TagDef in = m.tag(id);
            try (HistoryStore.Reader reader = stores.history.reader(id, in != null && Pipeline.readsAsUpdate(in))) {
                List<Sample> out = new ArrayList<>();
                Sample before = reader.before(from);
                if (before != null) {
                    out.add(before);
                }
                out.addAll(reader.range(from, to, Integer.MAX_VALUE));
                return out;
            }
        });
        if (!results.isEmpty()) {
            stores.history.write(Map.of(tagId, results));
        }
        LOG.info("Recalculated {} for {} ({}): {} samples from {} to {}", m.tagPath(tagId), actor.name(), actor.origin(),
                results.size(), Micros.format(start), Micros.format(finish));
        return results.size();
    }
}
