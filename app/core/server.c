/* server.c: the FastCGI thread pool and the dispatcher that runs every request */
#include "server.h"
#include "auth.h"
#include "config.h"
#include "db.h"
#include "filestore.h"
#include "i18n.h"
#include "log.h"
#include "page.h"
#include "tmpl.h"
#include <errno.h>
#include <fcgiapp.h>
#include <pthread.h>
#include <signal.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <strings.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <sodium.h>

typedef struct worker {
	pthread_t thread;
	int index;
	int listen_fd;
	pthread_mutex_t lock;
	bool in_accept;   /* guarded by lock: only an idle thread is woken by a signal */
	bool done;
	const route *routes;
	request_hook after_request;
} worker;

static atomic_bool stopping;

static void on_wake(int sig)
{
	(void)sig; /* only interrupts accept() */
}

static double now_ms(void)
{
	struct timespec ts;
	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec * 1000.0 + (double)ts.tv_nsec / 1e6;
}

static const char *param(FCGX_Request *f, const char *name)
{
	return FCGX_GetParam(name, f->envp);
}

/* Reads the FastCGI parameters and body into r. Returns 0 or the HTTP status to fail with. */
static int parse_request(req *r)
{
	FCGX_Request *f = r->fcgi;
	r->method = param(f, "REQUEST_METHOD");
	if (!r->method)
		r->method = "GET";
	r->is_post = strcmp(r->method, "POST") == 0;
	r->remote_addr = param(f, "REMOTE_ADDR");
	r->user_agent = param(f, "HTTP_USER_AGENT");
	r->host = param(f, "HTTP_HOST");
	r->origin = param(f, "HTTP_ORIGIN");
	r->referer = param(f, "HTTP_REFERER");
	r->accept_language = param(f, "HTTP_ACCEPT_LANGUAGE");
	r->content_type = param(f, "CONTENT_TYPE");
	const char *https = param(f, "HTTPS");
	r->https = cfg.secure || (https && strcmp(https, "on") == 0);
	parse_cookies(r->a, param(f, "HTTP_COOKIE"), &r->cookies);

	const char *uri = param(f, "REQUEST_URI");
	if (!uri || uri[0] != '/')
		uri = "/";
	if (strlen(uri) > MAX_URI_BYTES)
		return 414;
	const char *q = strchr(uri, '?');
	size_t plen = q ? (size_t)(q - uri) : strlen(uri);
	char *path = url_decode(r->a, uri, plen, false);
	if (!path)
		return 400;
	r->path = path;
	r->query_string = q ? q + 1 : "";
	if (parse_urlencoded(r->a, r->query_string, strlen(r->query_string), &r->query,
			     MAX_FIELDS, MAX_FIELD_BYTES) != PARSE_OK)
		return 400;
	/* headers are stored (sessions) only when they are valid text */
	if (r->user_agent && !utf8_valid(r->user_agent, strlen(r->user_agent)))
		r->user_agent = NULL;

	return 0;
}

/* Reads what is left of the body and throws it away: a request refused before its body was read
 * still has it on the connection, and nginx must be able to send all of it. */
static void drain_body(req *r)
{
	if (!r->fcgi || !r->is_post || r->body_read)
		return;
	r->body_read = true;
	char sink[16384];
	while (FCGX_GetStr(sink, sizeof sink, r->fcgi->in) > 0)
		;
}

static void remove_file(void *path)
{
	unlink(path);
}

/* A multipart body goes to a file first (it may be tens of megabytes), then GMime reads it. */
static int read_multipart(req *r, long long len)
{
	const char *body_path = arena_printf(r->a, "%s/body-XXXXXX", filestore_tmpdir());
	int fd = mkstemp((char *)body_path);
	if (fd < 0) {
		log_error("req=%s cannot write upload to %s: %s", r->id, filestore_tmpdir(), strerror(errno));
		return 500;
	}
	req_defer(r, remove_file, (void *)body_path);
	char chunk[65536];
	long long got = 0;
	int n;
	while (got < len && (n = FCGX_GetStr(chunk, (int)(len - got < (long long)sizeof chunk ? len - got : (long long)sizeof chunk), r->fcgi->in)) > 0) {
		if (write(fd, chunk, (size_t)n) != n) {
			close(fd);
			return 500;
		}
		got += n;
	}
	close(fd);
	if (got != len)
		return 400;
	parse_result rc = multipart_parse(r->a, r->content_type, NULL, 0, body_path, filestore_tmpdir(), &r->form,
					  &r->files, MAX_FIELDS, MAX_FIELD_BYTES);
	for (size_t i = 0; i < r->files.n; i++)
		req_defer(r, remove_file, (void *)r->files.items[i].path);
	switch (rc) {
	case PARSE_OK: return 0;
	case PARSE_TOO_LONG:
	case PARSE_TOO_MANY: return 413;
	default: return 400;
	}
}

