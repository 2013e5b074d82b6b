-- The card-testing limits' counters (domain/rate-limits.ts): one row per limit and subject (a client address,
-- a merchant id, or a keyed card fingerprint; never a card number). A row holds its latest fixed window's
-- count and the count of the window before, from which the limiter weighs a sliding window; it is updated by
-- one upsert per request and swept once its windows are over (expires_at).
CREATE TABLE rate_counters (
  scope TEXT NOT NULL,
  subject TEXT NOT NULL,
  window_start BIGINT NOT NULL,
  window_ms BIGINT NOT NULL CHECK (window_ms > 0),
  current_count INTEGER NOT NULL CHECK (current_count >= 0),
  previous_count INTEGER NOT NULL CHECK (previous_count >= 0),
  expires_at BIGINT NOT NULL,
  PRIMARY KEY (scope, subject)
);
CREATE INDEX rate_counters_expires_at ON rate_counters (expires_at);
