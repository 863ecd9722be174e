package org.peresvet.cli;

import java.util.ArrayList;
import java.util.List;
import org.peresvet.engine.Engine;
import org.peresvet.history.HistoryJson;
import org.peresvet.history.HistoryQuery;
import org.peresvet.history.TagHistory;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code history TAG}: a history query of the data contract, answered as its JSON. */
@Command(name = "history", mixinStandardHelpOptions = true,
        description = {"Query a tag's local history; prints {\"data\":[{\"tagId\":…,\"data\":[[x,y,q],…]}]}.",
                "Times are ISO-8601 (no zone means UTC) or microseconds since the epoch."})
final class HistoryCommand extends ProjectTask {
    @Parameters(index = "0", paramLabel = "TAG",
            description = "Tag path (e.g. /PumpStation/Tank1/Level) or UUID; the answer names it the same way.")
    String tagPath;

    @Option(names = "--start", paramLabel = "T", converter = TimeArgs.Time.class, description = "Start of the period.")
    Long start;

    @Option(names = "--finish", paramLabel = "T", converter = TimeArgs.Time.class, description = "End of the period (default: now).")
    Long finish;

    @Option(names = "--count", paramLabel = "N", description = {"The first N points after start; without start the last N points up to finish,",
                    "the point at --finish (interpolated) the last of them."})
    Integer count;

    @Option(names = "--time-step", paramLabel = "DURATION", converter = TimeArgs.Step.class,
            description = "Evenly spaced points ending at finish: 500ms, 1s, 5m, 1h, or microseconds.")
    Long timeStep;

    @Option(names = "--max-count", paramLabel = "N", description = "At most N points; \"excess\":true when there were more.")
    Integer maxCount;

    @Option(names = "--actual", description = "Stored samples only, no interpolated boundary points.")
    boolean actual;

    @Option(names = "--value", paramLabel = "V", description = "Only points with this value (repeatable).")
    List<String> values;

    @Option(names = "--format", description = "Times as ISO-8601 text instead of microseconds.")
    boolean format;

    /** The value at one moment: no period, no count, no series, no filter. */
    private static boolean isValueAt(HistoryQuery q) {
        return q.start() == null && q.count() == null && q.timeStep() == null && !q.actual() && q.values() == null;
    }

    @Override
    public Integer call() {
        try (Engine engine = open(projectDir(), false)) {
            TagDef tag = tagAt(engine.model(), tagPath);
            List<Object> filter = null;
            if (values != null) {
                filter = new ArrayList<>();
                for (String v : values) {
                    try {
                        filter.add(tag.type().coerce(v));
                    } catch (IllegalArgumentException e) {
                        throw CliException.invalidInput("--value: " + e.getMessage());
                    }
                }
            }
            HistoryQuery query = new HistoryQuery(tag.id(), start, finish, count, timeStep, maxCount, actual, filter, format);
            TagHistory answer;
            try {
                answer = engine.history(query);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput("invalid query: " + e.getMessage());
            }
            if (isValueAt(query) && answer.data().size() == 1) {
                // The value at a moment says since when it holds; null: the tag had no value yet.
                List<Sample> last = engine.history(query.withCount(1).withActual(true)).data();
                Long since = last.isEmpty() ? null : last.get(0).x();
                out().println(HistoryJson.currentToJson(tagPath, answer.data().get(0), since, format));
                if (since == null) {
                    err().println("note: " + tagPath + " has no value yet" + (finish != null ? " at that time" : "")
                            + ": it was never written (\"since\": null)");
                }
            } else {
                out().println(HistoryJson.partsToJson(List.of(new HistoryJson.Part(tagPath, answer.data(), answer.excess())),
                        format));
            }
        }
        return PeresvetCli.EXIT_OK;
    }
}
