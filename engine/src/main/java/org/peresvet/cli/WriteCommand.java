package org.peresvet.cli;

import java.util.List;
import org.peresvet.engine.Engine;
import org.peresvet.history.Retention;
import org.peresvet.model.Micros;
import org.peresvet.model.Sample;
import org.peresvet.model.TagDef;
import org.peresvet.model.TagSample;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code write TAG VALUE}: one sample into a tag, through the engine's pipeline (deadband,
 * calculated tags, alarms, history), as {@code POST /v1/data/} does. Prints the answer as JSON,
 * with the same {@code warning} when the sample is older than the history retention.
 */
@Command(name = "write", mixinStandardHelpOptions = true,
        description = {"Write one value into a tag (offline: the project must not be open elsewhere).",
                "Prints {\"received\":1}, with \"warning\" when the sample is older than the history retention."})
final class WriteCommand extends ProjectTask {
    @Parameters(index = "0", paramLabel = "TAG", description = "Tag path (e.g. /PumpStation/Tank1/Level) or UUID.")
    String tagName;

    @Parameters(index = "1", paramLabel = "VALUE", description = "The value, in the tag's type (null for none).")
    String value;

    @Option(names = "--time", paramLabel = "T", converter = TimeArgs.Time.class,
            description = "The sample's time: ISO-8601 (no zone means UTC) or microseconds (default: now).")
    Long time;

    @Option(names = "--quality", paramLabel = "Q", description = "Quality code: 0 good (default), 100-103.")
    Integer quality;

    @Override
    public Integer call() {
        try (Engine engine = open(projectDir(), false)) {
            TagDef tag = tagAt(engine.model(), tagName);
            Object y;
            try {
                y = "null".equals(value) ? null : tag.type().coerce(value);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput("VALUE: " + e.getMessage());
            }
            long now = Micros.now();
            List<TagSample> batch = List.of(new TagSample(tag.id(), new Sample(time != null ? time : now, y, quality)));
            engine.start();
            try {
                engine.write(actor(), batch);
            } catch (IllegalArgumentException e) {
                throw CliException.invalidInput(e.getMessage());
            }
            engine.flush();
            Retention retention = Retention.of(engine.settings(), now);
            String warning = retention.warning(retention.olderThan(batch), batch.size());
            StringBuilder answer = new StringBuilder("{\"received\":1");
            if (warning != null) {
                answer.append(",\"warning\":\"").append(warning.replace("\\", "\\\\").replace("\"", "\\\""))
                        .append("\",\"retentionDays\":").append(retention.days());
                err().println("warning: " + tagName + ": " + warning);
            }
            out().println(answer.append('}'));
        }
        return PeresvetCli.EXIT_OK;
    }
}
