-- What a refund row of the merchant's detail files holds in column 5 (13 T4): the original no_order
-- (the documented layout) or the refund's oid_refundno.
ALTER TABLE merchant ADD COLUMN report_refund_paybill VARCHAR(16) DEFAULT 'NO_ORDER' NOT NULL;
