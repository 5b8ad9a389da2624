/* test_surveys.c: NPS, CSAT and CES arithmetic on hand-checked examples, and the SVG chart geometry */
#include <stdarg.h>
#include <stddef.h>
#include <setjmp.h>
#include <stdint.h>
#include <cmocka.h>
#include <string.h>
#include "core/arena.h"
#include "core/metrics.h"
#include "core/svgchart.h"
#include "data/surveys.h"
#include "core/csv.h"

static arena *A;

static void csat_percent(void **s)
{
	(void)s;
	/* 10 answers: 1x1, 1x2, 2x3, 3x4, 3x5 -> 6 of 10 are 4-5 = 60% */
	long long c[METRIC_SCORES] = { 0, 1, 1, 2, 3, 3 };
	metric m = metric_compute(METRIC_CSAT, c);
	assert_int_equal(m.n, 10);
	assert_true(m.value > 59.999 && m.value < 60.001);
	assert_int_equal(m.good, 6);
	assert_int_equal(m.neutral, 2);
	assert_int_equal(m.bad, 2);
	/* margin: 1.96 * sqrt(.6 * .4 / 10) = 0.30364 -> 30.36 points */
	assert_true(m.margin > 30.35 && m.margin < 30.37);
	assert_true(m.low_sample);
	/* scores outside 1-5 (0 here) are not CSAT answers */
	long long c0[METRIC_SCORES] = { 7, 0, 0, 0, 0, 4 };
	m = metric_compute(METRIC_CSAT, c0);
	assert_int_equal(m.n, 4);
	assert_true(m.value > 99.999);
	assert_true(m.margin < 1e-9);
}

static void nps_score(void **s)
{
	(void)s;
	/* 20 answers: promoters 9-10: 8; passives 7-8: 7; detractors 0-6: 5 -> 40% - 25% = 15 */
	long long c[METRIC_SCORES] = { 1, 0, 0, 1, 0, 1, 2, 3, 4, 5, 3 };
	metric m = metric_compute(METRIC_NPS, c);
	assert_int_equal(m.n, 20);
	assert_int_equal(m.good, 8);
	assert_int_equal(m.neutral, 7);
	assert_int_equal(m.bad, 5);
	assert_true(m.value > 14.999 && m.value < 15.001);
	/* var = (.4 + .25) - .15^2 = .6275; 1.96 * sqrt(.6275 / 20) = 0.34718 */
	assert_true(m.margin > 34.70 && m.margin < 34.73);
	/* all detractors: -100; all promoters: +100 */
	long long d[METRIC_SCORES] = { 3, 0, 0, 0, 0, 0, 2 };
	assert_true(metric_compute(METRIC_NPS, d).value < -99.999);
	long long p[METRIC_SCORES] = { [9] = 40, [10] = 2 };
	m = metric_compute(METRIC_NPS, p);
	assert_true(m.value > 99.999);
	assert_false(m.low_sample);
	assert_int_equal(metric_band(METRIC_NPS, 6), -1);
	assert_int_equal(metric_band(METRIC_NPS, 7), 0);
	assert_int_equal(metric_band(METRIC_NPS, 9), 1);
}

static void ces_average(void **s)
{
	(void)s;
	/* 1x2, 2x4, 1x7 -> (2 + 8 + 7) / 4 = 4.25 */
	long long c[METRIC_SCORES] = { [2] = 1, [4] = 2, [7] = 1 };
	metric m = metric_compute(METRIC_CES, c);
	assert_int_equal(m.n, 4);
	assert_true(m.value > 4.2499 && m.value < 4.2501);
	/* population variance: (4+16+16+49)/4 - 4.25^2 = 21.25 - 18.0625 = 3.1875;
	 * 1.96 * sqrt(3.1875 / 4) = 1.7497 */
	assert_true(m.margin > 1.749 && m.margin < 1.750);
	assert_int_equal(m.good, 1);
	assert_int_equal(m.neutral, 2);
	assert_int_equal(m.bad, 1);
}

static void empty_and_kinds(void **s)
{
	(void)s;
	long long z[METRIC_SCORES] = { 0 };
	metric m = metric_compute(METRIC_NPS, z);
	assert_int_equal(m.n, 0);
	assert_true(m.value == 0 && m.margin == 0);
	assert_int_equal(metric_kind_of("csat"), METRIC_CSAT);
	assert_int_equal(metric_kind_of("nps"), METRIC_NPS);
	assert_int_equal(metric_kind_of("ces"), METRIC_CES);
	assert_int_equal(metric_kind_of("custom"), METRIC_MEAN);
	assert_int_equal(metric_kind_of(NULL), METRIC_MEAN);
	int lo, hi;
	metric_range(METRIC_NPS, &lo, &hi);
	assert_int_equal(lo, 0);
	assert_int_equal(hi, 10);
	metric_range(METRIC_CES, &lo, &hi);
	assert_int_equal(lo, 1);
	assert_int_equal(hi, 7);
}

