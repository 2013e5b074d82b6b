-- Mastercard's 3-D Secure operations name an authentication by the merchant's order and transaction ids
-- (INITIATE_AUTHENTICATION, AUTHENTICATE_PAYER on PUT .../order/{o}/transaction/{t}); a payment and a
-- retrieval find it by them. Written once, at creation; NULL for authentications other faces made.
ALTER TABLE authentications ADD COLUMN order_id TEXT;
ALTER TABLE authentications ADD COLUMN order_transaction_id TEXT;
CREATE INDEX authentications_order ON authentications (merchant_id, order_id) WHERE order_id IS NOT NULL;
