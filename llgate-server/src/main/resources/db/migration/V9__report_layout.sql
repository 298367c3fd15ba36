-- How the merchant's report files are laid out (13 T8): DOC, the documented 19-column '|' files (13 §1-§3), or
-- CSV, the comma-separated files with a Chinese header that LianLian's SFTP delivers, with FKMX_ payout files (§5).
ALTER TABLE merchant ADD COLUMN report_layout VARCHAR(8) DEFAULT 'DOC' NOT NULL;

-- When a payout was paid: its row in a FKMX_ file keeps this time after a reversal changes updated_at.
ALTER TABLE instant_payment ADD COLUMN paid_at TIMESTAMP WITH TIME ZONE;
UPDATE instant_payment SET paid_at = COALESCE(
        (SELECT e.created_at FROM ledger_entry e
         WHERE e.kind = 'PAYOUT_SUCCESS' AND e.reference = 'instant-payment:' || CAST(instant_payment.id AS VARCHAR(20))),
        updated_at)
WHERE status IN ('SUCCESS', 'CANCEL');
