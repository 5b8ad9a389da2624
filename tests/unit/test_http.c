/* test_http.c: cookies (__Host- and Secure behind TLS), redirects that never leave the site */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/http.h"

static req *new_req(bool https)
{
	static req r;
	static buf out;
	memset(&r, 0, sizeof r);
	r.a = arena_new();
	r.out = &out;
	r.https = https;
	return &r;
}

static void cookies_behind_tls(void **s)
{
	(void)s;
	req *r = new_req(true);
	resp_cookie(r, "cxms_session", "tok", -1, true);
	assert_int_equal(r->out_headers.n, 1);
	assert_string_equal(r->out_headers.items[0].key, "Set-Cookie");
	assert_string_equal(r->out_headers.items[0].val,
			    "__Host-cxms_session=tok; Path=/; SameSite=Lax; HttpOnly; Secure");
	kv_add(r->a, &r->cookies, "__Host-cxms_session", "from-browser");
	kv_add(r->a, &r->cookies, "cxms_session", "planted-over-http");
	assert_string_equal(req_cookie(r, "cxms_session"), "from-browser");
	arena_free(r->a);
}

static void cookies_plain_http(void **s)
{
	(void)s;
	req *r = new_req(false);
	resp_cookie(r, "cxms_lang", "bn", 3600, true);
	assert_string_equal(r->out_headers.items[0].val,
			    "cxms_lang=bn; Path=/; SameSite=Lax; HttpOnly; Max-Age=3600");
	arena_free(r->a);
}

static void redirects_stay_local(void **s)
{
	(void)s;
	assert_true(local_path_ok("/account"));
	assert_true(local_path_ok("/a?b=c"));
	assert_false(local_path_ok("//evil.example"));
	assert_false(local_path_ok("/\\evil.example"));
	assert_false(local_path_ok("https://evil.example"));
	assert_false(local_path_ok("/a\r\nSet-Cookie: x=y"));
	assert_false(local_path_ok(""));
	assert_false(local_path_ok(NULL));
	req *r = new_req(false);
	assert_int_equal(redirect(r, "//evil.example"), 303);
	assert_string_equal(kv_get(&r->out_headers, "Location"), "/");
	arena_free(r->a);
}

int main(void)
{
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(cookies_behind_tls),
		cmocka_unit_test(cookies_plain_http),
		cmocka_unit_test(redirects_stay_local),
	};
	return cmocka_run_group_tests_name("http", tests, NULL, NULL);
}
