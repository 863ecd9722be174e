-- Alarm journal: one row per transition of an alarm. Paths are kept as they were at the time.
CREATE TABLE alarm_journal (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  x BIGINT NOT NULL,
  alarm_id UUID NOT NULL,
  tag_id UUID,
  alarm_path VARCHAR(4000) NOT NULL,
  object_path VARCHAR(4000) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  transition VARCHAR(32) NOT NULL,
  state VARCHAR(32) NOT NULL,
  value_text VARCHAR(1000),
  user_name VARCHAR(128),
  comment VARCHAR(2000),
  message VARCHAR(1000)
);
CREATE INDEX alarm_journal_x ON alarm_journal(x);
CREATE INDEX alarm_journal_alarm ON alarm_journal(alarm_id, x);
-- The runtime state of alarms that are not quietly normal, so a restart keeps them.
CREATE TABLE alarm_state (
  alarm_id UUID PRIMARY KEY,
  state VARCHAR(32) NOT NULL,
  active BOOLEAN NOT NULL,
  acknowledged BOOLEAN NOT NULL,
  latched BOOLEAN NOT NULL,
  suppressed BOOLEAN NOT NULL,
  active_since BIGINT NOT NULL,
  changed_at BIGINT NOT NULL,
  value_text VARCHAR(1000),
  message VARCHAR(1000),
  ack_user VARCHAR(128),
  ack_time BIGINT,
  ack_comment VARCHAR(2000),
  shelve_user VARCHAR(128),
  shelve_reason VARCHAR(2000),
  shelved_at BIGINT,
  shelved_until BIGINT,
  service_user VARCHAR(128),
  service_reason VARCHAR(2000),
  service_at BIGINT
);
