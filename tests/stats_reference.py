#!/usr/bin/python3
"""Reference values for reports/stats.c, computed with NumPy and SciPy.

tests/test_stats_reference.c runs this script at test time (Debian's
/usr/bin/python3 with python3-scipy) and checks every statistic against
what it prints, so the reference is recomputed on every run, never pasted.
Without SciPy the script exits with status 77 (meson's "skipped") and says
why on stderr.

Output: one case per block, whitespace-separated, values printed with 17
significant digits (exact round trip for doubles; "nan" where undefined):

    case KIND NAME
    x|a|b COUNT V1 V2 ...        input samples
    param KEY VALUE              inputs that are not samples
    want KEY VALUE               expected scalar result
    wantv KEY COUNT V1 V2 ...    expected vector result
    end

"want error 1" means the C function must refuse the input with a message.
Long datasets come from golden(), which uses the same IEEE double
operations as any C helper of the same name would.
"""

import math
import sys
import warnings

try:
    import numpy as np
    import scipy
    from scipy import stats
    from scipy.stats import mstats
except ImportError as e:
    sys.stderr.write("stats_reference.py: SciPy is not available to %s (%s); "
                     "install python3-scipy (Debian) to recompute the reference values\n"
                     % (sys.executable, e))
    sys.exit(77)

warnings.simplefilter("ignore")

OUTLIER_Z = 3.5          # STATS_OUTLIER_Z in reports/stats.h
LEVEL = 0.95             # STATS_LEVEL


def golden(start, count, scale, offset, decimals=None):
    """offset + scale * frac(i * phi') for i in [start, start + count)."""
    out = []
    for i in range(start, start + count):
        v = offset + scale * math.fmod(float(i) * 0.61803398874989485, 1.0)
        if decimals is not None:
            f = 10.0 ** decimals
            v = math.floor(v * f + 0.5) / f
        out.append(v)
    return out


def g(v):
    v = float(v)
    if math.isnan(v):
        return "nan"
    if math.isinf(v):
        return "inf" if v > 0 else "-inf"
    return "%.17g" % v


def emit_case(kind, name, arrays, params, wants):
    print("case %s %s" % (kind, name))
    for key, values in arrays:
        print("%s %d %s" % (key, len(values), " ".join(g(v) for v in values)))
    for key, value in params:
        print("param %s %s" % (key, g(value)))
    for key, value in wants:
        if isinstance(value, (list, tuple, np.ndarray)):
            print("wantv %s %d %s" % (key, len(value), " ".join(g(v) for v in value)))
        else:
            print("want %s %s" % (key, g(value)))
    print("end")


def hs_too_small(n, level):
    """median_cihs needs k >= 1: P(B = 0) = 2**-n below (1 - level) / 2."""
    alpha = min(1 - level, level)
    k = int(stats.binom.ppf(alpha / 2.0, n, 0.5))
    gk = stats.binom.cdf(n - k, n, 0.5) - stats.binom.cdf(k - 1, n, 0.5)
    if gk < 1 - alpha:
        k -= 1
    return k < 1


SUMMARY = {
    "ties": [12.1, 11.8, 12.1, 13.0, 11.9, 12.4, 12.1, 14.2, 11.7, 12.0],
    "one": [3.5],
    "two": [2.0, 5.0],
    "flat": [7.25, 7.25, 7.25, 7.25, 7.25],
    "flat7": [7.25] * 7,
    "outliers": [1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 250.0, 0.98, 1000.0],
    "zero_mean": [-2.0, -1.0, 0.0, 1.0, 2.0],
    "six": [0.31, 0.29, 0.35, 0.30, 0.33, 0.28],
    "golden101": golden(1, 101, 50.0, 100.0),
    "timings_ties": golden(1, 40, 0.02, 0.25, 2),
    "golden2000": golden(7, 2000, 3.0, 10.0),
}

