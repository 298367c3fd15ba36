-- Card payments in the operators' transaction list: easypay orders and pre-authorizations get the two orderings the
-- other products' tables got (V22), by their creation time (an authorization's is when the issuer approved it), and
-- an index for each searched column that had none. A pre-authorization keeps the masked card it was made with, for
-- its detail page. The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

CREATE INDEX easypay_order_listed ON easypay_order (created_at, id);
CREATE INDEX easypay_order_merchant_listed ON easypay_order (merchant_id, created_at, id);
CREATE INDEX easypay_order_by_no_order ON easypay_order (no_order);

CREATE INDEX pre_authorization_listed ON pre_authorization (authorized_at, id);
CREATE INDEX pre_authorization_merchant_listed ON pre_authorization (merchant_id, authorized_at, id);
CREATE INDEX pre_authorization_by_no_order ON pre_authorization (no_order);

ALTER TABLE pre_authorization ADD COLUMN card_masked VARCHAR(19);
