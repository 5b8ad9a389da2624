-- 0003_consent.sql: purposes, the append-only hash-chained consent ledger, purpose-gated derived data,
-- the staff access log, erasure requests and per-customer keys

-- Purposes are data. A new text is a new version: rows are added, never changed.
CREATE TABLE consent_purposes (
	code text NOT NULL CHECK (code ~ '^[a-z_]{1,40}$'),
	version integer NOT NULL CHECK (version > 0),
	optional boolean NOT NULL,          -- false: "service", needed to answer the customer's own requests
	legal_basis text NOT NULL CHECK (legal_basis IN ('contract', 'consent', 'legitimate_interest', 'legal_obligation')),
	title_en text NOT NULL, title_bn text NOT NULL,
	text_en text NOT NULL, text_bn text NOT NULL,
	data_categories text NOT NULL,      -- records of processing
	retention text NOT NULL,
	sort integer NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (code, version)
);

INSERT INTO consent_purposes (code, version, optional, legal_basis, title_en, title_bn, text_en, text_bn, data_categories, retention, sort) VALUES
('service', 1, false, 'contract', 'Answering your requests', 'আপনার অনুরোধের উত্তর',
 'We use your account details and messages to answer the questions and requests you send us. This is needed to serve you and cannot be switched off, except by deleting your account.',
 'আপনার পাঠানো প্রশ্ন ও অনুরোধের উত্তর দিতে আমরা আপনার অ্যাকাউন্টের তথ্য ও বার্তা ব্যবহার করি। আপনাকে সেবা দিতে এটি দরকার এবং অ্যাকাউন্ট মুছে ফেলা ছাড়া এটি বন্ধ করা যায় না।',
 'identity, contact details, messages', 'while the account is open; closed accounts 30 days', 0),
('marketing_email', 1, true, 'consent', 'Marketing emails', 'মার্কেটিং ইমেইল',
 'We may send you news and offers by email. Every such email has a one-click unsubscribe link.',
 'আমরা আপনাকে ইমেইলে খবর ও অফার পাঠাতে পারি। প্রতিটি এমন ইমেইলে এক ক্লিকে সদস্যতা ত্যাগের লিঙ্ক থাকে।',
 'email address, name, language', 'until consent is withdrawn', 1),
('marketing_sms', 1, true, 'consent', 'Marketing text messages', 'মার্কেটিং এসএমএস',
 'We may send you news and offers by text message to your phone.',
 'আমরা আপনার ফোনে এসএমএস-এ খবর ও অফার পাঠাতে পারি।',
 'phone number, name', 'until consent is withdrawn', 2),
('analytics', 1, true, 'consent', 'Analytics and behaviour tracking', 'বিশ্লেষণ ও আচরণ ট্র্যাকিং',
 'We record which pages of this site you visit, to learn how to improve it.',
 'সাইটটি উন্নত করতে আপনি এই সাইটের কোন পাতাগুলো দেখেন তা আমরা রেকর্ড করি।',
 'pages viewed, time of visit', 'tracking events 90 days', 3),
('profiling', 1, true, 'consent', 'Profiling', 'প্রোফাইলিং',
 'We compute scores from your history with us, such as how likely you are to leave, to offer you help in time.',
 'সময়মতো সাহায্য দিতে আমরা আপনার ইতিহাস থেকে স্কোর হিসাব করি, যেমন আপনার চলে যাওয়ার সম্ভাবনা।',
 'conversation history, survey answers, derived scores', 'until consent is withdrawn', 4),
('personalisation', 1, true, 'consent', 'Personalisation', 'ব্যক্তিগতকরণ',
 'We suggest help articles and offers based on what you have looked at before.',
 'আপনি আগে যা দেখেছেন তার ভিত্তিতে আমরা সহায়তা নিবন্ধ ও অফার প্রস্তাব করি।',
 'pages viewed, conversation topics', 'until consent is withdrawn', 5),
('surveys', 1, true, 'consent', 'Survey invitations', 'জরিপের আমন্ত্রণ',
 'We may ask you how we did after a conversation, by email or message.',
 'কথোপকথনের পরে আমরা কেমন করেছি তা ইমেইল বা বার্তায় জানতে চাইতে পারি।',
 'email address, conversation reference, answers', 'answers 2 years', 6),
('partners', 1, true, 'consent', 'Sharing with partners', 'অংশীদারদের সাথে শেয়ার',
 'We may share your name and email address with carefully chosen partners so they can send you their offers.',
 'বাছাই করা অংশীদাররা যাতে তাদের অফার পাঠাতে পারে সেজন্য আমরা আপনার নাম ও ইমেইল ঠিকানা তাদের সাথে শেয়ার করতে পারি।',
 'name, email address', 'until consent is withdrawn', 7);

-- The pseudonym that names a customer in the ledger. Random, so that once this row is deleted
-- (erasure) nothing links the ledger rows to the person any more, not even with the secret.
CREATE TABLE consent_subjects (
	customer_id bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
	subject_ref text NOT NULL UNIQUE
);