# (a, b): Mann-Whitney, Welch and Hodges-Lehmann on each pair.
PAIRS = {
    # scipy's docstring example: 5 vs 4, no ties -> exact MWU
    "exact_small": ([19, 22, 16, 29, 24], [20, 11, 17, 12]),
    # 3 vs 12, no ties -> exact (only one side needs to be <= 8)
    "exact_3x12": ([0.5, 3.2, 7.7], golden(1, 12, 10.0, 0.0)),
    # completely separated 8 vs 8 -> exact, p = 2 / C(16, 8)
    "exact_separated": ([1, 2, 3, 4, 5, 6, 7, 8], [11, 12, 13, 14, 15, 16, 17, 18]),
    # 9 vs 8 no ties -> still exact (the rule is "both > 8" for asymptotic)
    "exact_9x8": (golden(1, 9, 10.0, 0.0), golden(20, 8, 10.0, 1.0)),
    # 9 vs 9 no ties -> asymptotic
    "asym_9x9": (golden(1, 9, 10.0, 0.0), golden(20, 9, 10.0, 1.0)),
    # small with ties -> asymptotic with tie correction
    "asym_small_ties": ([1.0, 2.0, 2.0, 3.0], [2.0, 3.0, 4.0, 4.0, 5.0]),
    # n = 1 each, distinct -> exact MWU, p = 1; Welch undefined
    "n1_distinct": ([1.0], [2.0]),
    # n = 1 each, equal -> tie -> asymptotic, sigma = 0, p = 1
    "n1_tie": ([4.0], [4.0]),
    # n = 2 each
    "n2": ([1.0, 1.5], [2.0, 2.25]),
    # all values equal -> zero variance everywhere
    "constant": ([3.0] * 6, [3.0] * 6),
    # zero variance on both sides, different values
    "constant_shift": ([3.0] * 6, [3.5] * 6),
    # zero variance on one side only
    "constant_one_side": ([3.0] * 6, [2.9, 3.1, 3.3, 3.05, 3.2, 3.4]),
    # identical non-constant samples
    "identical": ([5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.4, 5.05, 4.95, 5.15],
                  [5.1, 4.9, 5.3, 5.0, 5.2, 4.8, 5.4, 5.05, 4.95, 5.15]),
    # 40 vs 35 rounded to 0.1 -> many ties, shifted -> asymptotic
    "asym_ties_40x35": (golden(1, 40, 5.0, 100.0, 1), golden(100, 35, 5.0, 101.0, 1)),
    # heavy outliers, 12 vs 12, no ties -> asymptotic
    "asym_outliers": ([1.00, 1.02, 0.98, 1.01, 0.99, 1.03, 0.97, 1.015, 0.985, 1.005, 80.0, 500.0],
                      [1.10, 1.12, 1.08, 1.11, 1.09, 1.13, 1.07, 1.115, 1.085, 1.105, 1.095, 1.125]),
    # 5 vs 300, no ties -> exact MWU with a long counting table
    "exact_5x300": (golden(1000, 5, 10.0, 0.0), golden(1, 300, 10.0, 0.0)),
    # 8 vs 200 shifted -> exact, p in the tail
    "exact_8x200": (golden(1000, 8, 10.0, 3.0), golden(1, 200, 10.0, 0.0)),
    # 8 vs 200 far apart -> exact, p ~ 1e-10
    "exact_8x200_far": (golden(1000, 8, 10.0, 8.5), golden(1, 200, 10.0, 0.0)),
    # unequal sizes and spreads (Welch's reason to exist)
    "unequal_spread": (golden(3, 15, 1.0, 10.0), golden(50, 40, 6.0, 8.0)),
    # timings: 30 vs 30, 2% apart, 1 ms resolution (ties)
    "timings_2pct": (golden(1, 30, 0.012, 0.250, 3), golden(31, 30, 0.012, 0.255, 3)),
}

HOLM = {
    "typical": [0.01, 0.04, 0.03, 0.005],
    "ties": [0.02, 0.02, 0.5, 0.02],
    "nan_inside": [0.04, float("nan"), 0.001, 0.2],
    "single": [0.03],
    "ones": [1.0, 1.0, 0.9],
    "capped": [0.3, 0.6, 0.01, 0.45, 0.2],
    "empty_of_tests": [float("nan"), float("nan")],
}

