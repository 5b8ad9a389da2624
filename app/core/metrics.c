/* metrics.c: CSAT % (4-5 of all answers), NPS (promoters - detractors), CES average, with 95% margins */
#include "metrics.h"
#include <string.h>

/* Newton's method: keeps libm off the link line of the unit tests; x >= 0 */
static double root(double x)
{
	if (x <= 0)
		return 0;
	double r = x > 1 ? x : 1;
	for (int i = 0; i < 60; i++) {
		double next = 0.5 * (r + x / r);
		if (next == r)
			break;
		r = next;
	}
	return r;
}

metric_kind metric_kind_of(const char *k)
{
	if (k && strcmp(k, "csat") == 0)
		return METRIC_CSAT;
	if (k && strcmp(k, "nps") == 0)
		return METRIC_NPS;
	if (k && strcmp(k, "ces") == 0)
		return METRIC_CES;
	return METRIC_MEAN;
}

void metric_range(metric_kind k, int *lo, int *hi)
{
	switch (k) {
	case METRIC_CSAT: *lo = 1; *hi = 5; break;
	case METRIC_NPS: *lo = 0; *hi = 10; break;
	case METRIC_CES: *lo = 1; *hi = 7; break;
	default: *lo = 0; *hi = 10; break;
	}
}

void metric_axis(metric_kind k, double *lo, double *hi)
{
	switch (k) {
	case METRIC_CSAT: *lo = 0; *hi = 100; break;
	case METRIC_NPS: *lo = -100; *hi = 100; break;
	case METRIC_CES: *lo = 1; *hi = 7; break;
	default: *lo = 0; *hi = 10; break;
	}
}

int metric_band(metric_kind k, int s)
{
	switch (k) {
	case METRIC_CSAT: return s >= 4 ? 1 : s == 3 ? 0 : -1;
	case METRIC_NPS: return s >= 9 ? 1 : s >= 7 ? 0 : -1;
	case METRIC_CES: return s >= 5 ? 1 : s == 4 ? 0 : -1;
	default: return s >= 4 ? 1 : s == 3 ? 0 : -1;
	}
}

metric metric_compute(metric_kind k, const long long counts[METRIC_SCORES])
{
	metric m = { 0 };
	int lo, hi;
	metric_range(k, &lo, &hi);
	double sum = 0, sumsq = 0;
	for (int s = lo; s <= hi; s++) {
		long long c = counts[s];
		if (c <= 0)
			continue;
		m.n += c;
		sum += (double)c * s;
		sumsq += (double)c * s * s;
		int b = metric_band(k, s);
		if (b > 0)
			m.good += c;
		else if (b == 0)
			m.neutral += c;
		else
			m.bad += c;
	}
	m.low_sample = m.n < METRIC_MIN_N;
	if (m.n == 0)
		return m;
	double n = (double)m.n;
	double pg = m.good / n, pb = m.bad / n;
	switch (k) {
	case METRIC_CSAT:
		/* a proportion: normal approximation of its standard error */
		m.value = 100.0 * pg;
		m.margin = 100.0 * 1.96 * root(pg * (1 - pg) / n);
		break;
	case METRIC_NPS: {
		/* NPS is the mean of +1 (promoter), 0, -1 (detractor): its variance is
		 * E[x^2] - E[x]^2 = (pg + pb) - (pg - pb)^2 */
		double d = pg - pb;
		m.value = 100.0 * d;
		double var = (pg + pb) - d * d;
		m.margin = 100.0 * 1.96 * root((var > 0 ? var : 0) / n);
		break;
	}
	default: {
		double mean = sum / n;
		double var = sumsq / n - mean * mean;
		m.value = mean;
		m.margin = 1.96 * root((var > 0 ? var : 0) / n);
		break;
	}
	}
	return m;
}