/* Reads the POST body once the route is known: a url-encoded form, a multipart form with files where
 * the route takes them, or raw bytes for the JSON API. Returns 0 or the HTTP status to fail with. */
static int read_body(req *r, bool uploads_ok)
{
	FCGX_Request *f = r->fcgi;
	const char *cl = param(f, "CONTENT_LENGTH");
	long long len = cl && *cl ? strtoll(cl, NULL, 10) : 0;
	const char *ct = r->content_type ? r->content_type : "";
	bool multipart = strncasecmp(ct, "multipart/form-data", 19) == 0;
	if (len < 0)
		return 400;
	if (len > (multipart && uploads_ok ? MAX_UPLOAD_BODY_BYTES : MAX_BODY_BYTES))
		return 413;
	if (multipart) {
		if (!uploads_ok)
			return 400;
		r->body_read = true;
		return read_multipart(r, len);
	}
	r->body_read = true;
	char *body = arena_alloc(r->a, (size_t)len + 1);
	int got = len ? FCGX_GetStr(body, (int)len, f->in) : 0;
	if (got != len)
		return 400;
	body[len] = '\0';
	r->body = body;
	r->body_len = (size_t)len;
	if (strncmp(ct, "application/x-www-form-urlencoded", 33) == 0) {
		switch (parse_urlencoded(r->a, body, (size_t)len, &r->form, MAX_FIELDS, MAX_FIELD_BYTES)) {
		case PARSE_OK: break;
		case PARSE_TOO_LONG:
		case PARSE_TOO_MANY: return 413;
		default: return 400;
		}
	} else if (len > 0 && strncmp(r->path, "/api/", 5) != 0) {
		return 400; /* pages only take url-encoded forms */
	}
	return 0;
}

/* Same-origin check, then the token: a cross-site form post fails both. */
static bool post_allowed(req *r)
{
	if (r->origin && r->host) {
		const char *o = strstr(r->origin, "://");
		if (!o || strcmp(o + 3, r->host) != 0)
			return false;
	}
	return csrf_valid(r);
}

static int access_check(req *r, const route *rt)
{
	switch (rt->who) {
	case WHO_ANYONE:
	case WHO_SIGNED_LINK:
		return 0;
	case WHO_CUSTOMER:
		if (r->who.kind != ACCOUNT_CUSTOMER)
			return r->is_post ? 403
					  : redirect(r, arena_printf(r->a, "/signin?next=%s",
								     url_encode(r->a, r->path)));
		return 0;
	case WHO_STAFF:
		if (r->who.kind != ACCOUNT_STAFF)
			return r->is_post ? 403 : redirect(r, "/admin/signin");
		return (r->who.roles & rt->roles) ? 0 : 403;
	}
	return 403;
}

