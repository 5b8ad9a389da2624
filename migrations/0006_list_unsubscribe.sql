-- 0006_list_unsubscribe.sql: marketing mails carry an RFC 8058 one-click unsubscribe address
ALTER TABLE mails ADD COLUMN list_unsubscribe text;
