/* config.h: settings read once from the environment at start */
#ifndef CXMS_CONFIG_H
#define CXMS_CONFIG_H
#include <stdbool.h>

typedef struct config {
	const char *database_url;
	const char *root;          /* CXMS_ROOT: templates/, locale/, migrations/, data/ */
	const char *socket_path;
	int threads;
	const char *secret_file;
	const char *base_url;
	const char *smtp_url;      /* NULL: mails are stored only */
	const char *mail_from;
	const char *nchan_pub;
	const char *files_dir;     /* CXMS_FILES_DIR: attachments (default <root>/var/files) */
	int chat_mail_delay;       /* CXMS_CHAT_MAIL_DELAY: seconds a web chat reply waits to be seen before it is mailed */
	int statement_timeout;     /* CXMS_STATEMENT_TIMEOUT: seconds a request's statement may run (0: no limit) */
	bool dev;
	bool secure;
} config;

extern config cfg;

void config_load(void);
/* "<root>/<rel>" in a static buffer owned by the caller's array */
const char *config_path(char *out, unsigned size, const char *rel);

/* Limits on what a request may carry */
/* a form: what nginx lets through (1 MiB): a 100,000-character message in Bengali, percent-encoded */
#define MAX_BODY_BYTES (1024 * 1024)
/* a form with files: the largest attachment any channel takes, and the form around it */
#define MAX_UPLOAD_BODY_BYTES (26 * 1024 * 1024)
#define MAX_FIELDS 200
#define MAX_FIELD_BYTES (512 * 1024) /* decoded: 100,000 characters of up to 4 bytes, and room */
#define MAX_URI_BYTES 4096

#endif