-- The ledger. Append-only (trigger below) and hash-chained: see app/data/consent_ledger.c
-- for the canonical form each hash covers.
CREATE TABLE consent_events (
	id bigint PRIMARY KEY,
	at timestamptz NOT NULL,
	subject_ref text NOT NULL,
	purpose text NOT NULL,
	purpose_version integer NOT NULL,
	granted boolean NOT NULL,
	channel text NOT NULL CHECK (channel IN ('portal', 'chat', 'email_link', 'staff_phone', 'api')),
	staff_id bigint REFERENCES staff (id),
	staff_reason text,
	request_id text,
	ip_hash text,
	user_agent text,
	prev_hash text NOT NULL,
	hash text NOT NULL,
	FOREIGN KEY (purpose, purpose_version) REFERENCES consent_purposes (code, version)
);
CREATE SEQUENCE consent_events_id_seq OWNED BY consent_events.id;
CREATE INDEX consent_events_subject ON consent_events (subject_ref, purpose, id DESC);

CREATE FUNCTION consent_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	RAISE EXCEPTION 'consent_events is append-only: % refused', TG_OP;
END $$;
CREATE TRIGGER consent_events_no_change BEFORE UPDATE OR DELETE ON consent_events
	FOR EACH ROW EXECUTE FUNCTION consent_events_append_only();
CREATE TRIGGER consent_events_no_truncate BEFORE TRUNCATE ON consent_events
	FOR EACH STATEMENT EXECUTE FUNCTION consent_events_append_only();

-- Data derived for a purpose: written only through the purpose-gated calls, deleted on withdrawal.
CREATE TABLE tracking_events (           -- purpose: analytics
	id bigserial PRIMARY KEY,
	customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	path text NOT NULL,
	at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX tracking_events_customer ON tracking_events (customer_id);
CREATE INDEX tracking_events_at ON tracking_events (at);

CREATE TABLE profile_scores (            -- purpose: profiling
	customer_id bigint NOT NULL REFERENCES customers (id) ON DELETE CASCADE,
	kind text NOT NULL,
	score double precision NOT NULL,
	computed_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (customer_id, kind)
);

-- Every staff view of a customer record, every export and every erasure. customer_id is not a
-- foreign key: the entry outlives an erased customer (and then identifies no one).
CREATE TABLE access_log (
	id bigserial PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT now(),
	staff_id bigint REFERENCES staff (id),
	customer_id bigint,
	action text NOT NULL CHECK (action IN ('view', 'consent_export', 'access_export', 'self_export', 'erasure', 'consent_record')),
	reason text NOT NULL DEFAULT '',
	details text NOT NULL DEFAULT '',
	request_id text
);
CREATE INDEX access_log_at ON access_log (at DESC);
CREATE INDEX access_log_staff ON access_log (staff_id, at DESC);
CREATE INDEX access_log_customer ON access_log (customer_id, at DESC);

-- Erasure requests and their receipts. No personal data: the receipt lists what was removed.
CREATE TABLE erasure_requests (
	id bigserial PRIMARY KEY,
	receipt text NOT NULL UNIQUE,
	customer_id bigint,
	requested_by text NOT NULL CHECK (requested_by IN ('customer', 'staff')),
	staff_id bigint REFERENCES staff (id),
	requested_at timestamptz NOT NULL DEFAULT now(),
	completed_at timestamptz,
	report text NOT NULL DEFAULT ''
);

-- Per-customer data keys (XChaCha20-Poly1305), wrapped by the master key; erasure deletes the row.
CREATE TABLE customer_keys (
	customer_id bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
	wrapped_key text NOT NULL
);
-- Sensitive profile fields, each sealed with the customer's key (base64: nonce || ciphertext).
CREATE TABLE customer_private (
	customer_id bigint PRIMARY KEY REFERENCES customers (id) ON DELETE CASCADE,
	phone_enc text, birthday_enc text, address_enc text, notes_enc text,
	updated_at timestamptz NOT NULL DEFAULT now()
);

-- Retention per kind of data, applied nightly by the retention job.
CREATE TABLE retention_rules (
	kind text PRIMARY KEY CHECK (kind IN ('tracking_events', 'closed_accounts', 'chat_transcripts')),
	days integer NOT NULL CHECK (days BETWEEN 1 AND 36500),
	action text NOT NULL CHECK (action IN ('delete', 'anonymise'))
);
INSERT INTO retention_rules VALUES ('tracking_events', 90, 'delete'), ('closed_accounts', 30, 'delete'),
	('chat_transcripts', 730, 'anonymise');
CREATE TABLE retention_runs (
	id bigserial PRIMARY KEY,
	at timestamptz NOT NULL DEFAULT now(),
	report text NOT NULL
);
-- the first nightly retention run; each run schedules the next
INSERT INTO jobs (kind, run_at) VALUES ('retention', date_trunc('day', now()) + interval '1 day 3 hours');
