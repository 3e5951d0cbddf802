#ifndef VARBENCH_PROC_H
#define VARBENCH_PROC_H

/*
 * The one way varbench runs helper programs (configure, make, compilers,
 * tar): an argv array, never a shell string; output to a log file; a
 * timeout; the child in its own process group so a timeout or Ctrl-C
 * stops the whole tree (make and everything it started).
 *
 * Measured executions do not go through here: the runner has its own
 * fork/exec path because it pins, counts and captures.
 */

#include "util.h"

struct proc_opts {
	const char *cwd;	/* NULL: stay in the current directory */
	char *const *env;	/* NULL: inherit; else the complete environment */
	const char *log_path;	/* stdout and stderr appended here; NULL: inherit */
	double timeout;		/* seconds; 0 means no limit */
	/* Called about once a second while the child runs (progress lines). */
	void (*tick)(void *arg, double elapsed);
	void *tick_arg;
};

/*
 * Run argv (argv[0] looked up in PATH) and wait for it.  Returns 0 when it
 * exited with status 0; otherwise -1 with a message naming the program and
 * how it ended (exit status, signal, timeout, or interrupted by the user).
 */
int proc_run(char *const argv[], const struct proc_opts *opts);

/*
 * Run argv and collect its stdout (at most 64 KiB, stderr discarded).
 * Returns 0 on exit status 0 with *out owned by the caller.
 */
int proc_capture(char *const argv[], char *const *env, char **out);

/* Set once SIGINT/SIGTERM/SIGHUP arrived; long loops check it to stop cleanly. */
extern volatile int proc_interrupted;

/* Install the handlers that forward those signals to the running child's group. */
void proc_install_signal_handlers(void);

#endif
