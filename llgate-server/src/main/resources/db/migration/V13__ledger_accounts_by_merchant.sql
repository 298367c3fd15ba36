-- A merchant's accounts are found by the merchant's id and the account's kind, as products know the
-- merchant by its id; the account key stays as a label. The index makes that lookup one row.
CREATE UNIQUE INDEX ledger_account_merchant_kind ON ledger_account (merchant_id, kind);
