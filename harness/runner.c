#include "runner.h"
#include "error.h"
#include "proc.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <sched.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/personality.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

const char *sample_status_name(enum sample_status s)
{
	switch (s) {
	case SAMPLE_OK: return "ok";
	case SAMPLE_WRONG_OUTPUT: return "wrong-output";
	case SAMPLE_FAILED: return "failed";
	case SAMPLE_CRASHED: return "crashed";
	case SAMPLE_TIMEOUT: return "timeout";
	}
	return "unknown";
}

void runner_environment(const struct variant *v, struct strv *env)
{
	/* Nothing else leaks in: PYTHONPATH, PYTHONSTARTUP and friends stay out. */
	static const char *const keep[] = { "HOME", "TMPDIR", "USER", NULL };

	strv_push(env, "PATH=/usr/local/bin:/usr/bin:/bin");
	for (const char *const *k = keep; *k; k++) {
		const char *value = getenv(*k);

		if (value)
			strv_setenv(env, *k, value);
	}
	strv_push(env, "LANG=C.UTF-8");
	strv_push(env, "LC_ALL=C.UTF-8");
	strv_push(env, "PYTHONHASHSEED=" RUNNER_HASHSEED);
	strv_push(env, "PYTHONNOUSERSITE=1");
	/* Keep the build's install prefix exactly as installed. */
	strv_push(env, "PYTHONDONTWRITEBYTECODE=1");
	for (size_t i = 0; v && i < v->runtime_env.n; i++) {
		char *name = xstrdup(v->runtime_env.v[i]);
		char *eq = strchr(name, '=');

		*eq = '\0';
		strv_setenv(env, name, eq + 1);
		free(name);
	}
}

int runner_default_cpu(void)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);

	return n > 0 ? (int)n - 1 : 0;
}

