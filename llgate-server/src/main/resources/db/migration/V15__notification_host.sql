-- The merchant host a notification goes to ("host:port", lower case, port -1 when the URL names none, as the
-- dispatcher counts its attempts in flight), so a claim round can ask for the due notifications of one host
-- that has free slots instead of reading past the backlog of every busy host. Rows queued before it take the
-- host from their URL (the same regular expression in H2 and PostgreSQL; its third group is empty, not
-- absent, without a port, as H2 cannot take an absent group).
ALTER TABLE notification ADD COLUMN host VARCHAR(520);
UPDATE notification SET host =
    LOWER(COALESCE(REGEXP_SUBSTR(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#@]*@)?(\[[^]/?#]*\]|[^:/?#]*)(:[0-9]+|)',
                                 1, 1, '', 2), '?'))
    || ':' ||
    SUBSTRING(COALESCE(NULLIF(REGEXP_SUBSTR(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#@]*@)?(\[[^]/?#]*\]|[^:/?#]*)(:[0-9]+|)',
                                            1, 1, '', 3), ''), ':-1') FROM 2);
ALTER TABLE notification ALTER COLUMN host SET NOT NULL;
CREATE INDEX notification_host_due ON notification (status, host, next_attempt_at, id);
