/* svgchart.c: coordinates, ticks and point lists for the SVG trend and bar charts */
#include "svgchart.h"
#include "buf.h"
#include <stdio.h>

chart_layout chart_layout_new(double ylo, double yhi)
{
	chart_layout c = { .w = CHART_W, .h = CHART_H, .left = 40, .right = CHART_W - 10,
			   .top = 12, .bottom = CHART_H - 28, .ylo = ylo, .yhi = yhi };
	if (c.yhi <= c.ylo)
		c.yhi = c.ylo + 1;
	return c;
}

double chart_slot_w(const chart_layout *c, int count)
{
	return count > 0 ? (c->right - c->left) / count : c->right - c->left;
}

double chart_x(const chart_layout *c, int i, int count)
{
	return c->left + chart_slot_w(c, count) * (i + 0.5);
}

double chart_y(const chart_layout *c, double v)
{
	if (v < c->ylo)
		v = c->ylo;
	if (v > c->yhi)
		v = c->yhi;
	return c->bottom - (v - c->ylo) / (c->yhi - c->ylo) * (c->bottom - c->top);
}

double chart_bar_h(const chart_layout *c, long long n, long long nmax)
{
	if (n <= 0 || nmax <= 0)
		return 0;
	if (n > nmax)
		n = nmax;
	return (c->bottom - c->top) / 3.0 * (double)n / (double)nmax;
}

int chart_ticks(double lo, double hi, int want, double *out, int max)
{
	if (hi <= lo || want < 1 || max < 1)
		return 0;
	double raw = (hi - lo) / want, mag = 1;
	while (mag * 10 <= raw)
		mag *= 10;
	while (mag > raw)
		mag /= 10;
	static const double steps[] = { 1, 2, 2.5, 5, 10 };
	double step = mag * 10;
	for (int i = 0; i < 5; i++)
		if (mag * steps[i] >= raw) {
			step = mag * steps[i];
			break;
		}
	/* first multiple of step at or above lo */
	long long k = (long long)(lo / step);
	if (k * step < lo - 1e-9)
		k++;
	int n = 0;
	for (double v = k * step; v <= hi + 1e-9 && n < max; v = (++k) * step)
		out[n++] = v;
	return n;
}

int chart_label_step(const chart_layout *c, int count, double label_w)
{
	double slot = chart_slot_w(c, count);
	int step = 1;
	while (slot * step < label_w)
		step++;
	return step;
}

const char *chart_points(arena *a, const chart_layout *c, const double *vals, const bool *present,
			 int count)
{
	buf bb = { 0 }, *b = &bb;
	for (int i = 0; i < count; i++) {
		if (!present[i])
			continue;
		char one[64];
		snprintf(one, sizeof one, "%s%.1f,%.1f", b->len ? " " : "", chart_x(c, i, count),
			 chart_y(c, vals[i]));
		buf_puts(b, one);
	}
	const char *s = arena_strndup(a, b->data ? b->data : "", b->len);
	buf_free(&bb);
	return s;
}

double chart_hbar(double v, double lo, double hi, double full)
{
	if (hi <= lo)
		return 0;
	if (v < lo)
		v = lo;
	if (v > hi)
		v = hi;
	return (v - lo) / (hi - lo) * full;
}
