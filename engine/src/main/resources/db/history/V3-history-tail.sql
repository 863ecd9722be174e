-- The history tail: each flush of sparse samples (few per tag) is one row here instead of one
-- block per tag; the writer later moves the tail into history_block and empties this table in
-- one transaction. Opening the file moves what a crash left here.
CREATE TABLE history_tail (
  id BIGINT AUTO_INCREMENT PRIMARY KEY,
  data VARBINARY NOT NULL
);