void dispatch(const route *routes, req *r)
{
	r->is_admin_area = strncmp(r->path, "/admin", 6) == 0 &&
			   (r->path[6] == '\0' || r->path[6] == '/');
	if (r->status == 0)
		auth_load_viewer(r);
	r->lang = i18n_negotiate(r->who.lang, req_cookie(r, "cxms_lang"), r->accept_language);
	r->tz = r->who.tz ? r->who.tz : "UTC";
	if (r->status != 0) { /* parse_request already failed */
		error_page(r, r->status);
		return;
	}

	const route *rt = NULL;
	match_result m = route_match(routes, r, r->method, r->path, &rt);
	if (m == MATCH_NOT_FOUND) {
		error_page(r, 404);
		return;
	}
	if (m == MATCH_BAD_METHOD) {
		error_page(r, 405);
		return;
	}
	/* who may call it first: nobody else's body is read, let alone a file of it written */
	int denied = access_check(r, rt);
	if (denied == 303)
		return;
	if (denied) {
		error_page(r, denied);
		return;
	}
	if (r->is_post && r->read_body) {
		int bad = r->read_body(r, rt->flags & ROUTE_UPLOADS);
		if (bad) {
			error_page(r, bad);
			return;
		}
	}
	if (r->is_post && rt->who != WHO_SIGNED_LINK && !post_allowed(r)) {
		error_page(r, 403);
		return;
	}
	/* every request that writes runs in one transaction: all of it or nothing */
	if (r->is_post && !db_begin(r->db)) {
		error_page(r, 500);
		return;
	}
	int status = rt->handler(r);
	if (r->is_post) {
		if (status < 400 && !db_tx_failed(r->db)) {
			if (!db_commit(r->db))
				status = 500;
			else
				for (deferred *d = r->after_commit; d; d = d->next)
					d->fn(d->arg);
		} else {
			db_rollback(r->db);
			if (status < 400)
				status = 500;
		}
	} else if (db_tx_failed(r->db)) {
		status = 500;
	}
	if (status >= 400 && (status == 500 || r->out->len == 0)) {
		r->out_headers.n = 0;
		error_page(r, status);
	}
	if (r->flash_out && status < 400) /* a failed commit announces no success */
		resp_cookie(r, "cxms_flash", r->flash_out, 60, true);
}

static const char *reason(int status)
{
	switch (status) {
	case 200: return "OK";
	case 303: return "See Other";
	case 400: return "Bad Request";
	case 403: return "Forbidden";
	case 404: return "Not Found";
	case 405: return "Method Not Allowed";
	case 413: return "Payload Too Large";
	case 414: return "URI Too Long";
	case 429: return "Too Many Requests";
	default: return status < 400 ? "OK" : "Error";
	}
}

static void send_response(req *r)
{
	FCGX_Stream *out = r->fcgi->out;
	FCGX_FPrintF(out, "Status: %d %s\r\n", r->status, reason(r->status));
	if (r->status != 303)
		FCGX_FPrintF(out, "Content-Type: %s\r\n",
			     r->content_type_out ? r->content_type_out : "text/html; charset=utf-8");
	/* pages are personal (CSRF tokens, names): never stored by shared caches */
	FCGX_PutS("Cache-Control: no-store\r\n", out);
	FCGX_FPrintF(out, "X-Request-Id: %s\r\n", r->id);
	for (size_t i = 0; i < r->out_headers.n; i++)
		FCGX_FPrintF(out, "%s: %s\r\n", r->out_headers.items[i].key,
			     r->out_headers.items[i].val);
	FCGX_PutS("\r\n", out);
	if (strcmp(r->method, "HEAD") != 0 && r->out->len)
		FCGX_PutStr(r->out->data, (int)r->out->len, out);
}

static void run_defers(req *r)
{
	for (deferred *d = r->defers; d; d = d->next)
		d->fn(d->arg);
	r->defers = NULL;
}

static void serve_one(worker *w, FCGX_Request *f, db *d, arena *a, buf *out)
{
	double start = now_ms();
	req r;
	memset(&r, 0, sizeof r);
	r.a = a;
	r.fcgi = f;
	r.db = d;
	r.out = out;
	buf_clear(out);
	unsigned char rid[8];
	randombytes_buf(rid, sizeof rid);
	sodium_bin2hex(r.id, sizeof r.id, rid, sizeof rid);
	if (cfg.dev)
		tmpl_reload_if_changed();

	int bad = parse_request(&r);
	if (!r.path)
		r.path = "/";
	r.status = bad;
	r.read_body = read_body;
	dispatch(w->routes, &r);
	drain_body(&r);
	if (w->after_request)
		w->after_request(&r, r.status);
	if (!r.streamed) /* a streamed response (stream.c) is already on its way */
		send_response(&r);
	/* the path only (query strings can carry tokens), and survey links lose their token */
	const char *logged = strncmp(r.path, "/s/", 3) == 0 ? "/s/{token}" : r.path;
	log_info("req=%s %s %s %d %.1fms", r.id, r.method, logged, r.status, now_ms() - start);
	run_defers(&r);
	if (db_in_tx(d))
		db_rollback(d);
	arena_reset(a);
}

