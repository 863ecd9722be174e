package org.peresvet.api.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.peresvet.engine.Engine;
import org.peresvet.history.BinQuery;
import org.peresvet.history.BinnedHistory;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.HistoryStream;
import org.peresvet.history.Retention;
import org.peresvet.model.Micros;
import org.peresvet.model.ModelSnapshot;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import org.peresvet.model.ValueType;
import org.peresvet.runtime.HistoryHealth;

/** {@code GET|POST /v1/data/}: reading values and history, writing samples. */
public final class DataEndpoint {
    private static final Set<String> BODY_KEYS = Set.of("data");
    private static final Set<String> ITEM_KEYS = Set.of("tagId", "data");

    /** How long a write waits for its samples to reach the history file before answering 202. */
    static final long STORE_WAIT_MILLIS = 10_000;
    /** How often a waiting write looks whether history writing has begun to fail. */
    private static final long POLL_MILLIS = 50;

    private final Engine engine;
    private final CurrentValues current;
    private final ApiMetrics metrics;
    /** Runs Engine.flush, which waits for the disk without a bound; a few at once, so flushes coalesce. */
    private final ThreadPoolExecutor flushers;
    private final QueryPool queries;
    private final long maxPoints;
    private final long timeoutNanos;

    public DataEndpoint(Engine engine, CurrentValues current, ApiMetrics metrics, QueryPool queries,
                        long maxPoints, Duration timeout) {
        this.engine = engine;
        this.current = current;
        this.metrics = metrics;
        this.queries = queries;
        this.maxPoints = maxPoints;
        this.timeoutNanos = timeout.toNanos();
        AtomicInteger n = new AtomicInteger();
        this.flushers = new ThreadPoolExecutor(4, 4, 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "peresvet-api-flush-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        this.flushers.allowCoreThreadTimeOut(true);
    }

    public void close() {
        flushers.shutdownNow();
        queries.close();
    }

    // ---- reading ----

    public void get(Call call) throws IOException {
        String raw = call.rawQuery();
        if (raw != null && raw.startsWith("tagId=") && raw.indexOf('&') < 0 && ReadScope.of(call, engine).everything()
                && currentFast(call, raw.substring(6))) {
            return;
        }
        ModelSnapshot model = engine.model();
        DataQuery q = DataQuery.fromParams(call, model);
        ReadScope scope = ReadScope.of(call, engine);
        for (DataQuery.TagRef ref : q.tags()) {
            scope.requireTag(model, ref.tag().id()); // current values and history alike
        }
        answer(call, q);
    }

    private void answer(Call call, DataQuery q) throws IOException {
        // Coerce the value filter for every tag first: a bad value refuses the whole query.
        List<List<Object>> filters = new ArrayList<>();
        for (DataQuery.TagRef ref : q.tags()) {
            filters.add(coerceValues(q, ref.tag()));
        }
        q.checkBins();
        if (q.maxCount() != null && q.maxCount() < 1) {
            throw ApiError.badRequest(field(q, "maxCount"), "maxCount must be at least 1, got " + q.maxCount());
        }
        long now = Micros.now();
        long finish = q.finish() != null ? q.finish() : now;
        long perTag = QueryCost.pointsPerTag(q, finish);
        if (perTag != QueryCost.UNKNOWN) {
            long total = perTag > maxPoints ? Long.MAX_VALUE : perTag * q.tags().size();
            if (total > maxPoints) {
                throw tooManyPoints(q, QueryCost.drivingKey(q), "asks for up to " + (total == Long.MAX_VALUE ? "more than "
                        + maxPoints : String.valueOf(total)) + " points");
            }
        }
        if (q.currentOnly()) {
            // One point per tag from the current values: small, answered here in one piece.
            List<SampleJson.Part> parts = new ArrayList<>(q.tags().size());
            for (int i = 0; i < q.tags().size(); i++) {
                parts.add(currentPart(q.tags().get(i), now));
            }
            ByteArrayOutputStream buf = new ByteArrayOutputStream(256 + parts.size() * 60);
            try (JsonGenerator gen = Json.MAPPER.createGenerator(buf)) {
                SampleJson.write(gen, parts, q.format());
            }
            metrics.samplesOut(parts.size());
            call.send(200, Call.JSON_TYPE, buf.toByteArray());
            return;
        }
        long deadline = System.nanoTime() + timeoutNanos;
        queries.run(held -> write(call, q, now, deadline, perTag, filters, held));
    }

    /**
     * Runs the query tag by tag and writes the answer as a stream, each point as it is read. When
     * every tag's point count is known, the points go to the client (through the answer buffer);
     * when some are not (stored samples of a period), the answer is first written to a buffer of
     * this thread, each tag capped by what is left of the budget, so that a query over the cap is
     * refused before any byte is sent. The deadline is checked between tags and every few hundred
     * points inside a tag.
     */
    private void write(Call call, DataQuery q, long now, long deadline, long perTag,
                       List<List<Object>> filters, HeldAnswer buffer) throws IOException {
        boolean streamEach = perTag != QueryCost.UNKNOWN;
        long budget = maxPoints;
        OutputStream body = call.startAnswer(200, Call.JSON_TYPE);
        HeldAnswer held = streamEach ? null : buffer;
        // Not closed on failure: an uncommitted answer is then replaced by the error.
        JsonGenerator gen = Json.MAPPER.createGenerator(streamEach ? body : held)
                .disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
        PointWriter points = new PointWriter(gen, q.format());
        Runnable tick = () -> {
            try {
                checkDeadline(call, deadline);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        };
        gen.writeStartObject();
        gen.writeArrayFieldStart("data");
        long out = 0;
        try {
            for (int i = 0; i < q.tags().size(); i++) {
                checkDeadline(call, deadline);
                if (q.bins() != null) {
                    BinnedHistory h = binned(q, i, now);
                    BinJson.writePart(gen, q.tags().get(i).given(), h, q.format());
                    out += h.raw() ? h.samples().size() : h.bins().size() * QueryCost.POINTS_PER_BIN;
                    continue;
                }
                long n = streamPart(gen, points, q, i, filters.get(i), streamEach ? Long.MAX_VALUE : budget, tick);
                budget -= n;
                out += n;
            }
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
        gen.writeEndArray();
        gen.writeEndObject();
        gen.close();
        if (held != null) {
            held.writeTo(body);
        }
        body.close();
        metrics.samplesOut((int) Math.min(out, Integer.MAX_VALUE));
    }

    /**
     * One tag's member of the answer, {@code {"tagId":…,"data":[[x,y,q],…],"excess":true}}, its
     * points written as the history query hands them over. A period of stored samples (no known
     * count) is read at most up to the budget left.
     */
    private long streamPart(JsonGenerator gen, PointWriter points, DataQuery q, int i, List<Object> filter, long budget,
                            Runnable tick) throws IOException {
        DataQuery.TagRef ref = q.tags().get(i);
        Integer maxCount = q.maxCount();
        boolean capped = false;
        if (budget != Long.MAX_VALUE && (maxCount == null || maxCount > budget)) {
            maxCount = (int) Math.max(0, Math.min(budget, Integer.MAX_VALUE - 1));
            capped = true;
            if (maxCount == 0) {
                throw tooManyPoints(q, "start", "holds more stored points than the cap");
            }
        }
        HistoryQuery hq = new HistoryQuery(ref.tag().id(), q.start(), q.finish(), q.count(), q.timeStep(),
                maxCount, q.actual(), filter, q.format());
        gen.writeStartObject();
        gen.writeStringField("tagId", ref.given());
        gen.writeArrayFieldStart("data");
        HistoryStream.Result r;
        try {
            r = engine.history().stream(hq, points, tick);
        } catch (IllegalArgumentException e) {
            if (engine.model().tag(ref.tag().id()) == null) {
                throw ApiError.notFound("tagId", "unknown tag '" + ref.given() + "' (deleted just now)");
            }
            throw ApiError.badRequest(fieldOf(q, e.getMessage()), e.getMessage());
        }
        if (capped && r.excess()) {
            throw tooManyPoints(q, "start", "holds more stored points than the cap");
        }
        gen.writeEndArray();
        if (r.excess()) {
            gen.writeBooleanField("excess", true);
        }
        gen.writeEndObject();
        return r.points();
    }

    /** One tag's decimated history (bins are bounded before the query runs: no budget to track). */
    private BinnedHistory binned(DataQuery q, int i, long now) {
        DataQuery.TagRef ref = q.tags().get(i);
        try {
            return engine.history().bins(new BinQuery(ref.tag().id(), q.start(), q.finish() != null ? q.finish() : now, q.bins()));
        } catch (IllegalArgumentException e) {
            if (engine.model().tag(ref.tag().id()) == null) {
                throw ApiError.notFound("tagId", "unknown tag '" + ref.given() + "' (deleted just now)");
            }
            throw ApiError.badRequest(fieldOf(q, e.getMessage()), e.getMessage());
        }
    }

    /**
     * The value at now with {@code since}, the time of the stored sample it carries (null: never
     * had a value): from the current values, else from history (a future sample has come due).
     */
    private SampleJson.Part currentPart(DataQuery.TagRef ref, long now) {
        CurrentValues.Point p = current.valueAtNow(ref.tag().id(), now);
        if (p != null) {
            return SampleJson.Part.current(ref.given(), p.point(), p.since());
        }
        UUID id = ref.tag().id();
        try {
            // Without finish: the query ends at now, and samples after it are not even neighbours.
            Sample point = engine.history(HistoryQuery.current(id)).data().get(0);
            List<Sample> last = engine.history(HistoryQuery.current(id).withCount(1).withActual(true)).data();
            return SampleJson.Part.current(ref.given(), point, last.isEmpty() ? null : last.get(0).x());
        } catch (IllegalArgumentException e) {
            throw ApiError.notFound("tagId", "unknown tag '" + ref.given() + "' (deleted just now)");
        }
    }

    private ApiError tooManyPoints(DataQuery q, String key, String what) {
        return new ApiError(413, field(q, key), "this query " + what + " (tags x points per tag); an answer may hold at most "
                + maxPoints + " (setting api.maxPointsPerAnswer). Narrow the period, raise timeStep, or set count or maxCount");
    }

    /** Before the answer is committed: 503. After: the only honest end is a cut connection. */
    private void checkDeadline(Call call, long deadline) throws IOException {
        if (System.nanoTime() - deadline > 0) {
            if (call.status() != 0) {
                throw new IOException("the query ran longer than api.requestTimeout; answer cut");
            }
            throw new ApiError(503, null, "the query ran longer than " + timeoutNanos / 1_000_000_000L
                    + " s (setting api.requestTimeout); ask for fewer points");
        }
    }

    /**
     * The most frequent request, one tag's value at now ({@code ?tagId=<uuid or plain path>}),
     * answered without the general query machinery: no parameter map, no query object, no JSON
     * generator, one byte array. Returns false to leave anything unusual (escapes in the id, an
     * unknown tag, a value that needs quoting, a value only the store knows) to the general path,
     * which gives the same answer and the same errors.
     */
    private boolean currentFast(Call call, String given) throws IOException {
        if (given.isEmpty() || !SampleJson.isPlain(given)) {
            return false;
        }
        ModelSnapshot m = engine.model();
        TagDef t;
        if (Json.looksLikeUuid(given)) {
            UUID id;
            try {
                id = UUID.fromString(given);
            } catch (IllegalArgumentException e) {
                return false;
            }
            t = m.tag(id);
        } else {
            t = m.findTag(given).orElse(null);
        }
        if (t == null) {
            return false;
        }
        CurrentValues.Point p = current.valueAtNow(t.id(), Micros.now());
        byte[] body = p == null ? null : SampleJson.currentBytes(given, p.point(), p.since());
        if (body == null) {
            return false;
        }
        metrics.samplesOut(1);
        call.send(200, Call.JSON_TYPE, body);
        return true;
    }

    private static List<Object> coerceValues(DataQuery q, TagDef tag) {
        if (q.values() == null) {
            return null;
        }
        List<Object> out = new ArrayList<>(q.values().size());
        for (Object raw : q.values()) {
            try {
                out.add(tag.type().coerce(raw));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(q.valuesField(), "tag " + tag.name() + ": " + e.getMessage());
            }
        }
        return out;
    }

    /** The query rules name the key first ("count must be…", "timeStep cannot…"). */
    private static String fieldOf(DataQuery q, String message) {
        String first = message == null ? "" : message.split("[ :]", 2)[0];
        return DataQuery.KEYS.contains(first) ? field(q, first) : null;
    }

    private static String field(DataQuery q, String key) {
        return q.valuesField().startsWith("$") ? "$." + key : key;
    }

    // ---- writing ----

    /**
     * Validates the whole body, then hands the samples to the engine as one batch and waits until
     * they are applied and in the history file: 200. While history cannot be written (a full or
     * read-only disk) the answer comes at once: 202 when the samples are applied and kept in
     * memory to be written later, 507 when memory already holds as many waiting samples as it may
     * (nothing of the request is applied: refused, never acknowledged and then lost). A disk that
     * is merely slow gets {@link #STORE_WAIT_MILLIS} before the 202. A rejected body changes nothing.
     */
    public void post(Call call) throws IOException {
        call.checkParams(Set.of());
        byte[] raw = call.jsonBytes();
        // The fast reader takes bytes as Jackson decodes them, which lets overlong forms through.
        Call.requireUtf8(raw, "$");
        long now = Micros.now();
        ModelSnapshot model = engine.model();
        List<TagSample> batch = SampleBatchReader.read(raw, model, now);
        if (batch == null) { // anything unusual, errors included, goes through the tree, which names the problem
            batch = parse(Json.parse(raw, "$"), model, now);
        }
        HistoryHealth health = engine.historyHealth();
        if (health.wouldRefuse(batch.size())) {
            metrics.samplesRefused.add(batch.size());
            ObjectNode extra = Json.object().put("received", 0).put("refused", batch.size()).put("stored", false)
                    .put("kept", health.kept()).put("keptLimit", health.keptLimit());
            throw new ApiError(507, null, "history cannot be written (" + health.fault().describe() + "); "
                    + health.kept() + " samples already wait in memory, the limit is " + health.keptLimit()
                    + ": these " + batch.size() + " samples are refused and nothing of them was applied; "
                    + "send them again when the disk has room", extra);
        }
        try {
            engine.write(call.actor(), batch);
        } catch (IllegalArgumentException e) {
            // A tag was deleted or disabled between validation and the write: nothing was queued.
            throw ApiError.badRequest("$.data", e.getMessage());
        }
        metrics.samplesIn(batch.size());
        String notStored = awaitStored();
        ObjectNode answer = Json.object().put("received", batch.size());
        Retention retention = Retention.of(engine.settings(), now);
        int older = retention.olderThan(batch);
        if (older > 0) {
            answer.put("warning", retention.warning(older, batch.size()));
            answer.put("olderThanRetention", older);
            answer.put("retentionDays", retention.days());
        }
        if (notStored != null) {
            answer.put("stored", false);
            answer.put("message", "the samples are applied, but " + notStored
                    + "; they are kept in memory and written when the file can be written again");
        }
        call.sendJson(notStored == null ? 200 : 202, answer);
    }

    /** Null once the samples are in the history file, else why they are not (yet). Never waits on a failing disk. */
    private String awaitStored() {
        String failing = historyFailing();
        if (failing != null) {
            return failing;
        }
        Future<?> f;
        try {
            f = flushers.submit(engine::flush);
        } catch (RejectedExecutionException e) {
            return "the engine is shutting down";
        }
        long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(STORE_WAIT_MILLIS);
        try {
            while (true) {
                try {
                    f.get(POLL_MILLIS, TimeUnit.MILLISECONDS);
                    return null;
                } catch (TimeoutException e) {
                    failing = historyFailing();
                    if (failing != null) {
                        return failing; // the writer found a fault meanwhile: answer now, not after the timeout
                    }
                    if (System.nanoTime() - deadline >= 0) {
                        return "the history file is more than " + STORE_WAIT_MILLIS / 1000 + " s behind";
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "the wait was interrupted";
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private String historyFailing() {
        HistoryHealth h = engine.historyHealth();
        if (h.failing()) {
            return "history cannot be written (" + h.fault().describe() + ")";
        }
        String journal = engine.journalError();
        return journal == null ? null : "the alarm journal cannot be written (" + journal + ")";
    }

    static List<TagSample> parse(JsonNode body, ModelSnapshot model, long now) {
        Json.requireObject(body, "$");
        Json.checkKeys(body, BODY_KEYS, "$");
        JsonNode items = body.get("data");
        if (items == null || items.isNull()) {
            throw ApiError.badRequest("$.data", "is required: a list of {\"tagId\":…,\"data\":[[x,y,q],…]}");
        }
        if (!items.isArray()) {
            throw ApiError.badRequest("$.data", "must be a list of {\"tagId\":…,\"data\":[[x,y,q],…]}");
        }
        int total = 0;
        for (JsonNode item : items) {
            JsonNode d = item.get("data");
            total += d != null && d.isArray() ? d.size() : 0;
        }
        List<TagSample> batch = new ArrayList<>(total);
        for (int i = 0; i < items.size(); i++) {
            String p = "$.data[" + i + "]";
            JsonNode item = Json.requireObject(items.get(i), p);
            Json.checkKeys(item, ITEM_KEYS, p);
            TagDef tag = Resolve.tag(model, Json.text(item, "tagId", p, true), p + ".tagId");
            if (!tag.enabled()) {
                throw ApiError.badRequest(p + ".tagId", "tag " + model.tagPath(tag.id()) + " is disabled");
            }
            JsonNode samples = item.get("data");
            if (samples == null || samples.isNull()) {
                throw ApiError.badRequest(p + ".data", "is required: a list of samples [x, y, q], [x, y] or [y]");
            }
            if (!samples.isArray()) {
                throw ApiError.badRequest(p + ".data", "must be a list of samples [x, y, q], [x, y] or [y]");
            }
            for (int j = 0; j < samples.size(); j++) {
                batch.add(new TagSample(tag.id(), sample(samples.get(j), tag.type(), now, p + ".data[" + j + "]")));
            }
        }
        return batch;
    }

    private static Sample sample(JsonNode s, ValueType type, long now, String p) {
        if (!s.isArray() || s.isEmpty() || s.size() > 3) {
            throw ApiError.badRequest(p, "a sample is [x, y, q], [x, y] or [y]");
        }
        long x;
        JsonNode yNode;
        Integer q = null;
        if (s.size() == 1) {
            x = now;
            yNode = s.get(0);
        } else {
            x = x(s.get(0), p + "[0]");
            yNode = s.get(1);
            if (s.size() == 3) {
                q = quality(s.get(2), p + "[2]");
            }
        }
        Object y;
        try {
            y = type.coerce(yNode);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest(p + (s.size() == 1 ? "[0]" : "[1]"), e.getMessage());
        }
        if (y instanceof Double d && !Double.isFinite(d)) {
            throw ApiError.badRequest(p + (s.size() == 1 ? "[0]" : "[1]"), "the value must be a finite number, got "
                    + (yNode.isNumber() ? yNode.asText() : yNode.toString()));
        }
        return new Sample(x, y, q);
    }

    private static long x(JsonNode n, String p) {
        if (n.isIntegralNumber() && n.canConvertToLong()) {
            return n.asLong();
        }
        if (n.isTextual()) {
            try {
                return Micros.parse(n.asText());
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest(p, e.getMessage());
            }
        }
        throw ApiError.badRequest(p, "x must be an integer (microseconds since the epoch) or an ISO-8601 string");
    }

    private static Integer quality(JsonNode n, String p) {
        if (n.isNull()) {
            return null;
        }
        if (!n.isIntegralNumber() || !n.canConvertToInt() || n.asInt() < 0) {
            throw ApiError.badRequest(p, "q must be null or a quality code (0 good, 100-103, …)");
        }
        return n.asInt();
    }
}
