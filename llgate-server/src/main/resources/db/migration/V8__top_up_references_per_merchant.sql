-- A top-up's reference belongs to its merchant: two merchants may each have a top-up "wire-1", and
-- one merchant's top-up can no longer block another's registration. Every journal entry is made once
-- per (kind, owner, reference); the owner is the oid_partner for top-ups and empty for the entries
-- whose references the gateway makes up from its own unique numbers.
ALTER TABLE ledger_entry ADD COLUMN reference_owner VARCHAR(18) DEFAULT '' NOT NULL;

-- A top-up posts to exactly one merchant account: the merchant's available balance.
UPDATE ledger_entry SET reference_owner = COALESCE((
        SELECT MAX(m.oid_partner) FROM ledger_posting p
        JOIN ledger_account a ON a.id = p.account_id
        JOIN merchant m ON m.id = a.merchant_id
        WHERE p.entry_id = ledger_entry.id), '')
WHERE kind = 'TOPUP';

ALTER TABLE ledger_entry DROP CONSTRAINT ledger_entry_once;
ALTER TABLE ledger_entry ADD CONSTRAINT ledger_entry_once UNIQUE (kind, reference_owner, reference);
