-- The merchant host a notification goes to ("host:port", lower case, as the dispatcher counts its attempts in
-- flight), so a claim round can ask for the due notifications of one host that has free slots instead of
-- reading past the backlog of every busy host. Rows queued before it take the host from their URL.
ALTER TABLE notification ADD COLUMN host VARCHAR(520);
UPDATE notification SET host =
    LOWER(COALESCE(REGEXP_SUBSTR(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#@]*@)?(\[[^]/?#]*\]|[^:/?#]*)(:([0-9]+))?',
                                 1, 1, '', 2), '?'))
    || ':' ||
    COALESCE(REGEXP_SUBSTR(url, '^[a-zA-Z][a-zA-Z0-9+.-]*://([^/?#@]*@)?(\[[^]/?#]*\]|[^:/?#]*)(:([0-9]+))?',
                           1, 1, '', 4), '-1');
ALTER TABLE notification ALTER COLUMN host SET NOT NULL;
CREATE INDEX notification_host_due ON notification (status, host, next_attempt_at, id);
