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
#include <sys/mman.h>
#include <sys/personality.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <time.h>
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

void runner_pin_self(int cpu)
{
	cpu_set_t set;

	CPU_ZERO(&set);
	CPU_SET(cpu, &set);
	sched_setaffinity(0, sizeof(set), &set);
}

struct child_args {
	char *const *argv, *const *envp;
	const struct runner_opts *o;
	int in, out, err;
	pid_t parent;
	/* Set by the parent once the child is on its CPU; read by the child. */
	int go;
	/* CLOCK_MONOTONIC when the child, let go, calls execve: a sample's start. */
	int64_t started;
	/* Why the child could not start: it shares our memory until execve. */
	char failure[512];
};

/* Only async-signal-safe calls from here on: the child shares our memory. */
static int child_fail(struct child_args *a, const char *what, const char *arg, int err)
{
	snprintf(a->failure, sizeof(a->failure), "%s%s: %s", what, arg, strerror(err));
	return 127;
}

/*
 * Runs in a clone that shares our address space until execve (as vfork
 * does, so starting a sample costs no page-table copy), but we are not
 * suspended: we move it to the measured CPU while it waits for the go
 * flag.  It spins on the flag rather than sleeping on a
 * pipe: a vCPU that went idle in between would have to be woken by an
 * interrupt, about 30 µs in a VM.  Usually the flag is set before the child
 * first runs.
 */
static int child(void *arg)
{
	struct child_args *a = arg;
	unsigned spins = 0;

	/* The workload must not outlive a killed harness, nor keep spinning. */
	prctl(PR_SET_PDEATHSIG, SIGKILL);
	if (getppid() != a->parent)
		_exit(127);
	setpgid(0, 0);
	if (a->o->no_aslr && personality(ADDR_NO_RANDOMIZE) < 0)
		_exit(child_fail(a, "cannot disable ASLR", "", errno));
	dup2(a->in, 0);
	dup2(a->out, 1);
	dup2(a->err, 2);
	while (!__atomic_load_n(&a->go, __ATOMIC_ACQUIRE)) {
		/* On a one-CPU machine the parent needs our CPU to set the flag. */
		if (++spins % 1024 == 0)
			sched_yield();
		else
			__builtin_ia32_pause();
	}
	/*
	 * The clock starts here, not when the parent let us go: waking the
	 * measured CPU from idle (about 0.1 ms in a VM) and the parent going to
	 * sleep are not the workload's time.  clock_gettime is async-signal-safe.
	 */
	a->started = now_ns();
	execve(a->argv[0], a->argv, a->envp);
	_exit(child_fail(a, "cannot run ", a->argv[0], errno));
}

/*
 * stdout and stderr go to memory files, reused from sample to sample: a
 * workload that writes never wakes the harness (as a pipe would, with an
 * interrupt on another CPU in the middle of the measured time), and a
 * sample costs no pipe creation.  The price is that the output is held in
 * memory until the sample ends; workloads print a checksum, not a log.
 */
static int out_fd = -1, err_fd = -1, null_fd = -1;

static int output_files(void)
{
	if (out_fd < 0)
		out_fd = memfd_create("varbench-stdout", MFD_CLOEXEC);
	if (err_fd < 0)
		err_fd = memfd_create("varbench-stderr", MFD_CLOEXEC);
	if (null_fd < 0)
		null_fd = open("/dev/null", O_RDONLY | O_CLOEXEC);
	if (out_fd < 0 || err_fd < 0 || null_fd < 0)
		return error_set("cannot create the files that hold a sample's output: %s", strerror(errno));
	return 0;
}

/* Empty a memory file for the next sample. */
static void output_reset(int fd, off_t size)
{
	if (size > 0) {
		if (ftruncate(fd, 0) < 0 || lseek(fd, 0, SEEK_SET) < 0)
			error_set("cannot empty a sample's output file: %s", strerror(errno));
	}
}

static off_t output_size(int fd)
{
	struct stat st;

	return fstat(fd, &st) == 0 ? st.st_size : 0;
}

static void output_digest(int fd, off_t size, char digest[SHA256_HEX_SIZE])
{
	struct sha256 h;
	char buf[65536];
	off_t at = 0;

	sha256_init(&h);
	while (at < size) {
		ssize_t got = pread(fd, buf, sizeof(buf), at);

		if (got <= 0)
			break;
		sha256_update(&h, buf, (size_t)got);
		at += got;
	}
	sha256_final_hex(&h, digest);
}

