-- Connectors (MQTT brokers, HTTP devices). Tags bind to them through their source_config JSON.
CREATE TABLE connector_def (
  id UUID PRIMARY KEY,
  name VARCHAR(128) NOT NULL,
  kind VARCHAR(32) NOT NULL,
  enabled BOOLEAN NOT NULL,
  config VARCHAR(65536) NOT NULL
);
