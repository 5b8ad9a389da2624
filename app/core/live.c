/* live.c: publishing to nginx's internal Nchan publisher with libcurl (one kept-alive handle per thread) */
#include "live.h"
#include "config.h"
#include "crypto.h"
#include "log.h"
#include <curl/curl.h>
#include <pthread.h>
#include <sodium.h>
#include <string.h>

char *live_channel_new(arena *a)
{
	unsigned char rnd[LIVE_CHANNEL_LEN / 2];
	randombytes_buf(rnd, sizeof rnd);
	char *out = arena_alloc(a, LIVE_CHANNEL_LEN + 1);
	sodium_bin2hex(out, LIVE_CHANNEL_LEN + 1, rnd, sizeof rnd);
	return out;
}

const char *live_keyed_channel(arena *a, const char *purpose, const char *name)
{
	/* the keyed hash (base64url) back to bytes, then hex: \w+ in nginx has no '-' */
	const char *h = keyed_hash(a, purpose, name);
	unsigned char bin[64];
	size_t n = 0;
	char *out = arena_alloc(a, LIVE_CHANNEL_LEN + 1);
	if (sodium_base642bin(bin, sizeof bin, h, strlen(h), NULL, &n, NULL,
			      sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0 || n < LIVE_CHANNEL_LEN / 2)
		die("live: bad keyed hash");
	sodium_bin2hex(out, LIVE_CHANNEL_LEN + 1, bin, LIVE_CHANNEL_LEN / 2);
	return out;
}

bool live_channel_valid(const char *s)
{
	if (!s || strlen(s) != LIVE_CHANNEL_LEN)
		return false;
	for (; *s; s++)
		if (!((*s >= '0' && *s <= '9') || (*s >= 'a' && *s <= 'f')))
			return false;
	return true;
}

static pthread_key_t handle_key;
static pthread_once_t handle_once = PTHREAD_ONCE_INIT;

static void handle_free(void *h)
{
	curl_easy_cleanup(h);
}

static void handle_key_make(void)
{
	pthread_key_create(&handle_key, handle_free);
}

static size_t discard(char *p, size_t size, size_t n, void *u)
{
	(void)p;
	(void)u;
	return size * n;
}

/* The thread's handle keeps its connection to nginx open between publishes. */
static CURL *handle(void)
{
	pthread_once(&handle_once, handle_key_make);
	CURL *h = pthread_getspecific(handle_key);
	if (!h) {
		h = curl_easy_init();
		if (!h)
			return NULL;
		pthread_setspecific(handle_key, h);
	}
	curl_easy_reset(h);
	curl_easy_setopt(h, CURLOPT_NOSIGNAL, 1L);
	curl_easy_setopt(h, CURLOPT_TIMEOUT_MS, 2000L);
	curl_easy_setopt(h, CURLOPT_CONNECTTIMEOUT_MS, 1000L);
	curl_easy_setopt(h, CURLOPT_WRITEFUNCTION, discard);
	curl_easy_setopt(h, CURLOPT_PROTOCOLS_STR, "http");
	return h;
}

static bool send_req(const char *channel, const char *method, const char *data)
{
	if (!cfg.nchan_pub || !*cfg.nchan_pub)
		return true;
	if (!live_channel_valid(channel))
		return false;
	CURL *h = handle();
	if (!h)
		return false;
	char url[512];
	snprintf(url, sizeof url, "%s%s", cfg.nchan_pub, channel);
	curl_easy_setopt(h, CURLOPT_URL, url);
	struct curl_slist *hdr = NULL;
	if (data) {
		hdr = curl_slist_append(hdr, "Content-Type: application/json");
		curl_easy_setopt(h, CURLOPT_HTTPHEADER, hdr);
		curl_easy_setopt(h, CURLOPT_POSTFIELDS, data);
		curl_easy_setopt(h, CURLOPT_POSTFIELDSIZE, (long)strlen(data));
	} else {
		curl_easy_setopt(h, CURLOPT_CUSTOMREQUEST, method);
	}
	CURLcode rc = curl_easy_perform(h);
	long status = 0;
	curl_easy_getinfo(h, CURLINFO_RESPONSE_CODE, &status);
	curl_easy_setopt(h, CURLOPT_HTTPHEADER, NULL);
	curl_slist_free_all(hdr);
	/* DELETE of a channel nobody listens to answers 404: nothing to close */
	bool ok = rc == CURLE_OK && ((status >= 200 && status < 300) || (!data && status == 404));
	if (!ok)
		log_error("live: %s %s failed: %s (HTTP %ld)", method, channel,
			  rc == CURLE_OK ? "bad status" : curl_easy_strerror(rc), status);
	return ok;
}

bool live_publish(const char *channel, const char *data)
{
	return send_req(channel, "POST", data);
}

bool live_close(const char *channel)
{
	return send_req(channel, "DELETE", NULL);
}

typedef struct pub {
	const char *channel, *data;
} pub;

static void run_publish(void *arg)
{
	pub *p = arg;
	if (p->data)
		live_publish(p->channel, p->data);
	else
		live_close(p->channel);
}

void live_publish_after_commit(req *r, const char *channel, const char *data)
{
	pub *p = arena_alloc(r->a, sizeof *p);
	p->channel = arena_strdup(r->a, channel);
	p->data = arena_strdup(r->a, data);
	req_after_commit(r, run_publish, p);
}

void live_close_after_commit(req *r, const char *channel)
{
	pub *p = arena_alloc(r->a, sizeof *p);
	p->channel = arena_strdup(r->a, channel);
	p->data = NULL;
	req_after_commit(r, run_publish, p);
}
