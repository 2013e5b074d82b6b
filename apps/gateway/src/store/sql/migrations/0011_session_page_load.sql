-- The page load a session token is bound to: the first page that configures hosted fields with it holds it,
-- and another page load is refused (domain/hosted-fields.ts). NULL until then, and for every other session.
ALTER TABLE sessions ADD COLUMN page_load TEXT;
