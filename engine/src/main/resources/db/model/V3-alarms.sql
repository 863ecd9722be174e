-- Alarm definitions. Each belongs to a tag; the model deletes a tag's alarms with it.
CREATE TABLE alarm_def (
  id UUID PRIMARY KEY,
  tag_id UUID NOT NULL,
  name VARCHAR(128) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  priority VARCHAR(16) NOT NULL,
  limit_value DOUBLE PRECISION,
  setpoint_tag_id UUID,
  compare_value VARCHAR(4000),
  expression VARCHAR(4000),
  message VARCHAR(1000) NOT NULL,
  deadband DOUBLE PRECISION NOT NULL,
  on_delay_ms BIGINT NOT NULL,
  off_delay_ms BIGINT NOT NULL,
  latching BOOLEAN NOT NULL,
  auto_ack BOOLEAN NOT NULL,
  enabled BOOLEAN NOT NULL,
  suppression_tag_id UUID
);
CREATE INDEX alarm_def_tag ON alarm_def(tag_id);