static void chart_geometry(void **s)
{
	(void)s;
	chart_layout c = chart_layout_new(0, 100);
	assert_true(chart_y(&c, 0) == c.bottom);
	assert_true(chart_y(&c, 100) == c.top);
	assert_true(chart_y(&c, 150) == c.top);   /* clamped */
	assert_true(chart_y(&c, -5) == c.bottom);
	double mid = chart_y(&c, 50);
	assert_true(mid > c.top && mid < c.bottom);
	assert_true(chart_x(&c, 0, 2) < chart_x(&c, 1, 2));
	assert_true(chart_x(&c, 0, 1) == (c.left + c.right) / 2);
	assert_true(chart_bar_h(&c, 0, 10) == 0);
	assert_true(chart_bar_h(&c, 10, 10) > 0);
	assert_true(chart_bar_h(&c, 5, 0) == 0);
	double t[16];
	int n = chart_ticks(-100, 100, 4, t, 16);
	assert_int_equal(n, 5);
	assert_true(t[0] == -100 && t[2] == 0 && t[4] == 100);
	n = chart_ticks(1, 7, 6, t, 16);
	assert_int_equal(n, 7);
	assert_true(t[0] == 1 && t[6] == 7);
	n = chart_ticks(0, 100, 4, t, 16);
	assert_int_equal(n, 5);
	assert_true(t[1] == 25);
	assert_int_equal(chart_ticks(5, 5, 4, t, 16), 0);
	assert_int_equal(chart_label_step(&c, 12, 10), 1);
	assert_true(chart_label_step(&c, 52, 34) > 1);
	assert_true(chart_hbar(50, 0, 100, 200) == 100);
	assert_true(chart_hbar(-200, -100, 100, 200) == 0);
}

static void chart_point_list(void **s)
{
	(void)s;
	chart_layout c = chart_layout_new(0, 10);
	double v[3] = { 0, 5, 10 };
	bool p[3] = { true, false, true };
	const char *pts = chart_points(A, &c, v, p, 3);
	/* two points, separated by one space, with one decimal */
	assert_non_null(strchr(pts, ' '));
	assert_null(strchr(strchr(pts, ' ') + 1, ' '));
	/* slot 310 / 3: x = 40 + 51.67 and 40 + 258.33; y = bottom 172 and top 12 */
	assert_string_equal(pts, "91.7,172.0 298.3,12.0");
	bool none[3] = { false, false, false };
	assert_string_equal(chart_points(A, &c, v, none, 3), "");
}

static const char *csv(const char *in)
{
	buf b = { 0 };
	csv_cell(&b, in);
	const char *out = arena_strdup(A, buf_cstr(&b));
	buf_free(&b);
	return out;
}

static void csv_fields(void **s)
{
	(void)s;
	assert_string_equal(csv("plain"), "plain");
	assert_string_equal(csv(""), "");
	assert_string_equal(csv(NULL), "");
	assert_string_equal(csv("a,b"), "\"a,b\"");
	assert_string_equal(csv("say \"hi\""), "\"say \"\"hi\"\"\"");
	assert_string_equal(csv("two\nlines"), "\"two\nlines\"");
	/* spreadsheet formulas are neutralised */
	assert_string_equal(csv("=HYPERLINK(\"x\")"), "\"'=HYPERLINK(\"\"x\"\")\"");
	assert_string_equal(csv("+1"), "\"'+1\"");
	assert_string_equal(csv("-2"), "\"'-2\"");
	assert_string_equal(csv("@a"), "\"'@a\"");
	assert_string_equal(csv("বাংলা"), "বাংলা");
}

int main(void)
{
	A = arena_new();
	const struct CMUnitTest tests[] = {
		cmocka_unit_test(csat_percent),
		cmocka_unit_test(nps_score),
		cmocka_unit_test(ces_average),
		cmocka_unit_test(empty_and_kinds),
		cmocka_unit_test(chart_geometry),
		cmocka_unit_test(chart_point_list),
		cmocka_unit_test(csv_fields),
	};
	int rc = cmocka_run_group_tests(tests, NULL, NULL);
	arena_free(A);
	return rc;
}