MEDIAN_CI = [
    # (name, data, level)
    ("n5_too_few", [1.0, 2.0, 3.0, 4.0, 5.0], 0.95),
    ("n6", [0.31, 0.29, 0.35, 0.30, 0.33, 0.28], 0.95),
    ("n7_ties", [2.0, 2.0, 3.0, 3.0, 3.0, 4.0, 9.0], 0.95),
    ("n10_level90", [12.1, 11.8, 12.1, 13.0, 11.9, 12.4, 12.1, 14.2, 11.7, 12.0], 0.90),
    ("golden101_99", golden(1, 101, 50.0, 100.0), 0.99),
    ("golden2000", golden(7, 2000, 3.0, 10.0), 0.95),
    ("outliers", [1.0, 1.1, 0.9, 1.05, 0.95, 1.02, 250.0, 0.98, 1000.0], 0.95),
]

RATIO_OS = [
    ("small", golden(1, 12, 0.02, 1.0), golden(40, 10, 0.02, 0.95), 0.95),
    ("large", golden(1, 3000, 0.05, 0.250), golden(5000, 2500, 0.05, 0.245), 0.95),
    ("level80", golden(1, 50, 0.1, 2.0), golden(99, 60, 0.1, 2.1), 0.80),
    ("n5_too_few", [1.0, 1.1, 1.2, 1.3, 1.4], golden(1, 30, 0.1, 1.0), 0.95),
]

NEEDED = [
    # (cv, change, alpha, power)
    (0.01, 0.01, 0.05, 0.8),
    (0.05, 0.01, 0.05, 0.8),
    (0.02, 0.02, 0.05 / 20, 0.8),
    (0.001, 0.01, 0.05, 0.8),
    (0.0, 0.01, 0.05, 0.8),
    (0.03, 0.005, 0.01, 0.9),
]


def mwu_method(a, b):
    if len(a) > 8 and len(b) > 8:
        return "asymptotic"
    if len(np.unique(np.concatenate([a, b]))) != len(a) + len(b):
        return "asymptotic"
    return "exact"


def summary_case(name, x):
    a = np.array(x, dtype=float)
    n = len(a)
    mean = float(np.mean(a))
    sd = float(np.std(a, ddof=1)) if n > 1 else 0.0
    mad = float(stats.median_abs_deviation(a))
    mad_normal = float(stats.median_abs_deviation(a, scale="normal"))
    med = float(np.median(a))
    if mad > 0:
        outliers = int(np.sum(np.abs(a - med) / mad_normal > OUTLIER_Z))
    else:
        outliers = int(np.sum(a != med))
    if n > 1 and sd == 0:
        # scipy refuses scale=0 (nan); the interval of constant data is the point.
        mean_lo = mean_hi = mean
    elif n > 1:
        mean_lo, mean_hi = stats.t.interval(LEVEL, n - 1, loc=mean, scale=stats.sem(a))
    else:
        mean_lo = mean_hi = float("nan")
    if hs_too_small(n, LEVEL):
        med_lo = med_hi = float("nan")
    else:
        med_lo, med_hi = mstats.median_cihs(a, alpha=1 - LEVEL)
    emit_case("summary", name, [("x", x)], [], [
        ("n", n), ("mean", mean), ("median", med), ("stdev", sd),
        ("min", np.min(a)), ("max", np.max(a)),
        ("q1", np.quantile(a, 0.25)), ("q3", np.quantile(a, 0.75)),
        ("p05", np.quantile(a, 0.05)), ("p95", np.quantile(a, 0.95)),
        ("mad", mad), ("cv", sd / mean if mean != 0 else 0.0),
        ("outliers", outliers),
        ("mean_lo", mean_lo), ("mean_hi", mean_hi),
        ("median_lo", med_lo), ("median_hi", med_hi),
    ])