static void output_tail(int fd, off_t size, char *tail, size_t tail_size)
{
	off_t from = size > (off_t)tail_size - 1 ? size - ((off_t)tail_size - 1) : 0;
	ssize_t got = size > 0 ? pread(fd, tail, (size_t)(size - from), from) : 0;

	tail[got > 0 ? got : 0] = '\0';
}

static int sample_under_valgrind(char *const argv[], char *const envp[], const struct runner_opts *o,
				 struct sample_result *r);

int runner_sample(char *const argv[], char *const envp[], const struct runner_opts *o,
		  struct sample_result *r)
{
	static char child_stack[64 * 1024] __attribute__((aligned(16)));
	struct child_args a;
	struct counter_totals before, after;
	int pidfd = -1, status = 0, timed_out = 0;
	struct rusage ru;
	int64_t start, end;
	off_t out_size, err_size;
	pid_t pid;

	memset(r, 0, sizeof(*r));
	if (o->valgrind)
		return sample_under_valgrind(argv, envp, o, r);
	if (output_files() < 0)
		return -1;
	/* a must outlive the child's use of it: it lives until this function returns. */
	a = (struct child_args){ .argv = argv, .envp = envp, .o = o, .in = null_fd, .out = out_fd, .err = err_fd,
				 .parent = getpid() };
	/* The child inherits our counters: what it counts is what they gain from here. */
	counters_totals(o->counters, &before);
	pid = clone(child, child_stack + sizeof(child_stack), CLONE_VM | CLONE_PIDFD | SIGCHLD, &a, &pidfd);
	if (pid < 0)
		return error_set("cannot start a process: %s", strerror(errno));
	/* Set from both sides so kill(-pid) can never miss the group. */
	setpgid(pid, pid);

	/*
	 * Move it to the measured CPU ourselves, so it starts there at once
	 * instead of waiting for us to sleep.
	 */
	if (o->cpu >= 0) {
		cpu_set_t set;

		CPU_ZERO(&set);
		CPU_SET(o->cpu, &set);
		if (sched_setaffinity(pid, sizeof(set), &set) < 0) {
			int err = errno;

			kill(pid, SIGKILL);
			waitpid(pid, NULL, 0);
			close(pidfd);
			return error_set("cannot pin the workload to CPU %d: %s", o->cpu, strerror(err));
		}
	}
	start = now_ns();
	__atomic_store_n(&a.go, 1, __ATOMIC_RELEASE);

	for (;;) {
		struct pollfd pfd = { pidfd, POLLIN, 0 };
		int wait_ms = 200, n;

		if (o->timeout > 0) {
			double left = o->timeout - (now_ns() - start) / 1e9;

			if (left <= 0) {
				timed_out = 1;
				kill(-pid, SIGKILL);
				break;
			}
			if (left * 1000 + 1 < wait_ms)
				wait_ms = (int)(left * 1000) + 1;
		}
		/* Ctrl-C: stop this sample now rather than after it finishes. */
		if (proc_interrupted) {
			kill(-pid, SIGKILL);
			break;
		}
		n = poll(&pfd, 1, wait_ms);
		if (n > 0)
			break;
		if (n < 0 && errno != EINTR) {
			kill(-pid, SIGKILL);
			break;
		}
	}
	while (wait4(pid, &status, 0, &ru) < 0) {
		if (errno != EINTR) {
			close(pidfd);
			return error_set("waiting for the workload: %s", strerror(errno));
		}
	}
	end = now_ns();
	close(pidfd);
	/* Anything the workload left running in its group goes with it. */
	kill(-pid, SIGKILL);
	/* Its counts (and its children's) were added to ours when it exited. */
	counters_totals(o->counters, &after);
	counters_difference(o->counters, &before, &after, r->counters);

	out_size = output_size(out_fd);
	err_size = output_size(err_fd);
	output_digest(out_fd, out_size, r->stdout_digest);
	output_tail(err_fd, err_size, r->stderr_tail, sizeof(r->stderr_tail));
	output_reset(out_fd, out_size);
	output_reset(err_fd, err_size);
	if (a.failure[0])
		return error_set("%s", a.failure);
	if (proc_interrupted)
		return error_set("interrupted (%s)", strsignal(proc_interrupted));
	/* The child's clock, unless it never got that far (killed first). */
	r->wall_ns = end - (a.started ? a.started : start);
	r->taken_at = (int64_t)time(NULL);
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
