/* fuzz_multipart.c: multipart_parse (core/multipart.c, GMime) on a request of the form
 *     <Content-Type header value>\n<body>
 * (the first line is the header, a trailing \r dropped; no newline: the whole input is the header and
 * the body is empty). The body is parsed from memory and, as the server does, from a file; both must
 * give the same result. A third parse, from memory, has tiny limits (3 fields of 16 bytes) so that
 * PARSE_TOO_MANY and PARSE_TOO_LONG are reached. Uploads land in a temporary folder made at start;
 * after each input every file multipart_parse reported is removed, and the folder must then be empty
 * (nothing made and left unreported). */
#include "fuzz.h"
#include "core/config.h"
#include "core/multipart.h"
#include <dirent.h>
#include <fcntl.h>
#include <sodium.h>
#include <stdbool.h>
#include <sys/stat.h>
#include <unistd.h>

static arena *A;
static char tmpdir[4096];   /* uploads */
static char body_path[4200]; /* the body, for the from-a-file parse */

static void remove_tmpdir(void)
{
	unlink(body_path);
	rmdir(tmpdir);
}

int LLVMFuzzerInitialize(int *argc, char ***argv)
{
	(void)argc;
	(void)argv;
	A = arena_new();
	multipart_init();
	if (sodium_init() < 0)
		abort();
	/* a file system in memory when there is one: on a disk, creating and removing the files costs
	 * more than parsing (FUZZ_TMPDIR overrides) */
	const char *base = getenv("FUZZ_TMPDIR");
	if (!base || !*base)
		base = access("/dev/shm", W_OK | X_OK) == 0 ? "/dev/shm" : getenv("TMPDIR");
	snprintf(tmpdir, sizeof tmpdir, "%s/cxms-fuzz-multipart-XXXXXX", base && *base ? base : "/tmp");
	if (!mkdtemp(tmpdir)) {
		perror(tmpdir);
		abort();
	}
	snprintf(body_path, sizeof body_path, "%s.body", tmpdir);
	atexit(remove_tmpdir);
	return 0;
}

