-- Project documents outside the object tree: saved trends, mnemonic screens, library symbols.
-- The body is the document's JSON object; its kind says which feature reads it.
CREATE TABLE document_def (
  id UUID PRIMARY KEY,
  kind VARCHAR(32) NOT NULL,
  name VARCHAR(128) NOT NULL,
  body CHARACTER LARGE OBJECT NOT NULL
);
