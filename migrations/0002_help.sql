-- 0002_help.sql: the self-service help center: categories, articles in English and Bengali,
-- revisions, votes, and anonymous help-center events (views, searches, clicks, chat openings)

CREATE TABLE help_categories (
	id bigserial PRIMARY KEY,
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 80),
	position integer NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE help_category_texts (
	category_id bigint NOT NULL REFERENCES help_categories (id) ON DELETE CASCADE,
	lang text NOT NULL CHECK (lang IN ('en', 'bn')),
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	description text NOT NULL DEFAULT '' CHECK (length(description) <= 1000),
	PRIMARY KEY (category_id, lang)
);

CREATE TABLE help_articles (
	id bigserial PRIMARY KEY,
	category_id bigint NOT NULL REFERENCES help_categories (id),
	slug text NOT NULL UNIQUE CHECK (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$' AND length(slug) <= 120),
	status text NOT NULL DEFAULT 'draft' CHECK (status IN ('draft', 'published', 'archived')),
	views bigint NOT NULL DEFAULT 0,
	created_at timestamptz NOT NULL DEFAULT now(),
	updated_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_articles_category ON help_articles (category_id, status);

-- One row per language of an article. The Markdown is the source; the HTML is rendered once on
-- save by cmark without CMARK_OPT_UNSAFE (raw HTML and unsafe link schemes are dropped), and
-- body_text is the plain text of the same document, used for search and snippets.
-- Bengali has no stemmer in PostgreSQL, so it is indexed with 'simple' (words as written).
CREATE TABLE help_translations (
	article_id bigint NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
	lang text NOT NULL CHECK (lang IN ('en', 'bn')),
	title text NOT NULL CHECK (length(title) BETWEEN 1 AND 200),
	body_md text NOT NULL CHECK (length(body_md) <= 100000),
	body_html text NOT NULL,
	body_text text NOT NULL,
	updated_at timestamptz NOT NULL DEFAULT now(),
	updated_by bigint REFERENCES staff (id),
	tsv tsvector GENERATED ALWAYS AS (
		setweight(to_tsvector(CASE WHEN lang = 'bn' THEN 'simple'::regconfig ELSE 'english'::regconfig END,
				      title), 'A') ||
		setweight(to_tsvector(CASE WHEN lang = 'bn' THEN 'simple'::regconfig ELSE 'english'::regconfig END,
				      body_text), 'B')) STORED,
	PRIMARY KEY (article_id, lang)
);
CREATE INDEX help_translations_tsv ON help_translations USING gin (tsv);
CREATE INDEX help_translations_title_trgm ON help_translations USING gin (title gin_trgm_ops);

-- Every save keeps a revision of the language that was saved.
CREATE TABLE help_revisions (
	id bigserial PRIMARY KEY,
	article_id bigint NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
	lang text NOT NULL CHECK (lang IN ('en', 'bn')),
	title text NOT NULL,
	body_md text NOT NULL,
	status text NOT NULL,
	created_by bigint REFERENCES staff (id),
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_revisions_article ON help_revisions (article_id, id DESC);

-- The words of every article, so a misspelt query word can be corrected to the nearest real one.
CREATE TABLE help_words (
	word text PRIMARY KEY CHECK (length(word) BETWEEN 1 AND 100)
);
CREATE INDEX help_words_trgm ON help_words USING gin (word gin_trgm_ops);

-- Votes are anonymous: visitor_hash is a keyed hash of a random cookie, never a customer id.
CREATE TABLE help_votes (
	article_id bigint NOT NULL REFERENCES help_articles (id) ON DELETE CASCADE,
	visitor_hash text NOT NULL,
	helpful boolean NOT NULL,
	comment text NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
	created_at timestamptz NOT NULL DEFAULT now(),
	PRIMARY KEY (article_id, visitor_hash)
);

-- Anonymous help-center events. 'page': any help page seen; 'view': an article read;
-- 'search': a query and its number of results; 'click': a result opened (ref = the search);
-- 'chat_opened': the live chat was opened by the same visitor (inserted by the chat).
CREATE TABLE help_events (
	id bigserial PRIMARY KEY,
	kind text NOT NULL CHECK (kind IN ('page', 'view', 'search', 'click', 'chat_opened')),
	visitor_hash text NOT NULL,
	article_id bigint REFERENCES help_articles (id) ON DELETE SET NULL,
	query text CHECK (length(query) <= 200),
	results integer,
	ref bigint,
	created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX help_events_kind_time ON help_events (kind, created_at);
CREATE INDEX help_events_visitor ON help_events (visitor_hash, created_at);
CREATE INDEX help_events_ref ON help_events (ref) WHERE ref IS NOT NULL;
