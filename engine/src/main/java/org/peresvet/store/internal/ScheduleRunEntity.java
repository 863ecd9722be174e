package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.util.UUID;

/** Row of {@code schedule_run}: the last instant a schedule fired (µs). */
@Entity
@Table(name = "schedule_run")
public class ScheduleRunEntity {
    @Id
    @Column(name = "schedule_id")
    private UUID scheduleId;
    @Column(name = "last_fire", nullable = false)
    private long lastFire;

    protected ScheduleRunEntity() {
    }

    public ScheduleRunEntity(UUID scheduleId, long lastFire) {
        this.scheduleId = scheduleId;
        this.lastFire = lastFire;
    }

    public UUID scheduleId() {
        return scheduleId;
    }

    public long lastFire() {
        return lastFire;
    }
}
