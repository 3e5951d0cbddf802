#ifndef VARBENCH_ERROR_H
#define VARBENCH_ERROR_H

/*
 * One pending error message per process.
 *
 * Library functions report failure by returning a negative value after
 * calling error_set(), which records a one-line message (no "varbench:"
 * prefix, no trailing newline).  Callers that add context use
 * error_prefix().  Only the command layer prints the message, so a failure
 * deep in a module produces exactly one line for the user.
 */

/* Record a message; always returns -1 so callers can `return error_set(...)`. */
int error_set(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* Prepend "context: " to the pending message; returns -1. */
int error_prefix(const char *fmt, ...) __attribute__((format(printf, 1, 2)));

/* The pending message, or "unknown error" if none was set. */
const char *error_message(void);

/* Forget the pending message. */
void error_clear(void);

/* Print "varbench: <message>" to stderr and return the exit status 1. */
int error_report(void);

#endif
