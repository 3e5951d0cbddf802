#!/usr/bin/python3
"""Reference values for tests/test_stats.c, computed with NumPy and SciPy.

Run with Debian's interpreter (python3-scipy):  /usr/bin/python3 tests/stats_reference.py

The datasets here must stay identical to the ones in test_stats.c.  Long
datasets come from golden(), which uses the same IEEE double operations as
the C helper of the same name, so both languages see bit-identical values.
"""

import math

import numpy as np
import scipy
from scipy import stats


def golden(start, count, scale, offset, decimals=None):
    """offset + scale * frac(i * phi') for i in [start, start + count)."""
    out = []
    for i in range(start, start + count):
        v = offset + scale * math.fmod(float(i) * 0.61803398874989485, 1.0)
        if decimals is not None:
            # the C side does floor(v * 10 + 0.5) / 10 for decimals=1
            f = 10.0 ** decimals
            v = math.floor(v * f + 0.5) / f
        out.append(v)
    return out


def g(v):
    return "%.17g" % v


SUMMARY = {
    "ties": [12.1, 11.8, 12.1, 13.0, 11.9, 12.4, 12.1, 14.2, 11.7, 12.0],
    "one": [3.5],
    "two": [2.0, 5.0],
    "flat": [7.25, 7.25, 7.25, 7.25, 7.25],
    "outliers": [1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 250.0, 0.98, 1000.0],
    "zero_mean": [-2.0, -1.0, 0.0, 1.0, 2.0],
    "golden101": golden(1, 101, 50.0, 100.0),
}

MWU = {
    # scipy's docstring example: 5 vs 4, no ties -> exact
    "exact_small": ([19, 22, 16, 29, 24], [20, 11, 17, 12]),
    # 3 vs 12, no ties -> exact (only one side needs to be <= 8)
    "exact_3x12": ([0.5, 3.2, 7.7], golden(1, 12, 10.0, 0.0)),
    # completely separated 8 vs 8 -> exact, p = 2 / C(16, 8)
    "exact_separated": ([1, 2, 3, 4, 5, 6, 7, 8],
                        [11, 12, 13, 14, 15, 16, 17, 18]),
    # 9 vs 8 no ties -> still exact (rule is "both > 8" for asymptotic)
    "exact_9x8": (golden(1, 9, 10.0, 0.0), golden(20, 8, 10.0, 1.0)),
    # 9 vs 9 no ties -> asymptotic
    "asym_9x9": (golden(1, 9, 10.0, 0.0), golden(20, 9, 10.0, 1.0)),
    # small with ties -> asymptotic with tie correction
    "asym_small_ties": ([1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0, 4.0, 5.0]),
    # n = 1 each, distinct -> exact, p = 1
    "exact_1x1": ([1.0], [2.0]),
    # n = 1 each, equal -> tie -> asymptotic, sigma = 0, p = 1
    "tie_1x1": ([4.0], [4.0]),
    # all values equal -> p = 1
    "constant": ([3.0] * 6, [3.0] * 6),
    # identical non-constant samples
    "identical": ([5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.4, 5.05, 4.95, 5.15],
                  [5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.4, 5.05, 4.95, 5.15]),
    # 40 vs 35 rounded to 0.1 -> many ties, shifted -> asymptotic
    "asym_ties_40x35": (golden(1, 40, 5.0, 100.0, 1), golden(100, 35, 5.0, 101.0, 1)),
    # heavy outliers, 12 vs 12, no ties -> asymptotic
    "asym_outliers": ([1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.015, 0.985, 1.005, 80.0, 500.0],
                      [1.10, 1.12, 1.08, 1.11, 1.09, 1.13, 1.07, 1.115, 1.085, 1.105, 1.095, 1.125]),
    # 5 vs 300, no ties -> exact with a long counting table
    "exact_5x300": (golden(1000, 5, 10.0, 0.0), golden(1, 300, 10.0, 0.0)),
    # 8 vs 200 shifted -> exact, p in the tail
    "exact_8x200": (golden(1000, 8, 10.0, 3.0), golden(1, 200, 10.0, 0.0)),
    # 8 vs 200 far apart -> exact, p ~ 1e-10 (cdf summed over few terms)
    "exact_8x200_far": (golden(1000, 8, 10.0, 8.5), golden(1, 200, 10.0, 0.0)),
}


def method_used(a, b):
    n1, n2 = len(a), len(b)
    if n1 > 8 and n2 > 8:
        return "asymptotic"
    if len(np.unique(np.concatenate([a, b]))) != n1 + n2:
        return "asymptotic"
    return "exact"


def main():
    print("numpy %s, scipy %s" % (np.__version__, scipy.__version__))
    print()
    print("# stats_summarize: mean median stdev(ddof=1) min max q1 q3 mad cv")
    for name, x in SUMMARY.items():
        a = np.array(x, dtype=float)
        sd = float(np.std(a, ddof=1)) if len(a) > 1 else 0.0
        mean = float(np.mean(a))
        vals = [
            mean,
            float(np.median(a)),
            sd,
            float(np.min(a)),
            float(np.max(a)),
            float(np.quantile(a, 0.25)),
            float(np.quantile(a, 0.75)),
            float(stats.median_abs_deviation(a)),
            sd / mean if mean != 0 else 0.0,
        ]
        print("%s: n=%d %s" % (name, len(a), ", ".join(g(v) for v in vals)))
    print()
    print("# mannwhitneyu(a, b) (two-sided, method='auto', use_continuity=True)")
    for name, (a, b) in MWU.items():
        a = np.array(a, dtype=float)
        b = np.array(b, dtype=float)
        res = stats.mannwhitneyu(a, b)
        print("%s: %s U=%s p=%s" % (name, method_used(a, b), g(res.statistic), g(res.pvalue)))
    print()
    print("# np.median of [4,1,3,2], [9,-1,3.5], golden(1,1000,1,0)")
    for x in ([4.0, 1.0, 3.0, 2.0], [9.0, -1.0, 3.5], golden(1, 1000, 1.0, 0.0)):
        print(g(float(np.median(x))))


if __name__ == "__main__":
    main()
