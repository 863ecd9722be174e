-- Per block its samples summed up per cell of 2^26 µs (CellSummary), in a row of its own: a trend
-- over weeks reads these few bytes instead of every block. Same tag_key, x_first, x_last and n as
-- the block whose id is block_id, so that the purge deletes both with one condition.
CREATE TABLE history_summary (
  block_id BIGINT PRIMARY KEY,
  tag_key INT NOT NULL,
  x_first BIGINT NOT NULL,
  x_last BIGINT NOT NULL,
  n INT NOT NULL,
  data VARBINARY NOT NULL
);
CREATE INDEX history_summary_first ON history_summary(tag_key, x_first);
-- Blocks written before the summaries have none: per tag the highest block id and x_first then,
-- below which a scan reads blocks the old way.
CREATE TABLE history_unsummarised (
  tag_key INT PRIMARY KEY,
  id_max BIGINT NOT NULL,
  x_first_max BIGINT NOT NULL
);
INSERT INTO history_unsummarised(tag_key, id_max, x_first_max)
  SELECT tag_key, MAX(id), MAX(x_first) FROM history_block GROUP BY tag_key;
