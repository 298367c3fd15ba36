-- A field's length is counted in characters (Unicode code points), as the gateway checks it and as
-- PostgreSQL counts VARCHAR(n); H2 counts UTF-16 units, two for a character outside the Basic
-- Multilingual Plane (an emoji, a rare CJK character). So every column holding text a merchant chose,
-- with a limit the gateway checks, is twice that limit wide, and a value within the limit fits on both
-- databases. The gateway's check stays the limit; the width only has to hold it.
-- The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

-- no_order: String(32).
ALTER TABLE instant_payment ALTER COLUMN no_order SET DATA TYPE VARCHAR(64);
ALTER TABLE online_banking_order ALTER COLUMN no_order SET DATA TYPE VARCHAR(64);
ALTER TABLE refund ALTER COLUMN no_order SET DATA TYPE VARCHAR(64);
-- The notification's order number: the payment's no_order or the refund's no_refund, String(32) both.
ALTER TABLE notification ALTER COLUMN no_order SET DATA TYPE VARCHAR(64);

-- no_refund: String(32).
ALTER TABLE refund ALTER COLUMN no_refund SET DATA TYPE VARCHAR(64);

-- info_order: String(255), as wide as online_banking_order's and refund's already are.
ALTER TABLE instant_payment ALTER COLUMN info_order SET DATA TYPE VARCHAR(1024);

-- A merchant's name as an operator gives it: up to 128 characters.
ALTER TABLE merchant ALTER COLUMN name SET DATA TYPE VARCHAR(256);

-- brabank_name: the corporate payee's branch, up to 100 characters.
ALTER TABLE instant_payment ALTER COLUMN brabank_name SET DATA TYPE VARCHAR(200);
