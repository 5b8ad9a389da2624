/* filestore.c: the content-addressed file store (see filestore.h) */
#include "filestore.h"
#include "log.h"
#include <errno.h>
#include <fcntl.h>
#include <limits.h>
#include <stdio.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static char root[PATH_MAX];
static char tmpdir[PATH_MAX];

static bool mkdir_ok(const char *path)
{
	return mkdir(path, 0755) == 0 || errno == EEXIST;
}

bool filestore_init(const char *dir)
{
	if (!dir || !*dir || strlen(dir) + 8 >= sizeof root)
		return false;
	snprintf(root, sizeof root, "%s", dir);
	snprintf(tmpdir, sizeof tmpdir, "%s/tmp", dir);
	if (!mkdir_ok(root) || !mkdir_ok(tmpdir)) {
		log_error("files folder %s cannot be used: %s", dir, strerror(errno));
		return false;
	}
	return true;
}

const char *filestore_tmpdir(void)
{
	return tmpdir;
}

bool filestore_hash_valid(const char *s)
{
	if (!s || strlen(s) != 64)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

const char *filestore_path(arena *a, const char *sha)
{
	return arena_printf(a, "%s/%.2s/%.2s/%s", root, sha, sha + 2, sha);
}

const char *filestore_uri(arena *a, const char *sha)
{
	return arena_printf(a, "/_files/%.2s/%.2s/%s", sha, sha + 2, sha);
}

static bool fsync_path(const char *path, int flags)
{
	int fd = open(path, flags | O_CLOEXEC);
	if (fd < 0)
		return false;
	bool ok = fsync(fd) == 0;
	close(fd);
	return ok;
}

bool filestore_put(arena *a, const char *tmp_path, const char *sha, bool *created)
{
	*created = false;
	if (!filestore_hash_valid(sha))
		return false;
	const char *d1 = arena_printf(a, "%s/%.2s", root, sha);
	const char *d2 = arena_printf(a, "%s/%.2s/%.2s", root, sha, sha + 2);
	const char *dest = filestore_path(a, sha);
	struct stat st;
	if (stat(dest, &st) == 0)
		return true; /* the same bytes are there already */
	if (!mkdir_ok(d1) || !mkdir_ok(d2))
		return false;
	/* the bytes reach the disk before the name does, and the name before the row that refers to it */
	if (!fsync_path(tmp_path, O_RDONLY) || chmod(tmp_path, 0644) != 0) {
		log_error("files: cannot sync %s: %s", tmp_path, strerror(errno));
		return false;
	}
	if (link(tmp_path, dest) != 0) {
		if (errno == EEXIST)
			return true;
		log_error("files: cannot store %s: %s", dest, strerror(errno));
		return false;
	}
	*created = true;
	return fsync_path(d2, O_RDONLY | O_DIRECTORY) && fsync_path(d1, O_RDONLY | O_DIRECTORY) &&
	       fsync_path(root, O_RDONLY | O_DIRECTORY);
}

bool filestore_remove(arena *a, const char *sha)
{
	if (!filestore_hash_valid(sha))
		return false;
	return unlink(filestore_path(a, sha)) == 0 || errno == ENOENT;
}
