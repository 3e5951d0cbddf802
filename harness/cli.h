#ifndef VARBENCH_CLI_H
#define VARBENCH_CLI_H

/*
 * Helpers shared by the cmd_*.c files: option values, defaults for the
 * data directories, and the one-line errors for bad options.
 */

#include <getopt.h>
#include <stdint.h>

#include "campaign.h"

/* Each subcommand: returns the process exit status. */
int cmd_build(int argc, char **argv);
int cmd_run(int argc, char **argv);
int cmd_compare(int argc, char **argv);
int cmd_report(int argc, char **argv);
int cmd_campaign(int argc, char **argv);
int cmd_variants(int argc, char **argv);
int cmd_workloads(int argc, char **argv);
int cmd_doctor(int argc, char **argv);
int cmd_events(int argc, char **argv);
int cmd_builds(int argc, char **argv);
int cmd_gc(int argc, char **argv);
int cmd_export(int argc, char **argv);
int cmd_import(int argc, char **argv);

/* `run`'s measuring options (NULL-terminated), for commands that measure too. */
extern const struct option cmd_run_options[];
/* { "help", no_argument, NULL, 'h' } and the terminator. */
extern const struct option cli_help_option[];
/* a then b (both NULL-terminated) in one malloc'ed getopt_long table. */
struct option *cli_options_join(const struct option *a, const struct option *b);

/* The measuring options `run` and `campaign` share: 1 if taken, 0 if not one of them, -1 if bad. */
int cmd_run_option(int opt, const char *arg, struct campaign_opts *o);

struct compare_opts;
/* The options `compare` and `report` share, with the same return values. */
int cmd_compare_option(int opt, const char *arg, struct compare_opts *o, const char **db);

/* Write the charts and compare.txt of a comparison into dir (report and campaign). */
int report_write(struct store *s, const struct compare_opts *o, const char *dir, int fmt);

/* Where variants/ and workloads/ live unless --variants/--manifest say otherwise. */
const char *cli_datadir(void);
char *cli_default_variants_dir(void);
char *cli_default_manifest(void);

/* Parse numbers; -1 with "--opt: 'x' is not ..." messages. */
int cli_int(const char *opt, const char *arg, long min, long max, int *out);
int cli_uint64(const char *opt, const char *arg, uint64_t *out);
int cli_double(const char *opt, const char *arg, double min, double max, double *out);
/* "10", "10s", "5m", "1h" -> seconds. */
int cli_duration(const char *opt, const char *arg, double *out);
/* "quick" and "default" are names; anything else is a literal PROFILE_TASK. */
const char *cli_profile_task(const char *arg);

/* "gcc,clang-19" -> one spec per entry. */
int cli_compilers(const char *arg, struct strv *out);

/* Unknown option or missing argument: one line naming the command's --help; returns 2. */
int cli_usage_error(const char *cmd, int opt, const char *arg);

/* Defaults every measuring command starts from (samples, cpu, cache, ...). */
void cli_campaign_defaults(struct campaign_opts *o);

/* argv joined back into one line for the campaign record. */
char *cli_command_line(int argc, char **argv);

#endif
