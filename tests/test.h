#ifndef VARBENCH_TEST_H
#define VARBENCH_TEST_H

/*
 * Minimal unit-test helpers.  Each test program counts its failed checks
 * and exits non-zero if any failed; exit status 77 tells meson the test was
 * skipped (print why first).
 */

#include <math.h>
#include <stdio.h>
#include <string.h>

static int test_failures;
static int test_checks;

#define CHECK(cond)                                                          \
	do {                                                                 \
		test_checks++;                                               \
		if (!(cond)) {                                               \
			test_failures++;                                     \
			fprintf(stderr, "%s:%d: check failed: %s\n",         \
				__FILE__, __LINE__, #cond);                  \
		}                                                            \
	} while (0)

/* Relative-or-absolute closeness: |got - want| <= tol * max(1, |want|). */
#define CHECK_NEAR(got, want, tol)                                           \
	do {                                                                 \
		double g_ = (got), w_ = (want);                              \
		test_checks++;                                               \
		if (!(fabs(g_ - w_) <= (tol) * fmax(1.0, fabs(w_)))) {       \
			test_failures++;                                     \
			fprintf(stderr, "%s:%d: %s = %.17g, want %.17g\n",   \
				__FILE__, __LINE__, #got, g_, w_);           \
		}                                                            \
	} while (0)

#define CHECK_STR(got, want)                                                 \
	do {                                                                 \
		const char *g_ = (got), *w_ = (want);                        \
		test_checks++;                                               \
		if (!g_ || strcmp(g_, w_) != 0) {                            \
			test_failures++;                                     \
			fprintf(stderr, "%s:%d: %s = \"%s\", want \"%s\"\n", \
				__FILE__, __LINE__, #got, g_ ? g_ : "(null)", \
				w_);                                         \
		}                                                            \
	} while (0)

static inline int test_done(void)
{
	printf("%d checks, %d failed\n", test_checks, test_failures);
	return test_failures ? 1 : 0;
}

#endif