def pair_cases(name, a, b):
    a = np.array(a, dtype=float)
    b = np.array(b, dtype=float)
    res = stats.mannwhitneyu(a, b)
    print("# %s: scipy chose the %s method" % (name, mwu_method(a, b)))
    emit_case("mwu", name, [("a", a), ("b", b)], [], [("u", res.statistic), ("p", res.pvalue)])

    if len(a) < 2 or len(b) < 2:
        emit_case("welch", name, [("a", a), ("b", b)], [], [("error", 1)])
    else:
        t = stats.ttest_ind(a, b, equal_var=False)
        va, vb = np.var(a, ddof=1) / len(a), np.var(b, ddof=1) / len(b)
        if va + vb == 0:
            df = len(a) + len(b) - 2
        else:
            df = (va + vb) ** 2 / (va ** 2 / (len(a) - 1) + vb ** 2 / (len(b) - 1))
        stat, p = t.statistic, t.pvalue
        if math.isnan(p) and va + vb == 0 and np.mean(a) == np.mean(b):
            # scipy: 0 / 0 = nan; stats.h documents t = 0, p = 1 here.
            print("# %s: scipy gives nan for identical constant samples" % name)
            stat, p = 0.0, 1.0
        emit_case("welch", name, [("a", a), ("b", b)], [],
                  [("t", stat), ("df", df), ("p", p)])

    # Hodges-Lehmann: brute force over every pair.
    shift = float(np.median(np.subtract.outer(b, a).ravel()))
    emit_case("hl", name, [("a", a), ("b", b)], [], [("shift", shift)])


def holm_reference(p):
    """Holm's step-down adjustment, written independently of the C code."""
    p = np.asarray(p, dtype=float)
    out = np.full(len(p), np.nan)
    idx = [i for i in np.argsort(p, kind="stable") if not np.isnan(p[i])]
    m = len(idx)
    running = 0.0
    for rank, i in enumerate(idx):
        running = max(running, min(1.0, (m - rank) * p[i]))
        out[i] = running
    return out


def ratio_os_reference(base, variant, level):
    z = stats.norm.ppf((1 + level) / 2)
    ses = []
    for x in (base, variant):
        lo, hi = mstats.median_cihs(np.array(x, dtype=float), alpha=1 - level)
        ses.append((math.log(hi) - math.log(lo)) / (2 * z))
    r = float(np.median(variant)) / float(np.median(base))
    half = z * math.hypot(ses[0], ses[1])
    return r, r * math.exp(-half), r * math.exp(half)


def main():
    print("# numpy %s, scipy %s, python %s" % (np.__version__, scipy.__version__,
                                                 sys.version.split()[0]))
    for name, x in SUMMARY.items():
        summary_case(name, x)
    for name, x in (("even", [4.0, 1.0, 3.0, 2.0]), ("odd", [9.0, -1.0, 3.5]),
                    ("golden1000", golden(1, 1000, 1.0, 0.0))):
        emit_case("median", name, [("x", x)], [], [("median", np.median(x))])
    for name, (a, b) in PAIRS.items():
        pair_cases(name, a, b)
    for name, p in HOLM.items():
        emit_case("holm", name, [("x", p)], [], [("adjusted", holm_reference(p))])
    for name, x, level in MEDIAN_CI:
        if hs_too_small(len(x), level):
            wants = [("error", 1)]
        else:
            lo, hi = mstats.median_cihs(np.array(x, dtype=float), alpha=1 - level)
            wants = [("estimate", np.median(x)), ("lo", lo), ("hi", hi)]
        emit_case("median_ci", name, [("x", x)], [("level", level)], wants)
    for name, base, variant, level in RATIO_OS:
        if hs_too_small(len(base), level) or hs_too_small(len(variant), level):
            wants = [("error", 1)]
        else:
            est, lo, hi = ratio_os_reference(base, variant, level)
            wants = [("estimate", est), ("lo", lo), ("hi", hi)]
        emit_case("ratio_os", name, [("a", base), ("b", variant)], [("level", level)], wants)
    for i, (cv, change, alpha, power) in enumerate(NEEDED):
        z = stats.norm.ppf(1 - alpha / 2) + stats.norm.ppf(power)
        n = max(2, math.ceil(math.pi / 3 * 2 * z * z * (cv / change) ** 2))
        emit_case("needed", "case%d" % i, [],
                  [("cv", cv), ("change", change), ("alpha", alpha), ("power", power)],
                  [("n", n)])


if __name__ == "__main__":
    main()
