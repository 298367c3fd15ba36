-- The operators' transaction list across products: newest first, keyset-paged by (created_at, id), for all
-- merchants or one, and found by the numbers an operator searches for. Each product's table gets the same two
-- orderings; the search columns that had no index of their own get one. The ledger is read by transaction
-- reference for a transaction's postings.
-- The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

CREATE INDEX instant_payment_listed ON instant_payment (created_at, id);
CREATE INDEX instant_payment_merchant_listed ON instant_payment (merchant_id, created_at, id);
CREATE INDEX instant_payment_by_no_order ON instant_payment (no_order);

CREATE INDEX online_banking_order_listed ON online_banking_order (created_at, id);
CREATE INDEX online_banking_order_merchant_listed ON online_banking_order (merchant_id, created_at, id);
CREATE INDEX online_banking_order_by_no_order ON online_banking_order (no_order);

CREATE INDEX refund_listed ON refund (created_at, id);
CREATE INDEX refund_merchant_listed ON refund (merchant_id, created_at, id);
CREATE INDEX refund_by_no_order ON refund (no_order);
CREATE INDEX refund_by_oid_paybill ON refund (oid_paybill);
CREATE INDEX refund_by_no_refund ON refund (no_refund);

CREATE INDEX ledger_entry_by_reference ON ledger_entry (reference);
