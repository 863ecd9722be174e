package org.peresvet.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Comparator;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.peresvet.model.AlarmDef;
import org.peresvet.model.AlarmJournalEntry;
import org.peresvet.model.AlarmJournalQuery;
import org.peresvet.model.AlarmKind;
import org.peresvet.model.AlarmPriority;
import org.peresvet.model.AlarmTransition;
import org.peresvet.model.ModelEdit;

/**
 * Who the journal records for an alarm command: a {@code user} in the body names the operator
 * only when the caller is a service principal acting for them; a person stays themselves.
 */
class ApiActorTest extends ApiTestBase {
    private AlarmDef countHi;

    @BeforeEach
    void alarm() {
        countHi = AlarmDef.builder(count.id(), AlarmKind.HI).limit(10.0).priority(AlarmPriority.MEDIUM).build();
        engine.edit(new ModelEdit.PutAlarm(countHi));
    }

    private void restartAs(ApiAuthorizer.Decision decision) {
        api.close();
        api = ApiServer.start(engine, ApiConfig.defaults().withPort(0).withBindAddress("0.0.0.0"),
                ApiHooks.defaults().withAuthorizer(r -> decision));
    }

    private String acknowledgedBy(String body) {
        assertThat(write(count.id(), "[[1]]").status()).isEqualTo(200);
        assertThat(write(count.id(), "[[20]]").status()).isEqualTo(200);
        Resp r = send(HttpRequest.newBuilder(URI.create(url("/v1/alarms/" + countHi.id() + "/acknowledge")))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)));
        assertThat(r.status()).as(r.text()).isEqualTo(200);
        var rows = engine.alarms().journal(AlarmJournalQuery.all().alarm(countHi.id()).transitions(AlarmTransition.ACKNOWLEDGED));
        return rows.stream().max(Comparator.comparingLong(AlarmJournalEntry::time)).orElseThrow().user();
    }

    @Test
    void aPersonCannotWriteAnotherNameIntoTheJournal() {
        restartAs(ApiAuthorizer.Decision.allow("petrov"));
        assertThat(acknowledgedBy("{\"user\":\"ivanov\"}")).as("the body's user is ignored for a person").isEqualTo("petrov");
        assertThat(acknowledgedBy("{}")).isEqualTo("petrov");
    }

    @Test
    void aServicePrincipalActsOnBehalfOfTheNamedOperator() {
        restartAs(ApiAuthorizer.Decision.allowService("scada-gateway"));
        assertThat(acknowledgedBy("{\"user\":\"ivanov\"}")).isEqualTo("ivanov");
        assertThat(acknowledgedBy("{}")).as("no user named: the service itself").isEqualTo("scada-gateway");
    }
}
