-- 0010_email_inbound.sql: mail received on a mailbox (cxms mailgate), stored raw first and threaded
-- by the worker; the address an email conversation answers when no customer account has it.

-- One row per mail handed over. The raw bytes are kept (staff can download them; the export carries
-- them); a second delivery of the same bytes or the same Message-ID on the same mailbox stores
-- nothing. status: stored (waiting for the worker), threaded (a message of conversation_id), failed
-- (error says why; the raw mail stays for a person to look at). automatic names the header that
-- shows no person wrote it (an out-of-office, a bounce, a list): such mail is stored and shown, but
-- nothing automatic answers it.
CREATE TABLE inbound_mails (
	id bigserial PRIMARY KEY,
	channel_account_id bigint NOT NULL REFERENCES channel_accounts (id),
	sha256 text NOT NULL CHECK (sha256 ~ '^[0-9a-f]{64}$'),
	rfc_message_id text CHECK (length(rfc_message_id) BETWEEN 1 AND 998),
	from_address text CHECK (length(from_address) <= 254),
	raw bytea NOT NULL,
	size integer NOT NULL CHECK (size >= 0),
	received_at timestamptz NOT NULL DEFAULT now(),
	status text NOT NULL DEFAULT 'stored' CHECK (status IN ('stored', 'threaded', 'failed')),
	error text CHECK (length(error) <= 500),
	automatic text CHECK (length(automatic) <= 100),
	conversation_id bigint REFERENCES conversations (id) ON DELETE CASCADE,
	message_id bigint REFERENCES messages (id) ON DELETE SET NULL
);
CREATE UNIQUE INDEX inbound_mails_bytes ON inbound_mails (channel_account_id, sha256);
CREATE UNIQUE INDEX inbound_mails_rfc_id ON inbound_mails (channel_account_id, rfc_message_id)
	WHERE rfc_message_id IS NOT NULL;
CREATE INDEX inbound_mails_conversation ON inbound_mails (conversation_id) WHERE conversation_id IS NOT NULL;
CREATE INDEX inbound_mails_message ON inbound_mails (message_id) WHERE message_id IS NOT NULL;
-- the per-sender flood threshold and the erasure of an address
CREATE INDEX inbound_mails_sender ON inbound_mails (lower(from_address), received_at);

-- Who an email conversation is with when no customer account has the sender's address (the web
-- chat's visitor columns, for mail). Replies go to this address.
CREATE TABLE email_contacts (
	conversation_id bigint PRIMARY KEY REFERENCES conversations (id) ON DELETE CASCADE,
	address text NOT NULL CHECK (length(address) BETWEEN 3 AND 254),
	name text NOT NULL DEFAULT '' CHECK (length(name) <= 200)
);
CREATE INDEX email_contacts_address ON email_contacts (lower(address));
-- the desktop's search by name or address (substrings), as for customers and web visitors
CREATE INDEX email_contacts_name_trgm ON email_contacts USING gin (name gin_trgm_ops);
CREATE INDEX email_contacts_address_trgm ON email_contacts USING gin (address gin_trgm_ops);

-- A reply that names a conversation but comes from someone who is not in it opens a new one that
-- follows it (newsletter replies from many people must not land in one conversation).
ALTER TABLE conversations ADD COLUMN follows_id bigint REFERENCES conversations (id) ON DELETE SET NULL;

-- A reply on an email conversation leaves from its mailbox with the headers that thread it. They are
-- kept with the mail: every retry sends the same Message-ID (a receiver can drop the second copy of
-- a resend after a crash), and admins see them in the outbox.
ALTER TABLE mails ADD COLUMN from_address text CHECK (length(from_address) <= 400),
	ADD COLUMN reply_to text CHECK (length(reply_to) <= 254),
	ADD COLUMN rfc_message_id text CHECK (length(rfc_message_id) <= 998),
	ADD COLUMN in_reply_to text CHECK (length(in_reply_to) <= 998),
	ADD COLUMN references_ids text CHECK (length(references_ids) <= 20000),
	ADD COLUMN auto_submitted boolean NOT NULL DEFAULT false;
