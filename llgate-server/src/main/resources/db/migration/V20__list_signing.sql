-- Whether a list in a reply is in its signature, per merchant and list (14 D11, D13): text such as
-- 'card_list=exclude,support_banklist=include'; empty keeps the defaults (card_list signed over, the support
-- bank query's reply unsigned).
ALTER TABLE merchant ADD COLUMN list_signing VARCHAR(100) DEFAULT '' NOT NULL;
