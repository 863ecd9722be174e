-- Project model: objects, tags, settings.
CREATE TABLE plant_object (
  id UUID PRIMARY KEY,
  parent_id UUID,
  name VARCHAR(128) NOT NULL,
  description VARCHAR(2000) NOT NULL
);
CREATE INDEX plant_object_parent ON plant_object(parent_id);
CREATE TABLE tag (
  id UUID PRIMARY KEY,
  object_id UUID NOT NULL,
  name VARCHAR(128) NOT NULL,
  description VARCHAR(2000) NOT NULL,
  value_type VARCHAR(16) NOT NULL,
  units VARCHAR(32) NOT NULL,
  min_value DOUBLE PRECISION,
  max_value DOUBLE PRECISION,
  step BOOLEAN NOT NULL,
  update_same_time BOOLEAN NOT NULL,
  deadband DOUBLE PRECISION NOT NULL,
  default_value VARCHAR(4000),
  enabled BOOLEAN NOT NULL,
  source VARCHAR(16) NOT NULL,
  source_config VARCHAR(16000)
);
CREATE INDEX tag_object ON tag(object_id);
CREATE TABLE project_setting (
  name VARCHAR(64) PRIMARY KEY,
  setting_value VARCHAR(4000) NOT NULL
);
