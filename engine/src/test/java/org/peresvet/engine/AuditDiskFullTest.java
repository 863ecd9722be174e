package org.peresvet.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.peresvet.api.ApiConfig;
import org.peresvet.api.ApiServer;
import org.peresvet.model.Actor;
import org.peresvet.model.ModelEdit;
import org.peresvet.model.ObjectDef;
import org.peresvet.model.TagDef;
import org.peresvet.model.ValueType;
import org.peresvet.security.AuditQuery;
import org.peresvet.security.Security;
import org.peresvet.store.SmallDisk;

/**
 * The audit trail on a real small disk that fills: changes keep working while records wait in
 * memory; at the bound a change through the API is refused with 507 and nothing changes; when
 * the disk has room again every kept record is written and changes are accepted.
 */
class AuditDiskFullTest {
    @TempDir
    Path tmp;

    @AfterEach
    void limitBack() {
        System.clearProperty(Security.KEPT_LIMIT_PROPERTY);
    }

    @Test
    void changesAreRefusedWith507AtTheBoundAndNothingChanges() throws Exception {
        System.setProperty(Security.KEPT_LIMIT_PROPERTY, "40");
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5)).build();
        try (SmallDisk disk = SmallDisk.mount(tmp, 24L << 20);
             Engine e = Engine.open(disk.root().resolve("plant"), EngineOptions.quiet()).start();
             ApiServer api = ApiServer.start(e, ApiConfig.defaults().withPort(0))) {
            ObjectDef plant = ObjectDef.create(null, "Plant");
            TagDef sp = TagDef.builder(plant.id(), "Setpoint", ValueType.DOUBLE).build();
            e.edit(Actor.workstation("admin"), new ModelEdit.PutObject(plant), new ModelEdit.PutTag(sp));
            e.security().audit(AuditQuery.last(1)); // stored
            disk.fill();
            int status = 0;
            int i = 0;
            String body = "";
            for (; i < 400 && status != 507; i++) {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(api.url() + "/v1/data/"))
                        .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofString("{\"data\":[{\"tagId\":\"" + sp.id() + "\",\"data\":[[" + i + "]]}]}"))
                        .build(), HttpResponse.BodyHandlers.ofString());
                status = r.statusCode();
                body = r.body();
                if (status != 507) {
                    assertThat(status).as(body).isIn(200, 202);
                }
            }
            assertThat(status).as("refused at the bound").isEqualTo(507);
            assertThat(body).contains("audit trail cannot be written").contains("disk full");
            e.flush();
            assertThat(e.current(sp.id()).y()).as("the refused value was not applied").isEqualTo((double) (i - 2));
            int accepted = i - 1;
            disk.free();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (e.security().auditStatus().kept() > 0 || e.security().auditStatus().error() != null) {
                assertThat(System.nanoTime()).as("kept records written in time").isLessThan(deadline);
                Thread.sleep(50);
            }
            assertThat(e.security().verifyAudit().intact()).isTrue();
            long writes = e.security().audit(new AuditQuery(null, null, null, "value.write", null, 1000))
                    .stream().filter(r -> r.entry().result().equals("ok")).count();
            assertThat(writes).as("one record per accepted write, none lost").isEqualTo(accepted);
        }
    }
}