static bool is_hex64(const char *s)
{
	if (strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

/* what the rest of the app relies on, for one parse */
static void check_result(parse_result rc, const kvlist *form, const uploads *up, size_t max_fields, size_t max_value)
{
	FUZZ_CHECK(rc == PARSE_OK || rc == PARSE_BAD_ENCODING || rc == PARSE_TOO_MANY || rc == PARSE_TOO_LONG,
		   "multipart_parse returned %d", (int)rc);
	FUZZ_CHECK(form->n <= max_fields, "%zu text fields, at most %zu allowed", form->n, max_fields);
	for (size_t i = 0; i < form->n; i++) {
		const char *k = form->items[i].key, *v = form->items[i].val;
		FUZZ_CHECK(*k && strlen(k) <= 100 && utf8_valid(k, strlen(k)), "a field name that is empty, long or not UTF-8");
		FUZZ_CHECK(strlen(v) <= max_value && utf8_valid(v, strlen(v)), "a field value that is long or not UTF-8");
	}
	FUZZ_CHECK(up->n <= MAX_UPLOADS, "%zu uploads", up->n);
	size_t dirlen = strlen(tmpdir);
	for (size_t i = 0; i < up->n; i++) {
		const upload *u = &up->items[i];
		FUZZ_CHECK(u->path && strncmp(u->path, tmpdir, dirlen) == 0 && u->path[dirlen] == '/' &&
				   !strchr(u->path + dirlen + 1, '/'),
			   "an upload outside the temporary folder: %s", u->path ? u->path : "(null)");
		if (rc != PARSE_OK)
			continue; /* a refused form: its last file may be half written; the caller only removes them */
		struct stat st;
		FUZZ_CHECK(stat(u->path, &st) == 0 && S_ISREG(st.st_mode) && st.st_size == u->size,
			   "upload %zu: its file is missing or not %lld bytes", i, u->size);
		const char *f = u->filename;
		size_t fn = strlen(f);
		FUZZ_CHECK(fn > 0 && fn <= 255 && utf8_valid(f, fn), "a filename that is empty, long or not UTF-8");
		FUZZ_CHECK(!strpbrk(f, "/\\") && strcmp(f, ".") != 0 && strcmp(f, "..") != 0, "a filename with a path: %s", f);
		for (const char *p = f; *p; p++)
			FUZZ_CHECK((unsigned char)*p >= 0x20 && *p != 0x7f, "a filename with a control character");
		FUZZ_CHECK(u->field && *u->field, "an upload without a field name");
		FUZZ_CHECK(u->declared && strlen(u->declared) < 128 && utf8_valid(u->declared, strlen(u->declared)),
			   "a declared type that is long or not UTF-8");
		FUZZ_CHECK(is_hex64(u->sha256), "upload %zu: sha256 is not 64 hex digits", i);
		/* its SHA-256 and sniffed type are those of its bytes */
		unsigned char bytes[65536], sum[crypto_hash_sha256_BYTES];
		char hexsum[65];
		int fd = open(u->path, O_RDONLY);
		ssize_t got = fd >= 0 ? read(fd, bytes, sizeof bytes) : -1;
		if (fd >= 0)
			close(fd);
		if (got >= 0 && got == u->size) {
			crypto_hash_sha256(sum, bytes, (unsigned long long)got);
			sodium_bin2hex(hexsum, sizeof hexsum, sum, sizeof sum);
			FUZZ_CHECK(strcmp(hexsum, u->sha256) == 0, "upload %zu: wrong sha256", i);
			const char *t = sniff_type(bytes, (size_t)got);
			FUZZ_CHECK((!t && !u->sniffed) || (t && u->sniffed && strcmp(t, u->sniffed) == 0),
				   "upload %zu: sniffed %s, its bytes are %s", i, u->sniffed ? u->sniffed : "nothing",
				   t ? t : "nothing");
		}
	}
}

static void remove_uploads(const uploads *up)
{
	for (size_t i = 0; i < up->n; i++)
		unlink(up->items[i].path);
}

static void check_tmpdir_empty(void)
{
	DIR *d = opendir(tmpdir);
	FUZZ_CHECK(d != NULL, "cannot open %s", tmpdir);
	struct dirent *e;
	while ((e = readdir(d)))
		FUZZ_CHECK(strcmp(e->d_name, ".") == 0 || strcmp(e->d_name, "..") == 0,
			   "multipart_parse left %s in its temporary folder without reporting it", e->d_name);
	closedir(d);
}

static bool same_str(const char *a, const char *b)
{
	return (!a && !b) || (a && b && strcmp(a, b) == 0);
}

int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	const uint8_t *nl = memchr(data, '\n', size);
	size_t hlen = nl ? (size_t)(nl - data) : size;
	char *ct = fuzz_cstr(data, hlen);
	size_t ctlen = strlen(ct);
	if (ctlen && ct[ctlen - 1] == '\r')
		ct[ctlen - 1] = '\0';
	const uint8_t *body = nl ? nl + 1 : data + size;
	size_t blen = (size_t)(data + size - body);
	/* the body in a heap block of its own size: reads past its end are caught */
	char *mem = malloc(blen ? blen : 1);
	if (blen)
		memcpy(mem, body, blen);

	kvlist form = { 0 };
	uploads up = { 0 };
	parse_result rc = multipart_parse(A, ct, mem, blen, NULL, tmpdir, &form, &up, MAX_FIELDS, MAX_FIELD_BYTES);
	check_result(rc, &form, &up, MAX_FIELDS, MAX_FIELD_BYTES);

	/* the same body from a file, as server.c reads an upload */
	int fd = open(body_path, O_WRONLY | O_CREAT | O_TRUNC, 0600);
	FUZZ_CHECK(fd >= 0 && write(fd, mem, blen) == (ssize_t)blen && close(fd) == 0, "cannot write %s", body_path);
	kvlist form2 = { 0 };
	uploads up2 = { 0 };
	parse_result rc2 = multipart_parse(A, ct, NULL, 0, body_path, tmpdir, &form2, &up2, MAX_FIELDS, MAX_FIELD_BYTES);
	check_result(rc2, &form2, &up2, MAX_FIELDS, MAX_FIELD_BYTES);
	FUZZ_CHECK(rc == rc2, "parsed from memory: %d, from a file: %d", (int)rc, (int)rc2);
	if (rc == PARSE_OK) {
		FUZZ_CHECK(form.n == form2.n && up.n == up2.n, "memory and file parses differ in their fields");
		for (size_t i = 0; i < form.n; i++)
			FUZZ_CHECK(strcmp(form.items[i].key, form2.items[i].key) == 0 &&
					   strcmp(form.items[i].val, form2.items[i].val) == 0,
				   "memory and file parses differ in field %zu", i);
		for (size_t i = 0; i < up.n; i++)
			FUZZ_CHECK(same_str(up.items[i].field, up2.items[i].field) &&
					   same_str(up.items[i].filename, up2.items[i].filename) &&
					   same_str(up.items[i].declared, up2.items[i].declared) &&
					   strcmp(up.items[i].sha256, up2.items[i].sha256) == 0,
				   "memory and file parses differ in upload %zu", i);
	}

	/* and with tiny limits, so that PARSE_TOO_MANY and PARSE_TOO_LONG are reached */
	kvlist form3 = { 0 };
	uploads up3 = { 0 };
	check_result(multipart_parse(A, ct, mem, blen, NULL, tmpdir, &form3, &up3, 3, 16), &form3, &up3, 3, 16);

	remove_uploads(&up);
	remove_uploads(&up2);
	remove_uploads(&up3);
	check_tmpdir_empty();
	free(mem);
	free(ct);
	arena_reset(A);
	return 0;
}
