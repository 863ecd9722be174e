package org.peresvet.app.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.StringWriter;
import java.time.ZoneOffset;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.peresvet.security.AuditEntry;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.AuditRecord;
import org.peresvet.security.AuditVerification;

/** The audit viewer's filters, its CSV and the chain's verdict, without a window. */
class AuditFilterTest {
    private static final long NOW = 1_800_000_000_000_000L;

    private static AuditRecord record(long seq, String actor, String action, String target, String oldValue, String newValue) {
        return new AuditRecord(seq, new AuditEntry(NOW - seq, actor, "workstation pc1", action, target, oldValue, newValue, null, "ok"),
                "h" + seq);
    }

    @Test
    void periodAndActorGoToTheEngineAndAnActionWithoutADotIsAPrefixMatchedHere() {
        AuditFilter f = new AuditFilter(3_600_000L, " Olga ", "alarm", null, 0);
        AuditQuery q = f.query(NOW);
        assertThat(q.from()).isEqualTo(NOW - 3_600_000_000L);
        assertThat(q.actor()).isEqualTo("olga");
        assertThat(q.action()).isNull();
        assertThat(q.limit()).isEqualTo(AuditFilter.DEFAULT_LIMIT);
        assertThat(f.matches(record(1, "olga", "alarm.acknowledge", "Tank1/Level#HI", null, null))).isTrue();
        assertThat(f.matches(record(2, "olga", "model.edit", "Tank1", null, null))).isFalse();

        AuditFilter exact = new AuditFilter(0, "", "model.edit", "", 0);
        assertThat(exact.query(NOW).from()).isNull();
        assertThat(exact.query(NOW).action()).isEqualTo("model.edit");
        assertThat(exact.query(NOW).actor()).isNull();
    }

    @Test
    void textIsFoundInAnyFieldWithoutCase() {
        AuditFilter f = new AuditFilter(0, null, null, "pump2", 0);
        assertThat(f.matches(record(1, "erik", "model.edit", "PumpStation/Pump2", null, null))).isTrue();
        assertThat(f.matches(record(2, "erik", "value.write", "Tank1/Level", "PUMP2 off", "on"))).isTrue();
        assertThat(f.matches(record(3, "erik", "value.write", "Tank1/Level", "1", "2"))).isFalse();
    }

    @Test
    void csvQuotesWhatNeedsItAndKeepsValuesAsRecorded() throws Exception {
        StringWriter out = new StringWriter();
        AuditCsv.write(List.of(record(7, "olga", "value.write", "Tank1/Level, raw", "-5", "say \"hi\"\nnow")), out, ZoneOffset.UTC);
        String[] lines = out.toString().split("\r\n");
        assertThat(lines[0]).isEqualTo("seq,time,actor,host,action,target,old,new,reason,result,hash");
        assertThat(out.toString()).contains("7,2027-01-15T07:59:59.999Z,olga,workstation pc1,value.write,\"Tank1/Level, raw\",-5,"
                + "\"say \"\"hi\"\"\nnow\",,ok,h7\r\n");
    }

    @Test
    void theVerdictNamesTheFirstBrokenRecord() {
        assertThat(AuditIndicator.text(new AuditVerification(42, List.of(), 3))).isEqualTo("Audit: intact, 42 records");
        assertThat(AuditIndicator.verdict(new AuditVerification(42, List.of("record 17 was altered (its hash does not match)"), 3)))
                .isEqualTo("broken at record 17");
        assertThat(AuditIndicator.verdict(new AuditVerification(42, List.of("audit.head is missing: records cut off"), 3)))
                .isEqualTo("broken: audit.head is missing: records cut off");
    }
}