void runner_pin_self_away(int measured_cpu)
{
	long n = sysconf(_SC_NPROCESSORS_ONLN);
	cpu_set_t set;

	if (n < 2)
		return;
	CPU_ZERO(&set);
	for (long i = 0; i < n; i++)
		if (i != measured_cpu)
			CPU_SET(i, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

struct child_args {
	char *const *argv, *const *envp;
	const struct runner_opts *o;
	int go, out, err, report;
};

/* Report why the child could not start; only write(), it shares our memory. */
static int child_fail(int report, const char *what, const char *arg, int err)
{
	char msg[512];

	snprintf(msg, sizeof(msg), "%s%s: %s", what, arg, strerror(err));
	if (write(report, msg, strlen(msg)) < 0)
		return 127;
	return 127;
}

/*
 * Runs in a clone that shares our address space until execve (as vfork
 * does, so starting a sample costs no page-table copy), but we are not
 * suspended: we attach the counters while it waits on the go pipe.
 */
static int child(void *arg)
{
	const struct child_args *a = arg;
	int null = open("/dev/null", O_RDONLY | O_CLOEXEC);
	char byte;
	cpu_set_t set;

	setpgid(0, 0);
	if (a->o->cpu >= 0) {
		CPU_ZERO(&set);
		CPU_SET(a->o->cpu, &set);
		if (sched_setaffinity(0, sizeof(set), &set) < 0)
			_exit(child_fail(a->report, "cannot pin to the measured CPU", "", errno));
	}
	if (a->o->no_aslr && personality(ADDR_NO_RANDOMIZE) < 0)
		_exit(child_fail(a->report, "cannot disable ASLR", "", errno));
	dup2(null, 0);
	dup2(a->out, 1);
	dup2(a->err, 2);
	while (read(a->go, &byte, 1) < 0 && errno == EINTR)
		;
	execve(a->argv[0], a->argv, a->envp);
	_exit(child_fail(a->report, "cannot run ", a->argv[0], errno));
}

static void keep_tail(char *tail, size_t size, size_t *len, const char *data, size_t n)
{
	if (n >= size - 1) {
		memcpy(tail, data + n - (size - 1), size - 1);
		*len = size - 1;
	} else {
		if (*len + n > size - 1) {
			size_t drop = *len + n - (size - 1);

			memmove(tail, tail + drop, *len - drop);
			*len -= drop;
		}
		memcpy(tail + *len, data, n);
		*len += n;
	}
	tail[*len] = '\0';
}

static int sample_under_valgrind(char *const argv[], char *const envp[], const struct runner_opts *o,
				 struct sample_result *r);

int runner_sample(char *const argv[], char *const envp[], const struct runner_opts *o,
		  struct sample_result *r)
{
	static char child_stack[64 * 1024] __attribute__((aligned(16)));
	int go[2], out[2], err[2], report[2], fds[COUNTERS_MAX];
	struct child_args a;
	struct sha256 h;
	struct rusage ru;
	size_t tail_len = 0;
	int status = 0, timed_out = 0, open_fds = 2;
	int64_t start, end;
	char buf[65536];
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (o->valgrind)
		return sample_under_valgrind(argv, envp, o, r);
	if (pipe2(go, O_CLOEXEC) < 0 || pipe2(out, O_CLOEXEC) < 0 || pipe2(err, O_CLOEXEC) < 0 ||
	    pipe2(report, O_CLOEXEC) < 0)
		return error_set("cannot create pipes: %s", strerror(errno));
	/* a must outlive the child's use of it: it lives until this function returns. */
	a = (struct child_args){ argv, envp, o, go[0], out[1], err[1], report[1] };
	pid = clone(child, child_stack + sizeof(child_stack), CLONE_VM | SIGCHLD, &a);
	if (pid < 0)
		return error_set("cannot start a process: %s", strerror(errno));
	/* Set from both sides so kill(-pid) can never miss the group. */
	setpgid(pid, pid);
	close(go[0]);
	close(out[1]);
	close(err[1]);
	close(report[1]);

	if (counters_open(o->counters, pid, fds) < 0) {
		kill(pid, SIGKILL);
		waitpid(pid, NULL, 0);
		close(go[1]);
		close(out[0]);
		close(err[0]);
		close(report[0]);
		return -1;
	}
	sha256_init(&h);
	start = now_ns();
	if (write(go[1], "x", 1) != 1) {
		kill(pid, SIGKILL);
	}
	close(go[1]);

	{
		struct pollfd pfd[2] = { { out[0], POLLIN, 0 }, { err[0], POLLIN, 0 } };

		while (open_fds) {
			int wait_ms = -1, n;

			if (o->timeout > 0) {
				double left = o->timeout - (now_ns() - start) / 1e9;

				if (left <= 0) {
					timed_out = 1;
					kill(-pid, SIGKILL);
					break;
				}
				wait_ms = (int)(left * 1000) + 1;
			}
			/* Ctrl-C: stop this sample now rather than after it finishes. */
			if (proc_interrupted) {
				kill(-pid, SIGKILL);
				break;
			}
			n = poll(pfd, 2, wait_ms > 200 || wait_ms < 0 ? 200 : wait_ms);
			if (n < 0 && errno == EINTR)
				continue;
			for (int i = 0; i < 2; i++) {
				ssize_t got;

				if (pfd[i].fd < 0 || !(pfd[i].revents & (POLLIN | POLLHUP | POLLERR)))
					continue;
				got = read(pfd[i].fd, buf, sizeof(buf));
				if (got <= 0) {
					close(pfd[i].fd);
					pfd[i].fd = -1;
					open_fds--;
				} else if (i == 0) {
					sha256_update(&h, buf, (size_t)got);
				} else {
					keep_tail(r->stderr_tail, sizeof(r->stderr_tail), &tail_len, buf, (size_t)got);
				}
			}
		}
		for (int i = 0; i < 2; i++)
			if (pfd[i].fd >= 0)
				close(pfd[i].fd);
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			close(report[0]);
			counters_read_close(o->counters, fds, r->counters);
			return error_set("waiting for the workload: %s", strerror(errno));
		}
		/* The timeout also covers a child that closed its output but kept running. */
		if (o->timeout > 0 && (now_ns() - start) / 1e9 > o->timeout) {
			timed_out = 1;
			kill(-pid, SIGKILL);
		}
	}
	end = now_ns();
	/* Anything the workload left running in its group goes with it. */
	kill(-pid, SIGKILL);
	counters_read_close(o->counters, fds, r->counters);

	{
		char msg[512];
		ssize_t n = read(report[0], msg, sizeof(msg) - 1);

		close(report[0]);
		if (n > 0) {
			msg[n] = '\0';
			return error_set("%s", msg);
		}
	}
	if (proc_interrupted)
		return error_set("interrupted (%s)", strsignal(proc_interrupted));
	sha256_final_hex(&h, r->stdout_digest);
	r->wall_ns = end - start;
	r->user_ns = (int64_t)ru.ru_utime.tv_sec * 1000000000 + ru.ru_utime.tv_usec * 1000;
	r->sys_ns = (int64_t)ru.ru_stime.tv_sec * 1000000000 + ru.ru_stime.tv_usec * 1000;
	r->maxrss_kb = ru.ru_maxrss;
	if (timed_out) {
		r->status = SAMPLE_TIMEOUT;
	} else if (WIFSIGNALED(status)) {
		r->status = SAMPLE_CRASHED;
		r->signal = WTERMSIG(status);
	} else if (WEXITSTATUS(status) != 0) {
		r->status = SAMPLE_FAILED;
		r->exit_code = WEXITSTATUS(status);
	} else {
		r->status = SAMPLE_OK;
	}
	return 0;
}

/* cachegrind's summary line: "==123== I   refs:      1,234,567". */
static int parse_ir(const char *log, uint64_t *ir)
{
	const char *p = strstr(log, "I   refs:");
	uint64_t v = 0;
	int digits = 0;

	if (!p)
		return -1;
	for (p += 9; *p && *p != '\n'; p++) {
		if (*p >= '0' && *p <= '9') {
			v = v * 10 + (uint64_t)(*p - '0');
			digits++;
		}
	}
	*ir = v;
	return digits ? 0 : -1;
}

static int sample_under_valgrind(char *const argv[], char *const envp[], const struct runner_opts *o,
				 struct sample_result *r)
{
	char logpath[] = "/tmp/varbench-valgrind-XXXXXX";
	struct runner_opts native = *o;
	struct strv wrapped = STRV_INIT;
	char *log = NULL;
	int fd, ret;

	fd = mkstemp(logpath);
	if (fd < 0)
		return error_set("cannot create a temporary file for valgrind: %s", strerror(errno));
	close(fd);
	strv_push(&wrapped, o->valgrind);
	/* Instruction counting only: the cache simulation would cost more and is not wanted. */
	strv_push(&wrapped, "--tool=cachegrind");
	strv_push(&wrapped, "--cache-sim=no");
	/* Interpreters started through wrapper scripts are counted too. */
	strv_push(&wrapped, "--trace-children=yes");
	strv_push(&wrapped, "--cachegrind-out-file=/dev/null");
	strv_pushf(&wrapped, "--log-file=%s", logpath);
	for (size_t i = 0; argv[i]; i++)
		strv_push(&wrapped, argv[i]);
	native.valgrind = NULL;
	ret = runner_sample(wrapped.v, envp, &native, r);
	if (ret == 0 && r->status == SAMPLE_OK) {
		if (read_file(logpath, &log, NULL) < 0 || parse_ir(log, &r->valgrind_ir) < 0) {
			r->status = SAMPLE_FAILED;
			snprintf(r->stderr_tail, sizeof(r->stderr_tail), "no instruction count in valgrind's log%s%.900s",
				 log ? ": " : "", log ? log : "");
		}
	}
	free(log);
	unlink(logpath);
	strv_release(&wrapped);
	return ret;
}
