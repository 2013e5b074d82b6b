-- Mastercard's 3-D Secure 1 resource names an authentication by the merchant's 3DSecureId
-- (PUT/POST/GET .../3DSecureId/{id}); a payment finds it by the id too. Unique per merchant, so two requests
-- racing for one id make one authentication. Written once, at creation; NULL for every other authentication.
ALTER TABLE authentications ADD COLUMN three_d_secure_id TEXT;
CREATE UNIQUE INDEX authentications_three_d_secure_id ON authentications (merchant_id, three_d_secure_id)
  WHERE three_d_secure_id IS NOT NULL;
