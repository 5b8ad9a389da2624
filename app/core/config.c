/* config.c: settings read once from the environment at start */
#include "config.h"
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

config cfg;

static const char *env(const char *name, const char *fallback)
{
	const char *v = getenv(name);
	return v && *v ? v : fallback;
}

void config_load(void)
{
	cfg.database_url = env("DATABASE_URL", "dbname=cxms");
	cfg.root = env("CXMS_ROOT", ".");
	cfg.socket_path = env("CXMS_SOCKET", "var/cxms.sock");
	cfg.threads = atoi(env("CXMS_THREADS", "8"));
	if (cfg.threads < 1 || cfg.threads > 256)
		cfg.threads = 8;
	cfg.secret_file = env("CXMS_SECRET_FILE", "var/secret.key");
	cfg.base_url = env("CXMS_BASE_URL", "http://127.0.0.1:8080");
	cfg.smtp_url = env("SMTP_URL", NULL);
	cfg.mail_from = env("CXMS_MAIL_FROM", "CXMS <no-reply@cxms.example>");
	cfg.nchan_pub = env("CXMS_NCHAN_PUB", NULL);
	cfg.files_dir = env("CXMS_FILES_DIR", "var/files");
	/* Intercom and Chatwoot wait a couple of minutes too: long enough for a customer who is still on the
	 * page to see the answer, short enough for one who left not to wait for it */
	cfg.chat_mail_delay = atoi(env("CXMS_CHAT_MAIL_DELAY", "120"));
	if (cfg.chat_mail_delay < 0 || cfg.chat_mail_delay > 86400)
		cfg.chat_mail_delay = 120;
	/* nginx gives up on a request after 60 s (nginx/fastcgi.conf): a statement still running then only
	 * holds a connection and its locks for nobody, so the app's own statements are cancelled before */
	cfg.statement_timeout = atoi(env("CXMS_STATEMENT_TIMEOUT", "50"));
	if (cfg.statement_timeout < 0 || cfg.statement_timeout > 3600)
		cfg.statement_timeout = 50;
	cfg.dev = strcmp(env("CXMS_DEV", "0"), "1") == 0;
	cfg.secure = strcmp(env("CXMS_SECURE", "0"), "1") == 0;
}

const char *config_path(char *out, unsigned size, const char *rel)
{
	snprintf(out, size, "%s/%s", cfg.root, rel);
	return out;
}
