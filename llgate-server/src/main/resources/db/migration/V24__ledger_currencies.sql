-- The ledger keeps each currency apart: an account holds one currency, and a merchant (or the gateway) has an
-- account of a kind per currency it has money in. Existing accounts are CNY and keep their keys; an account in
-- another currency is opened on its first posting, its key suffixed with the currency (merchant:...:UNSETTLED:USD).
-- The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.
ALTER TABLE ledger_account ADD COLUMN currency VARCHAR(3) DEFAULT 'CNY' NOT NULL;
DROP INDEX ledger_account_merchant_kind;
CREATE UNIQUE INDEX ledger_account_merchant_kind_currency ON ledger_account (merchant_id, kind, currency);

-- Settlement moves each currency's unsettled funds on its own: one row per merchant, day and currency.
ALTER TABLE settlement ADD COLUMN currency VARCHAR(3) DEFAULT 'CNY' NOT NULL;
ALTER TABLE settlement DROP CONSTRAINT settlement_once;
ALTER TABLE settlement ADD CONSTRAINT settlement_once UNIQUE (merchant_id, settle_date, currency);

-- A refund of a payment priced in another currency: money_refund and fee_refund are in that currency, the payer
-- gets money_pay yuan at the payment's rate (its id and its value as the wire writes it).
ALTER TABLE refund ADD COLUMN currency VARCHAR(3) DEFAULT 'CNY' NOT NULL;
ALTER TABLE refund ADD COLUMN money_pay BIGINT;
ALTER TABLE refund ADD COLUMN rate_id BIGINT;
ALTER TABLE refund ADD COLUMN exchange_rate VARCHAR(16);
