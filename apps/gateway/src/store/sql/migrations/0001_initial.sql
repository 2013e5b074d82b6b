-- Times are epoch milliseconds (BIGINT), as the gateway's clock gives them, so expiry is compared in SQL
-- against the same clock the domain uses. Documents are JSON (not JSONB) so they read back key for key as
-- written. Card numbers and CSCs exist only inside the vault's AES-256-GCM envelopes.

CREATE TABLE sessions (
  id TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  api_version TEXT NOT NULL,
  version TEXT NOT NULL,
  aes256_key TEXT NOT NULL,
  authentication_limit INTEGER NOT NULL CHECK (authentication_limit >= 0),
  authentication_count INTEGER NOT NULL DEFAULT 0 CHECK (authentication_count >= 0),
  update_status TEXT NOT NULL,
  content JSON NOT NULL,
  pan_envelope TEXT,
  -- Cleared by the first operation that uses the session.
  csc_envelope TEXT,
  created_at BIGINT NOT NULL,
  expires_at BIGINT NOT NULL
);
CREATE INDEX sessions_expires_at ON sessions (expires_at);

-- One row per order; its transactions are in the document, amounts as decimal strings of minor units.
CREATE TABLE orders (
  merchant_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  revision INTEGER NOT NULL,
  document JSON,
  lease_transaction_id TEXT,
  lease_expires_at BIGINT,
  PRIMARY KEY (merchant_id, order_id),
  CHECK ((lease_transaction_id IS NULL) = (lease_expires_at IS NULL))
);

-- The idempotency slot of a transaction id: a keyed fingerprint of the request, then the response sent.
CREATE TABLE transaction_slots (
  merchant_id TEXT NOT NULL,
  order_id TEXT NOT NULL,
  transaction_id TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response JSON,
  PRIMARY KEY (merchant_id, order_id, transaction_id)
);

CREATE TABLE tokens (
  token TEXT PRIMARY KEY,
  merchant_id TEXT NOT NULL,
  pan_envelope TEXT NOT NULL,
  card JSON NOT NULL,
  created_at BIGINT NOT NULL,
  updated_at BIGINT NOT NULL
);
