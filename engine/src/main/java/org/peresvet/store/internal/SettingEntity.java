package org.peresvet.store.internal;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** One project setting, stored as text. */
@Entity
@Table(name = "project_setting")
public class SettingEntity {
    @Id
    @Column(length = 64)
    private String name;
    @Column(name = "setting_value", nullable = false, length = 4000)
    private String value;

    protected SettingEntity() {
    }

    public SettingEntity(String name, String value) {
        this.name = name;
        this.value = value;
    }

    public String name() {
        return name;
    }

    public String value() {
        return value;
    }
}
