/* metrics.h: the arithmetic of CSAT, NPS and CES from a histogram of scores (pure, unit-tested) */
#ifndef CXMS_METRICS_H
#define CXMS_METRICS_H
#include <stdbool.h>

typedef enum { METRIC_CSAT, METRIC_NPS, METRIC_CES, METRIC_MEAN } metric_kind;

/* counts[s] = answers with score s, for s in 0..10 */
#define METRIC_SCORES 11

typedef struct metric {
	long long n;        /* answers counted */
	double value;       /* CSAT: % of 4-5 (0..100); NPS: % promoters - % detractors (-100..100);
			       CES and MEAN: average score */
	double margin;      /* half-width of the 95% confidence interval, same unit as value */
	long long good, neutral, bad; /* CSAT 4-5/3/1-2; NPS promoters/passives/detractors;
					 CES 5-7/4/1-3 */
	bool low_sample;    /* fewer than METRIC_MIN_N answers: shown, but flagged */
} metric;
#define METRIC_MIN_N 30

metric_kind metric_kind_of(const char *survey_kind);
/* Computes the figure; n == 0 gives value 0 and margin 0. */
metric metric_compute(metric_kind k, const long long counts[METRIC_SCORES]);
/* Band of one score: 1 good, 0 neutral, -1 bad (as counted above). */
int metric_band(metric_kind k, int score);
/* Scores this kind accepts. */
void metric_range(metric_kind k, int *lo, int *hi);
/* Range of the chart's y axis. */
void metric_axis(metric_kind k, double *lo, double *hi);

#endif
