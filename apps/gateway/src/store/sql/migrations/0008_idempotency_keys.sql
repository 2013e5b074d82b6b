-- The Idempotency-Key of every API that takes one (domain/idempotency.ts), per merchant. The request is kept
-- only as a keyed fingerprint; the response once answered. An unanswered claim past claimed_until belongs to a
-- gateway that stopped, and may be taken over; a record past expires_at is forgotten.
CREATE TABLE idempotency_keys (
  merchant_id TEXT NOT NULL,
  idempotency_key TEXT NOT NULL,
  fingerprint TEXT NOT NULL,
  response JSON,
  claimed_until BIGINT NOT NULL,
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (merchant_id, idempotency_key)
);
CREATE INDEX idempotency_keys_expires_at ON idempotency_keys (expires_at);

-- A session made for one page load of hosted fields from a session token (its terminal, scenario, library
-- version and the saved card it updates); NULL for every other session.
ALTER TABLE sessions ADD COLUMN hosted_fields JSON;
