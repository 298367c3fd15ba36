-- The business day moves from the ledger entry to each of its postings, so that settlement and
-- reconciliation read one merchant account's postings of the days they need through an index,
-- not the ledger's history. The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

ALTER TABLE ledger_posting ADD COLUMN settle_date VARCHAR(8);
UPDATE ledger_posting SET settle_date = (SELECT e.settle_date FROM ledger_entry e WHERE e.id = ledger_posting.entry_id);
CREATE INDEX ledger_posting_account_day ON ledger_posting (account_id, settle_date);

DROP INDEX ledger_entry_settle;
ALTER TABLE ledger_entry DROP COLUMN settle_date;

-- The gateway's own accounts keep no running balance any more: every merchant's payments post to
-- them, and updating one row for each made all merchants' payments wait for one another. Their
-- balance is the sum of their postings.
UPDATE ledger_account SET balance = 0 WHERE merchant_id IS NULL;
