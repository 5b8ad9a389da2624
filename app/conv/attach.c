/* conv/attach.c: attachments: checks, storage, listing and sending (see attach.h) */
#include "attach.h"
#include "../core/filestore.h"
#include "../core/log.h"
#include "../core/page.h"
#include "../data/attachments.h"
#include "../core/multipart.h"
#include <ctype.h>
#include <sodium.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>
#include <strings.h>

/* Programs and scripts a click would run: never passed on, whatever the type claims. */
static const char *const refused_ext[] = {
	"exe", "com", "bat", "cmd", "scr", "pif", "msi", "msp", "dll", "cpl", "vbs", "vbe", "js", "jse",
	"wsf", "wsh", "ps1", "psm1", "hta", "jar", "apk", "app", "lnk", "reg", "sh", "iso", NULL,
};

bool uploads_present(req *r)
{
	return r->files.n > 0;
}

static const char *extension(const char *name)
{
	const char *dot = strrchr(name, '.');
	return dot && dot[1] ? dot + 1 : "";
}

/* a program or script a click would run, by its name or its first bytes */
static bool program(const char *filename, const char *sniffed)
{
	const char *ext = extension(filename);
	bool refused = sniffed && (strcmp(sniffed, "application/x-msdownload") == 0 ||
				   strcmp(sniffed, "application/x-executable") == 0);
	for (int k = 0; !refused && refused_ext[k]; k++)
		refused = strcasecmp(ext, refused_ext[k]) == 0;
	return refused;
}

const char *uploads_problem(req *r, long long max_bytes, int *status)
{
	for (size_t i = 0; i < r->files.n; i++) {
		const upload *u = &r->files.items[i];
		if (max_bytes <= 0) {
			*status = 415;
			return tr(r, "Files cannot be attached on this channel.");
		}
		if (u->size > max_bytes) {
			*status = 413;
			const char *t = tr(r, "A file can be at most {n} MB.");
			const char *at = strstr(t, "{n}");
			return at ? arena_printf(r->a, "%.*s%lld%s", (int)(at - t), t, max_bytes / (1024 * 1024), at + 3) : t;
		}
		const char *ext = extension(u->filename);
		if (program(u->filename, u->sniffed)) {
			*status = 415;
			const char *t = tr(r, "Files of this type cannot be attached: {type}.");
			const char *at = strstr(t, "{type}");
			const char *what = *ext ? arena_printf(r->a, ".%s", ext) : tr(r, "programs");
			return at ? arena_printf(r->a, "%.*s%s%s", (int)(at - t), t, what, at + 6) : t;
		}
	}
	return NULL;
}

/* The type to keep: what the bytes show for the pictures shown inline, else the sender's word when
 * it is a plain type/subtype token, else application/octet-stream. */
static const char *type_to_keep(const char *sniffed, const char *declared)
{
	if (sniffed)
		return sniffed;
	const char *t = declared ? declared : "";
	size_t n = strlen(t);
	if (n < 3 || n > 100 || attachment_type_inline(t)) /* a picture type the bytes do not show */
		return "application/octet-stream";
	int slashes = 0;
	for (const char *p = t; *p; p++) {
		if (*p == '/')
			slashes++;
		else if (!isalnum((unsigned char)*p) && !strchr("!#$&^_.+-", *p))
			return "application/octet-stream";
	}
	return slashes == 1 ? t : "application/octet-stream";
}

static const char *stored_type(const upload *u)
{
	return type_to_keep(u->sniffed, u->declared);
}

