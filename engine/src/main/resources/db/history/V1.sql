-- Local history: samples of one tag are stored in blocks; a block lies within one hour bucket.
CREATE TABLE history_tag (
  tag_key INT AUTO_INCREMENT PRIMARY KEY,
  tag_id UUID NOT NULL UNIQUE
);
CREATE TABLE history_block (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  tag_key INT NOT NULL,
  x_first BIGINT NOT NULL,
  x_last BIGINT NOT NULL,
  n INT NOT NULL,
  data VARBINARY NOT NULL
);
CREATE INDEX history_block_first ON history_block(tag_key, x_first);
