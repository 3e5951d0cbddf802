#include "proc.h"
#include "error.h"

#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

extern char **environ;

volatile int proc_interrupted;
static volatile pid_t running_group;

static void forward_signal(int sig)
{
	proc_interrupted = sig;
	if (running_group > 0)
		kill(-running_group, sig);
}

void proc_install_signal_handlers(void)
{
	struct sigaction sa;

	memset(&sa, 0, sizeof(sa));
	sa.sa_handler = forward_signal;
	sigemptyset(&sa.sa_mask);
	sigaction(SIGINT, &sa, NULL);
	sigaction(SIGTERM, &sa, NULL);
	sigaction(SIGHUP, &sa, NULL);
}

static void child_exec(char *const argv[], char *const *env, const char *cwd, int out_fd, int err_fd)
{
	int null = open("/dev/null", O_RDONLY);

	setpgid(0, 0);
	if (null >= 0)
		dup2(null, 0);
	if (out_fd >= 0)
		dup2(out_fd, 1);
	if (err_fd >= 0)
		dup2(err_fd, 2);
	if (cwd && chdir(cwd) < 0) {
		dprintf(2, "varbench: cannot enter '%s': %s\n", cwd, strerror(errno));
		_exit(127);
	}
	execvpe(argv[0], argv, env ? env : environ);
	dprintf(2, "varbench: cannot run '%s': %s\n", argv[0], strerror(errno));
	_exit(127);
}

static int describe_status(const char *name, int status)
{
	if (WIFEXITED(status)) {
		if (WEXITSTATUS(status) == 0)
			return 0;
		if (WEXITSTATUS(status) == 127)
			return error_set("%s: could not be started or not found (exit status 127)", name);
		return error_set("%s exited with status %d", name, WEXITSTATUS(status));
	}
	if (WIFSIGNALED(status))
		return error_set("%s was killed by signal %s", name, strsignal(WTERMSIG(status)));
	return error_set("%s ended abnormally", name);
}

int proc_run(char *const argv[], const struct proc_opts *o)
{
	int log_fd = -1, status = 0, timed_out = 0;
	int64_t start = now_ns(), last_tick = start;
	pid_t pid;

	if (o->log_path) {
		log_fd = open(o->log_path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644);
		if (log_fd < 0)
			return error_set("cannot open log '%s': %s", o->log_path, strerror(errno));
	}
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		if (log_fd >= 0)
			close(log_fd);
		return error_set("cannot fork: %s", strerror(errno));
	}
	if (pid == 0)
		child_exec(argv, o->env, o->cwd, log_fd, log_fd);
	/* Set it from both sides so no signal can slip between fork and exec. */
	setpgid(pid, pid);
	running_group = pid;
	if (log_fd >= 0)
		close(log_fd);

	for (;;) {
		pid_t r = waitpid(pid, &status, WNOHANG);
		int64_t now;

		if (r == pid)
			break;
		if (r < 0 && errno != EINTR) {
			running_group = 0;
			return error_set("waiting for %s: %s", argv[0], strerror(errno));
		}
		now = now_ns();
		if (o->timeout > 0 && !timed_out && (now - start) / 1e9 > o->timeout) {
			timed_out = 1;
			kill(-pid, SIGKILL);
		}
		if (o->tick && now - last_tick >= 1000000000) {
			o->tick(o->tick_arg, (now - start) / 1e9);
			last_tick = now;
		}
		poll(NULL, 0, 100);
	}
	running_group = 0;
	/* Leftover grandchildren (make's jobs) must not outlive a failed step. */
	kill(-pid, SIGKILL);
	if (timed_out)
		return error_set("%s timed out after %.0f s and was killed", argv[0], o->timeout);
	if (proc_interrupted)
		return error_set("%s was interrupted (%s)", argv[0], strsignal(proc_interrupted));
	return describe_status(argv[0], status);
}

int proc_capture(char *const argv[], char *const *env, char **out)
{
	size_t cap = 65536, len = 0;
	char *buf;
	int fds[2], status;
	pid_t pid;

	if (pipe2(fds, O_CLOEXEC) < 0)
		return error_set("cannot create pipe: %s", strerror(errno));
	fflush(NULL);
	pid = fork();
	if (pid < 0) {
		close(fds[0]);
		close(fds[1]);
		return error_set("cannot fork: %s", strerror(errno));
	}
	if (pid == 0) {
		int null = open("/dev/null", O_WRONLY);

		child_exec(argv, env, NULL, fds[1], null);
	}
	close(fds[1]);
	buf = xmalloc(cap + 1);
	for (;;) {
		ssize_t n = read(fds[0], buf + len, cap - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n <= 0)
			break;
		len += (size_t)n;
		if (len == cap) {
			/* Drain the rest so the child never blocks on a full pipe. */
			char sink[4096];

			while (read(fds[0], sink, sizeof(sink)) > 0)
				;
			break;
		}
	}
	close(fds[0]);
	while (waitpid(pid, &status, 0) < 0 && errno == EINTR)
		;
	buf[len] = '\0';
	if (describe_status(argv[0], status) < 0) {
		free(buf);
		return -1;
	}
	*out = buf;
	return 0;
}