int attach_received(db *d, arena *a, int64_t conv, int64_t message_id, const char *filename, const char *declared,
		    const unsigned char *data, size_t len)
{
	const char *name = upload_filename(a, filename && *filename ? filename : "file");
	const char *sniffed = sniff_type(data, len);
	if (program(name, sniffed))
		return 0;
	unsigned char h[crypto_hash_sha256_BYTES];
	crypto_hash_sha256(h, data, len);
	char sha[2 * sizeof h + 1];
	sodium_bin2hex(sha, sizeof sha, h, sizeof h);
	char *tmp = arena_printf(a, "%s/mail-XXXXXX", filestore_tmpdir());
	int fd = mkstemp(tmp);
	if (fd < 0) {
		log_error("files: cannot make a temporary file in %s", filestore_tmpdir());
		return -1;
	}
	bool written = true;
	for (size_t at = 0; written && at < len;) {
		ssize_t n = write(fd, data + at, len - at);
		written = n > 0;
		at += written ? (size_t)n : 0;
	}
	written = close(fd) == 0 && written;
	bool created;
	/* under the content's lock, as an upload: the removal of unused files cannot take it meanwhile */
	bool ok = written && attachment_lock_content(d, a, sha) && filestore_put(a, tmp, sha, &created) &&
		  attachment_add(d, a, message_id, conv, sha, (long long)len, type_to_keep(sniffed, declared), name) > 0;
	unlink(tmp);
	return ok ? 1 : -1;
}

bool attach_uploads(req *r, int64_t conv, int64_t message_id)
{
	for (size_t i = 0; i < r->files.n; i++) {
		const upload *u = &r->files.items[i];
		bool created;
		/* under the content's lock: the removal of unused files cannot take this one meanwhile */
		if (!attachment_lock_content(r->db, r->a, u->sha256) ||
		    !filestore_put(r->a, u->path, u->sha256, &created) ||
		    attachment_add(r->db, r->a, message_id, conv, u->sha256, u->size, stored_type(u), u->filename) <= 0) {
			log_error("req=%s attachment %s not stored", r->id, u->sha256);
			return false;
		}
	}
	return true;
}

static const char *size_text(req *r, long long n)
{
	if (n < 1024)
		return arena_printf(r->a, "%lld B", n);
	if (n < 1024 * 1024)
		return arena_printf(r->a, "%.0f KB", n / 1024.0);
	return arena_printf(r->a, "%.1f MB", n / (1024.0 * 1024.0));
}

bool attachments_fill(req *r, tdict **rows, int64_t conv, const message *m, int n, const char *base)
{
	bool any = false;
	for (int i = 0; i < n && !any; i++)
		any = m[i].attachments > 0;
	if (!any)
		return true;
	attachment *att;
	int na = attachments_of_conversation(r->db, r->a, conv, &att);
	if (na < 0)
		return false;
	for (int i = 0, k = 0; i < n; i++) {
		while (k < na && att[k].message_id < m[i].id)
			k++;
		for (; k < na && att[k].message_id == m[i].id; k++) {
			tdict *o = tmpl_section(rows[i], "ATTACHMENT");
			tmpl_set(o, "HREF", arena_printf(r->a, "%s/attachments/%lld", base, (long long)att[k].id));
			tmpl_set(o, "NAME", att[k].filename);
			tmpl_set(o, "SIZE", size_text(r, att[k].size));
			if (att[k].inline_image)
				tmpl_show(o, "IMAGE");
		}
	}
	return true;
}

/* RFC 6266: an ASCII fallback name, and the real one percent-encoded (RFC 8187) */
static const char *disposition(req *r, const char *kind, const char *name)
{
	size_t n = strlen(name);
	char *ascii = arena_alloc(r->a, n + 1);
	for (size_t i = 0; i <= n; i++) {
		unsigned char c = (unsigned char)name[i];
		ascii[i] = c == '\0' ? '\0' : (c < 0x20 || c >= 0x7f || c == '"' || c == '\\') ? '_' : (char)c;
	}
	return arena_printf(r->a, "%s; filename=\"%s\"; filename*=UTF-8''%s", kind, ascii, url_encode(r->a, name));
}

int attachment_send(req *r, int64_t conv, int64_t id, bool staff)
{
	attachment t;
	int found = id ? attachment_get(r->db, r->a, conv, id, staff, &t) : 0;
	if (found < 0)
		return 500;
	if (!found)
		return 404;
	/* nginx serves the file from its internal location and keeps these headers */
	resp_header(r, "X-Accel-Redirect", filestore_uri(r->a, t.sha256));
	resp_header(r, "Content-Disposition", disposition(r, t.inline_image ? "inline" : "attachment", t.filename));
	r->content_type_out = t.inline_image ? t.content_type : "application/octet-stream";
	r->status = 200;
	return 200;
}
