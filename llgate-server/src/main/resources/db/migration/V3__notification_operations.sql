-- Notification operations: cancelling notifications and listing them by creation time.
-- The SQL stays in the subset that H2 (PostgreSQL mode) and PostgreSQL both run.

-- When an operator cancelled a PENDING notification (status CANCELLED); its attempts stay.
ALTER TABLE notification ADD COLUMN cancelled_at TIMESTAMP WITH TIME ZONE;

CREATE INDEX notification_created ON notification (created_at);
