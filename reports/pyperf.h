#ifndef VARBENCH_PYPERF_H
#define VARBENCH_PYPERF_H

/*
 * pyperf interop: write a campaign's samples as pyperf JSON (format
 * version "1.0"), so `python -m pyperf compare_to release.json pgo.json`
 * works on them, and load pyperf JSON files as a campaign, so results
 * taken with pyperf or pyperformance can be compared, charted and
 * reported like any other.
 *
 * The mapping (reports/README.md has the details):
 *  - one file per variant; one pyperf benchmark per workload;
 *  - one pyperf run per varbench sample (each sample is one process, as
 *    each pyperf run is): a measured sample is a run with one value, a
 *    warm-up sample a run with one warmup [1, value] and no values;
 *  - loops = 1, so a value is the sample's whole time; samples that
 *    failed or printed the wrong output are left out (pyperf has no place
 *    for them);
 *  - varbench's own facts travel in metadata keys prefixed "varbench_"
 *    (campaign, variant, sequence number, workload digest, arguments,
 *    checksum), which is how an import restores them.
 *
 * An import makes one campaign with one variant per file (named by its
 * varbench_variant metadata, or by the file name).  There is no build: the
 * build row's key is derived from the file's sha256 and its prefix is
 * empty, and the campaign's command says so.  Every value is stored
 * exactly as the event "pyperf:value" (seconds per loop) and, rounded to
 * the nanosecond, as the sample's wall time.
 */

#include <stdint.h>
#include <stdio.h>

#include "store.h"
#include "util.h"

#define PYPERF_VALUE_EVENT "pyperf:value"

/*
 * Write variant's samples of a campaign to path as pyperf JSON.  metric:
 * wall, user, sys (unit second), maxrss (byte) or an event (integer;
 * task-clock and cpu-clock in seconds).  *runs gets the number of runs
 * written.  -1 with a message when the variant or metric is unknown or
 * nothing can be written.
 */
int pyperf_export(struct store *s, int64_t campaign, const char *variant, const char *metric, const char *path,
		  size_t *runs);

/*
 * Load pyperf JSON files as one new campaign; names (may be NULL or
 * shorter than files) overrides variant names.  Prints one line per file
 * on out.  The files are checked against pyperf's format first; nothing
 * is stored unless every one is valid.
 */
int pyperf_import(struct store *s, const struct strv *files, const struct strv *names, int64_t *campaign,
		  FILE *out);

/* The checks pyperf_import() makes before storing anything, without a store. */
int pyperf_validate(const struct strv *files, const struct strv *names);

#endif
