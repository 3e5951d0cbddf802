/*
 * The runner and counters on real processes: exit statuses, a crash, a
 * timeout that must kill a whole process tree, the stdout checksum, CPU
 * pinning, the normalized environment, and software counters.
 */
#include "counters.h"
#include "error.h"
#include "runner.h"
#include "test.h"

#include <signal.h>
#include <stdio.h>
#include <stdlib.h>
#include <sys/wait.h>
#include <unistd.h>

static int run_sh(const char *script, const struct runner_opts *o, struct sample_result *r, char *const *env)
{
	char *argv[] = { "/bin/sh", "-c", (char *)script, NULL };
	char *empty[] = { "PATH=/usr/bin:/bin", NULL };

	return runner_sample(argv, env ? env : empty, o, r);
}

/* Alive and not a zombie waiting for whoever inherited it to reap it. */
static int process_alive(pid_t pid)
{
	char path[64], state = '?';
	FILE *f;

	snprintf(path, sizeof(path), "/proc/%d/stat", (int)pid);
	f = fopen(path, "r");
	if (!f)
		return 0;
	if (fscanf(f, "%*d (%*[^)]) %c", &state) != 1)
		state = '?';
	fclose(f);
	return state != 'Z' && state != 'X';
}

int main(void)
{
	struct counters ctr;
	struct runner_opts o = { .cpu = -1, .timeout = 20 };
	struct sample_result r;
	struct strv env = STRV_INIT;
	struct variant v = { 0 };
	char want[SHA256_HEX_SIZE];
	struct sha256 h;
	int64_t t0;

	/* Encoding: good names, an unknown name, a bad modifier. */
	CHECK(counters_init(&ctr, "task-clock,page-faults,context-switches") == 0);
	CHECK(ctr.n == 3);
	CHECK(ctr.events[0].attr.type == PERF_TYPE_SOFTWARE);
	counters_release(&ctr);
	CHECK(counters_init(&ctr, "no-such-event") < 0);
	CHECK(strstr(error_message(), "no-such-event") != NULL);
	CHECK(counters_init(&ctr, "task-clock:nosuchmodifier") < 0);
	CHECK(counters_init(&ctr, "task-clock,task-clock") < 0);

	/* Hardware events are encoded; whether they open depends on the machine. */
	CHECK(counters_init(&ctr, "task-clock,instructions,page-faults") == 0);
	counters_probe(&ctr);
	CHECK(ctr.events[0].supported);
	CHECK(ctr.events[2].supported);
	if (!ctr.events[1].supported) {
		printf("no PMU here: %s\n", ctr.events[1].reason);
		CHECK(strstr(ctr.events[1].reason, "instructions") != NULL);
	}
	/* Attached once to the test itself; every sample inherits them. */
	CHECK(counters_attach(&ctr) == 0);
	o.counters = &ctr;

	/* A clean run: stdout digest, counters, times. */
	CHECK(run_sh("echo hello; i=0; while [ $i -lt 20000 ]; do i=$((i+1)); done", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_OK);
	sha256_init(&h);
	sha256_update(&h, "hello\n", 6);
	sha256_final_hex(&h, want);
	CHECK_STR(r.stdout_digest, want);
	CHECK(r.wall_ns > 0 && r.user_ns + r.sys_ns > 0 && r.maxrss_kb > 0);
	CHECK(r.counters[0].valid && r.counters[0].raw > 1000000);	/* > 1 ms of task-clock */
	CHECK(r.counters[0].enabled > 0 && r.counters[0].running > 0);
	CHECK(r.counters[2].valid && r.counters[2].raw > 0);	/* page faults */
	CHECK(!r.counters[1].valid || ctr.events[1].supported);
	/* Software events are one group, read at once: they share their enabled time. */
	CHECK(ctr.events[0].group == 0 && ctr.events[2].group == 0);
	if (ctr.group_read)
		CHECK(r.counters[0].enabled == r.counters[2].enabled);
	CHECK(r.counters[0].running == r.counters[0].enabled);	/* software events never multiplex */

	/*
	 * The wall clock starts in the child at its execve and stops when we see
	 * the exit: it spans the program's whole life and nothing of ours before.
	 */
	{
		char *sleep_argv[] = { "/bin/sleep", "0.05", NULL };
		char *empty[] = { NULL };
		int64_t t0 = now_ns(), outer;

		CHECK(runner_sample(sleep_argv, empty, &o, &r) == 0 && r.status == SAMPLE_OK);
		outer = now_ns() - t0;
		CHECK(r.wall_ns >= 50000000 && r.wall_ns < outer);
		printf("sleep 0.05: wall %.3f ms, runner_sample %.3f ms\n", r.wall_ns / 1e6, outer / 1e6);
	}

	/*
	 * Each sample's values are its own: a busy sample, then short ones, all
	 * on the test's own CPU, where the kernel could otherwise swap the
	 * inherited counters between us and the child (they would then stop at
	 * the first child's exit and every later sample would read zero).
	 */
	{
		struct runner_opts same = o;
		char *true_argv[] = { "/bin/true", NULL };
		char *empty[] = { NULL };
		uint64_t busy;

		runner_pin_self(0);
		same.cpu = 0;
		CHECK(run_sh("i=0; while [ $i -lt 50000 ]; do i=$((i+1)); done", &same, &r, NULL) == 0);
		busy = r.counters[0].raw;
		CHECK(busy > 5000000);	/* > 5 ms */
		for (int k = 0; k < 5; k++) {
			CHECK(runner_sample(true_argv, empty, &same, &r) == 0 && r.status == SAMPLE_OK);
			CHECK(r.counters[0].valid && r.counters[0].raw > 0 && r.counters[0].raw < busy / 4);
			CHECK(r.counters[2].valid && r.counters[2].raw > 10);	/* an exec faults pages in */
		}
		runner_pin_self_away(-1);
	}

	/* Exit status, stderr tail. */
	CHECK(run_sh("echo oops >&2; exit 3", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_FAILED && r.exit_code == 3);
	CHECK(strstr(r.stderr_tail, "oops") != NULL);

	/* Output larger than any buffer: the digest covers every byte, the tail is the end. */
	CHECK(run_sh("i=0; while [ $i -lt 3000 ]; do printf '%0999d\\n' $i; i=$((i+1)); done; "
		     "i=0; while [ $i -lt 300 ]; do echo line $i >&2; i=$((i+1)); done", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_OK);
	{
		char line[1001];

		sha256_init(&h);
		for (int i = 0; i < 3000; i++) {
			snprintf(line, sizeof(line), "%0999d\n", i);
			sha256_update(&h, line, 1000);
		}
		sha256_final_hex(&h, want);
		CHECK_STR(r.stdout_digest, want);
		CHECK(strlen(r.stderr_tail) == sizeof(r.stderr_tail) - 1);
		CHECK(strstr(r.stderr_tail, "line 299\n") != NULL);
		CHECK(strstr(r.stderr_tail, "line 0\n") == NULL);
	}
	/* The next sample starts with empty output files. */
	CHECK(run_sh("true", &o, &r, NULL) == 0);
	CHECK_STR(r.stdout_digest, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	CHECK_STR(r.stderr_tail, "");

	/* A crash is recorded with its signal. */
	CHECK(run_sh("kill -SEGV $$", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_CRASHED && r.signal == SIGSEGV);

	/*
	 * A busy process the workload leaves behind is killed with it, and its
	 * counts are this sample's: the next one starts from a clean slate.  On
	 * one CPU with us, the killed loop exits only after we read the counters
	 * (a read sums the live inherited copies too).
	 */
	{
		struct runner_opts same = o;
		char *true_argv[] = { "/bin/true", NULL };
		char *empty[] = { NULL };

		runner_pin_self(0);
		same.cpu = 0;
		CHECK(run_sh("(while :; do :; done) & sleep 0.2; exit 0", &same, &r, NULL) == 0);
		CHECK(r.status == SAMPLE_OK);
		CHECK(r.counters[0].valid && r.counters[0].raw > 100000000);	/* > 100 ms of the loop */
		CHECK(runner_sample(true_argv, empty, &same, &r) == 0 && r.status == SAMPLE_OK);
		CHECK(r.counters[0].valid && r.counters[0].raw < 50000000);
		printf("after a left-behind loop: /bin/true counted %.3f ms of task-clock\n", r.counters[0].raw / 1e6);
		runner_pin_self_away(-1);
	}

	/* A timeout kills the whole group, including a forked sleeper holding stdout. */
	o.timeout = 0.5;
	t0 = now_ns();
	CHECK(run_sh("sleep 30 & sleep 30; echo never", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_TIMEOUT);
	CHECK((now_ns() - t0) / 1e9 < 5);
	o.timeout = 20;

	/* A harness killed mid-sample takes its workload with it. */
	{
		char pidfile[] = "/tmp/varbench-test-pid-XXXXXX", script[256], *text = NULL;
		int fd = mkstemp(pidfile), gone = 0;
		pid_t harness, workload = 0;

		CHECK(fd >= 0);
		close(fd);
		snprintf(script, sizeof(script), "echo $$ > %s; exec sleep 30", pidfile);
		harness = fork();
		if (harness == 0) {
			run_sh(script, &o, &r, NULL);
			_exit(0);
		}
		for (int i = 0; i < 500 && !workload; i++) {
			usleep(10000);
			free(text);
			text = NULL;
			if (read_file(pidfile, &text, NULL) == 0)
				workload = (pid_t)atoi(text);
		}
		CHECK(workload > 0);
		kill(harness, SIGKILL);
		waitpid(harness, NULL, 0);
		for (int i = 0; i < 200 && workload > 0 && !gone; i++) {
			gone = !process_alive(workload);
			usleep(10000);
		}
		CHECK(gone);
		free(text);
		unlink(pidfile);
	}

	/* Pinning: the child sees exactly the CPU it was given. */
	o.cpu = runner_default_cpu();
	{
		char script[128];

		snprintf(script, sizeof(script), "grep -q '^Cpus_allowed_list:[[:space:]]*%d$' /proc/self/status", o.cpu);
		CHECK(run_sh(script, &o, &r, NULL) == 0);
		CHECK(r.status == SAMPLE_OK);
	}

	/* The environment is normalized and the variant's settings come last. */
	setenv("PYTHONPATH", "/should/not/leak", 1);
	strv_push(&v.runtime_env, "PYTHONMALLOC=malloc");
	strv_push(&v.runtime_env, "LC_ALL=C");
	runner_environment(&v, &env);
	CHECK(strv_getenv(&env, "PYTHONPATH") == NULL);
	CHECK_STR(strv_getenv(&env, "PYTHONHASHSEED"), RUNNER_HASHSEED);
	CHECK_STR(strv_getenv(&env, "PYTHONMALLOC"), "malloc");
	CHECK_STR(strv_getenv(&env, "LC_ALL"), "C");
	CHECK(run_sh("[ -z \"$PYTHONPATH\" ] && [ \"$PYTHONMALLOC\" = malloc ]", &o, &r, env.v) == 0);
	CHECK(r.status == SAMPLE_OK);

	/* A program that cannot start is an error, not a sample. */
	{
		char *argv[] = { "/nonexistent/python", NULL };

		CHECK(runner_sample(argv, env.v, &o, &r) < 0);
		CHECK(strstr(error_message(), "/nonexistent/python") != NULL);
	}
	/* --no-aslr: the child runs with ADDR_NO_RANDOMIZE in its personality (flag 0x0040000). */
	o.no_aslr = 1;
	CHECK(run_sh("grep -q . /proc/self/personality && [ $(( 0x$(cat /proc/self/personality) & 0x40000 )) -ne 0 ]",
		     &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_OK);
	o.no_aslr = 0;
	CHECK(run_sh("[ $(( 0x$(cat /proc/self/personality) & 0x40000 )) -eq 0 ]", &o, &r, NULL) == 0);
	CHECK(r.status == SAMPLE_OK);

	/* The valgrind meter counts instructions, the same count on every run. */
	if (access("/usr/bin/valgrind", X_OK) == 0) {
		uint64_t first;

		o.valgrind = "/usr/bin/valgrind";
		CHECK(run_sh("echo counted", &o, &r, NULL) == 0);
		CHECK(r.status == SAMPLE_OK && r.valgrind_ir > 10000);
		sha256_init(&h);
		sha256_update(&h, "counted\n", 8);
		sha256_final_hex(&h, want);
		CHECK_STR(r.stdout_digest, want);	/* valgrind's own output stays out of stdout */
		first = r.valgrind_ir;
		CHECK(run_sh("echo counted", &o, &r, NULL) == 0);
		CHECK(r.valgrind_ir > 0 && fabs((double)r.valgrind_ir - (double)first) < 0.001 * (double)first);
		printf("valgrind meter: %llu then %llu instructions\n", (unsigned long long)first,
		       (unsigned long long)r.valgrind_ir);
		o.valgrind = NULL;
	} else {
		printf("valgrind not installed: meter checks skipped\n");
	}

	strv_release(&env);
	strv_release(&v.runtime_env);
	counters_release(&ctr);
	return test_done();
}
