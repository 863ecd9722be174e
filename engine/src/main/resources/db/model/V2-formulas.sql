-- Calculated tags, methods and schedules.
ALTER TABLE tag ADD COLUMN formula VARCHAR(8000);
ALTER TABLE tag ADD COLUMN calc_trigger VARCHAR(64);
-- Definitions are kept as JSON documents (the form of the project file), one row each.
CREATE TABLE schedule_def (
  id UUID PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  definition VARCHAR(16000) NOT NULL
);
CREATE TABLE method_def (
  id UUID PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  definition VARCHAR(64000) NOT NULL
);
-- The last instant each schedule fired, so a restart neither repeats nor (by policy) loses a tick.
CREATE TABLE schedule_run (
  schedule_id UUID PRIMARY KEY,
  last_fire BIGINT NOT NULL
);
