"""Threads that contend: locks, a bounded queue and shared state.

Worker threads increment shared counters under one Lock, update a shared
dict under a second lock, pass items through a bounded queue.Queue from
producers to consumers, meet at a Barrier between phases, and each does
some private CPU work.  On a GIL build this measures lock and GIL
hand-off overhead; on a free-threaded build (--disable-gil) the private
work can run in parallel and the locks really contend.  Only totals are
printed; they are the same whatever the interleaving.
"""
import queue
import sys
import threading


def private_work(seed, n):
    state = seed
    acc = 0
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        acc ^= state >> 3
    return acc


def main(nthreads, n):
    counter = [0]
    counter_lock = threading.Lock()
    shared = {}
    shared_lock = threading.RLock()
    items = queue.Queue(maxsize=32)
    # Only the producers meet at the barrier: consumers must keep draining the
    # bounded queue, or producers blocked on a full queue would never arrive.
    barrier = threading.Barrier(nthreads)
    results = [None] * nthreads
    consumed = [0] * nthreads

    def producer(k):
        for i in range(n):
            with counter_lock:
                counter[0] += 1
            if i % 4 == 0:
                items.put(k * n + i)
            if i % 16 == 0:
                with shared_lock:
                    key = i % 64
                    shared[key] = shared.get(key, 0) + k + 1
        barrier.wait()
        results[k] = private_work(k + 1, n)
        items.put(None)

    def consumer(k):
        total = 0
        while True:
            item = items.get()
            if item is None:
                break
            total += item
            with counter_lock:
                counter[0] += 2
        consumed[k] = total

    threads = [threading.Thread(target=producer, args=(k,)) for k in range(nthreads)]
    threads += [threading.Thread(target=consumer, args=(k,)) for k in range(nthreads)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    produced = nthreads * ((n + 3) // 4)
    expected_items = sum(k * n + i for k in range(nthreads) for i in range(0, n, 4))
    print("threads", nthreads, "iterations", n)
    print("counter", counter[0], "expected", nthreads * n + 2 * produced)
    print("items", sum(consumed), "expected", expected_items)
    print("shared", sum(shared.values()), len(shared))
    acc = 0
    for r in results:
        acc ^= r
    print("private", acc)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 4, int(sys.argv[2]) if len(sys.argv) > 2 else 20000)
