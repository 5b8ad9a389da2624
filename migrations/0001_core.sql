-- 0001_core.sql: accounts, sessions, password resets, jobs and the mail outbox

CREATE EXTENSION IF NOT EXISTS pg_trgm;

CREATE TABLE customers (
	id bigserial PRIMARY KEY,
	email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	password_hash text NOT NULL,
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'bn')),
	tz text NOT NULL DEFAULT 'UTC',
	failed_logins integer NOT NULL DEFAULT 0,
	locked_until timestamptz,
	created_at timestamptz NOT NULL DEFAULT now(),
	password_changed_at timestamptz NOT NULL DEFAULT now(),
	-- sign-up is confirmed by mail, so the sign-up form never reveals a taken address
	email_verified_at timestamptz
);
CREATE UNIQUE INDEX customers_email_key ON customers (lower(email));

CREATE TABLE staff (
	id bigserial PRIMARY KEY,
	email text NOT NULL CHECK (length(email) BETWEEN 3 AND 254),
	password_hash text,  -- NULL until the invitation is accepted
	name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
	lang text NOT NULL DEFAULT 'en' CHECK (lang IN ('en', 'bn')),
	tz text NOT NULL DEFAULT 'UTC',
	roles text[] NOT NULL DEFAULT '{}'
		CHECK (roles <@ ARRAY['agent', 'supervisor', 'admin', 'compliance']::text[]),
	active boolean NOT NULL DEFAULT true,
	failed_logins integer NOT NULL DEFAULT 0,
	locked_until timestamptz,
	created_by bigint REFERENCES staff (id),
	created_at timestamptz NOT NULL DEFAULT now(),
	deactivated_at timestamptz,
	last_seen_at timestamptz
);
CREATE UNIQUE INDEX staff_email_key ON staff (lower(email));

-- Only a hash of the session token is stored: a leaked table opens no session.
CREATE TABLE sessions (
	token_hash text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('customer', 'staff')),
	customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
	staff_id bigint REFERENCES staff (id) ON DELETE CASCADE,
	user_agent text,
	created_at timestamptz NOT NULL DEFAULT now(),
	last_seen_at timestamptz NOT NULL DEFAULT now(),
	CHECK ((kind = 'customer' AND customer_id IS NOT NULL AND staff_id IS NULL)
	    OR (kind = 'staff' AND staff_id IS NOT NULL AND customer_id IS NULL))
);
CREATE INDEX sessions_customer ON sessions (customer_id);
CREATE INDEX sessions_staff ON sessions (staff_id);

-- Single-use links: password resets for customers and staff, and staff invitations.
CREATE TABLE password_resets (
	token_hash text PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('customer', 'staff')),
	purpose text NOT NULL CHECK (purpose IN ('reset', 'verify', 'invite')),
	customer_id bigint REFERENCES customers (id) ON DELETE CASCADE,
	staff_id bigint REFERENCES staff (id) ON DELETE CASCADE,
	created_at timestamptz NOT NULL DEFAULT now(),
	expires_at timestamptz NOT NULL,
	used_at timestamptz
);

CREATE TABLE jobs (
	id bigserial PRIMARY KEY,
	kind text NOT NULL,
	payload jsonb NOT NULL DEFAULT '{}',
	status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'done', 'dead')),
	attempts integer NOT NULL DEFAULT 0,
	max_attempts integer NOT NULL DEFAULT 8,
	run_at timestamptz NOT NULL DEFAULT now(),
	last_error text,
	created_at timestamptz NOT NULL DEFAULT now(),
	finished_at timestamptz
);
CREATE INDEX jobs_due ON jobs (run_at) WHERE status = 'queued';

CREATE FUNCTION jobs_notify() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
	PERFORM pg_notify('cxms_jobs', '');
	RETURN NULL;
END $$;
CREATE TRIGGER jobs_notify AFTER INSERT ON jobs
	FOR EACH STATEMENT EXECUTE FUNCTION jobs_notify();

CREATE TABLE mails (
	id bigserial PRIMARY KEY,
	to_address text NOT NULL,
	subject text NOT NULL,
	body_text text NOT NULL,
	-- sensitive mails (reset links) lose their body once delivered
	sensitive boolean NOT NULL DEFAULT false,
	status text NOT NULL DEFAULT 'queued' CHECK (status IN ('queued', 'sent', 'stored', 'failed')),
	last_error text,
	created_at timestamptz NOT NULL DEFAULT now(),
	sent_at timestamptz
);
CREATE INDEX mails_created ON mails (created_at DESC);
