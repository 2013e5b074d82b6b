-- 3-D Secure authentications. The card number exists only in pan_envelope (the vault's AES-256-GCM, bound
-- to the id); the document shows it masked. A payment takes an authentication at most once: the used_*
-- columns are set by one conditional UPDATE.
CREATE TABLE authentications (
  id TEXT PRIMARY KEY,
  transaction_id TEXT NOT NULL UNIQUE,
  merchant_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  status TEXT NOT NULL,
  pan_envelope TEXT NOT NULL,
  document JSON NOT NULL,
  used_order_id TEXT,
  used_transaction_id TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  CHECK ((used_order_id IS NULL) = (used_transaction_id IS NULL))
);
CREATE INDEX authentications_expires_at ON authentications (expires_at);
