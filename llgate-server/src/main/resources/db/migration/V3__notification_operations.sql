-- Notification operations: cancelling notifications, listing them by creation time, and the
-- sandbox's per-merchant notification chaos.
-- The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

-- When an operator cancelled a PENDING notification (status CANCELLED); its attempts stay.
ALTER TABLE notification ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX notification_created ON notification (created_at);

-- A sandbox merchant's chaos setting (NONE, DUPLICATE, SHUFFLE or LATE) and its delay: how long LATE
-- holds the first attempt back, and the longest SHUFFLE does. Production mode ignores both.
ALTER TABLE merchant ADD COLUMN notify_chaos VARCHAR(16) DEFAULT 'NONE' NOT NULL;
ALTER TABLE merchant ADD COLUMN notify_chaos_delay_ms BIGINT DEFAULT 10000 NOT NULL;

-- What the sandbox's chaos did to a notification, for the merchant reading the notification log.
ALTER TABLE notification ADD COLUMN chaos VARCHAR(64);
