-- Gift cards and ACH bank accounts in sessions: their numbers and the gift card's PIN exist only inside the
-- vault's envelopes, like the PAN and CSC. The PIN envelope is cleared by the first operation that uses the
-- session.
ALTER TABLE sessions ADD COLUMN gift_card_number_envelope TEXT;
ALTER TABLE sessions ADD COLUMN gift_card_pin_envelope TEXT;
ALTER TABLE sessions ADD COLUMN bank_account_envelope TEXT;
