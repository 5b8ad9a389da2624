-- 0008: a web chat reply mail that the customer saw on the chat page first is not sent.
-- A reply to a chat left while nobody was there waits (CXMS_CHAT_MAIL_DELAY) before it is mailed; when the
-- customer's page fetched it meanwhile, the message is "delivered" and its mail "seen_in_chat".
ALTER TABLE mails DROP CONSTRAINT mails_status_check;
ALTER TABLE mails ADD CONSTRAINT mails_status_check
	CHECK (status IN ('queued', 'sent', 'stored', 'failed', 'seen_in_chat'));
