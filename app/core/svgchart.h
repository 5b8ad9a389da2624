/* svgchart.h: geometry of the server-drawn SVG charts (pure, unit-tested). The markup itself is a
 * ctemplate template (templates/admin/survey_chart.tpl), so every number and label is escaped there. */
#ifndef CXMS_SVGCHART_H
#define CXMS_SVGCHART_H
#include <stdbool.h>
#include "arena.h"

/* A chart in a fixed viewBox, scaled to the page width by CSS (readable on a phone). */
typedef struct chart_layout {
	double w, h;                      /* viewBox */
	double left, right, top, bottom;  /* plot area edges in viewBox units */
	double ylo, yhi;                  /* value range of the y axis */
} chart_layout;

#define CHART_W 360.0
#define CHART_H 200.0

chart_layout chart_layout_new(double ylo, double yhi);
/* Centre of slot i of count, across the plot area. */
double chart_x(const chart_layout *c, int i, int count);
/* y of a value, clamped to the axis range. */
double chart_y(const chart_layout *c, double v);
/* Height of a count bar (drawn up from the bottom, at most a third of the plot). */
double chart_bar_h(const chart_layout *c, long long n, long long nmax);
/* Width of one slot (bars use 60% of it). */
double chart_slot_w(const chart_layout *c, int count);
/* "Nice" tick values covering lo..hi (steps 1, 2, 2.5 or 5 x 10^k), at most max; returns how many. */
int chart_ticks(double lo, double hi, int want, double *out, int max);
/* Label every step-th slot so labels of label_w units do not overlap. */
int chart_label_step(const chart_layout *c, int count, double label_w);
/* SVG points list "x,y x,y ..." of the present values (1 decimal). "" when none. */
const char *chart_points(arena *a, const chart_layout *c, const double *vals, const bool *present,
			 int count);
/* Width of a horizontal bar for v on lo..hi over full (for breakdown rows). */
double chart_hbar(double v, double lo, double hi, double full);

#endif
