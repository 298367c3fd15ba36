-- flag_card 1 meant a personal card until it took the meaning of LianLian's Chinese table and SDK: corporate
-- (spec 10, I2). The kind of payee is recorded beside the value as sent, so orders written before keep the
-- meaning they were made with; flag_card itself is never read again to decide it.
ALTER TABLE instant_payment ADD COLUMN payee_kind VARCHAR(9);
UPDATE instant_payment SET payee_kind = CASE WHEN flag_card = '2' THEN 'CORPORATE' ELSE 'PERSONAL' END;
ALTER TABLE instant_payment ALTER COLUMN payee_kind SET NOT NULL;

-- A corporate payee's branch (spec 10 §3): its large-value number, or its city and name.
ALTER TABLE instant_payment ADD COLUMN prcptcd VARCHAR(12);
ALTER TABLE instant_payment ADD COLUMN city_code VARCHAR(6);
ALTER TABLE instant_payment ADD COLUMN brabank_name VARCHAR(100);
