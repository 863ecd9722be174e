-- Per block of many samples, its samples summed up per cell of 2^26 µs (CellSummary), in a row of
-- its own: a trend over weeks reads these few bytes instead of every block. The same tag_key,
-- x_first and x_last as the block whose id is block_id, so that the purge deletes both with one
-- condition. Blocks without a summary (small ones, and all written before) are read whole.
CREATE TABLE history_summary (
  block_id BIGINT PRIMARY KEY,
  tag_key INT NOT NULL,
  x_first BIGINT NOT NULL,
  x_last BIGINT NOT NULL,
  data VARBINARY NOT NULL
);
CREATE INDEX history_summary_first ON history_summary(tag_key, x_first);