static void *worker_main(void *arg)
{
	worker *w = arg;
	db *d = NULL;
	while (!d && !atomic_load(&stopping)) {
		d = db_connect(cfg.database_url);
		if (!d)
			sleep(1);
	}
	if (d)
		db_limit_statements(d, cfg.statement_timeout * 1000);
	arena *a = arena_new();
	buf out = { 0 };
	FCGX_Request f;
	FCGX_InitRequest(&f, w->listen_fd, FCGI_FAIL_ACCEPT_ON_INTR);
	while (d && !atomic_load(&stopping)) {
		pthread_mutex_lock(&w->lock);
		w->in_accept = true;
		pthread_mutex_unlock(&w->lock);
		int rc = atomic_load(&stopping) ? -1 : FCGX_Accept_r(&f);
		pthread_mutex_lock(&w->lock);
		w->in_accept = false;
		pthread_mutex_unlock(&w->lock);
		if (rc < 0) {
			if (atomic_load(&stopping))
				break;
			continue;
		}
		serve_one(w, &f, d, a, &out);
		FCGX_Finish_r(&f);
	}
	FCGX_Free(&f, 0);
	buf_free(&out);
	arena_free(a);
	db_close(d);
	pthread_mutex_lock(&w->lock);
	w->done = true;
	pthread_mutex_unlock(&w->lock);
	return NULL;
}

int server_run(const route *routes, request_hook after_request)
{
	if (FCGX_Init() != 0) {
		log_error("FCGX_Init failed");
		return 1;
	}
	unlink(cfg.socket_path);
	/* a deep backlog: bursts of stream handshakes are authorised by this socket too */
	int fd = FCGX_OpenSocket(cfg.socket_path, 4096);
	if (fd < 0) {
		log_error("cannot listen on %s", cfg.socket_path);
		return 1;
	}
	chmod(cfg.socket_path, 0666);

	/* SIGPIPE never kills us (a client that went away); SIGUSR1 wakes idle threads. */
	signal(SIGPIPE, SIG_IGN);
	struct sigaction sa;
	memset(&sa, 0, sizeof sa);
	sa.sa_handler = on_wake;
	sigemptyset(&sa.sa_mask);
	sa.sa_flags = 0; /* no SA_RESTART: accept() must return EINTR */
	sigaction(SIGUSR1, &sa, NULL);

	/* Threads never see TERM/INT: the main thread waits for them with sigwait. This also
	 * replaces libfcgi's own SIGTERM handler, which only sets a flag. */
	sigset_t stop;
	sigemptyset(&stop);
	sigaddset(&stop, SIGTERM);
	sigaddset(&stop, SIGINT);
	sigaddset(&stop, SIGHUP);
	pthread_sigmask(SIG_BLOCK, &stop, NULL);

	worker *workers = calloc((size_t)cfg.threads, sizeof *workers);
	if (!workers)
		die("out of memory");
	for (int i = 0; i < cfg.threads; i++) {
		workers[i].index = i;
		workers[i].listen_fd = fd;
		workers[i].routes = routes;
		workers[i].after_request = after_request;
		pthread_mutex_init(&workers[i].lock, NULL);
		if (pthread_create(&workers[i].thread, NULL, worker_main, &workers[i]) != 0)
			die("cannot start thread %d", i);
	}
	log_info("serving on %s with %d threads", cfg.socket_path, cfg.threads);

	int sig = 0;
	sigwait(&stop, &sig);
	log_info("signal %d: finishing requests in flight", sig);
	atomic_store(&stopping, true);
	FCGX_ShutdownPending();
	/* Stop taking connections; wake threads blocked in accept until all have left. */
	for (int round = 0; round < 200; round++) {
		int alive = 0;
		for (int i = 0; i < cfg.threads; i++) {
			pthread_mutex_lock(&workers[i].lock);
			if (!workers[i].done) {
				alive++;
				if (workers[i].in_accept)
					pthread_kill(workers[i].thread, SIGUSR1);
			}
			pthread_mutex_unlock(&workers[i].lock);
		}
		if (!alive)
			break;
		usleep(50000);
	}
	for (int i = 0; i < cfg.threads; i++) {
		pthread_mutex_lock(&workers[i].lock);
		bool done = workers[i].done;
		pthread_mutex_unlock(&workers[i].lock);
		if (!done) {
			/* stuck in a request past the grace period: exit without it */
			log_error("thread %d did not finish in time", i);
			return 1;
		}
		pthread_join(workers[i].thread, NULL);
		pthread_mutex_destroy(&workers[i].lock);
	}
	close(fd);
	unlink(cfg.socket_path);
	free(workers);
	log_info("stopped");
	return 0;
}
