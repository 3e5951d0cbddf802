"""asyncio with many tasks: a simulated crawler and a pipeline of queues.

Thousands of coroutines created with asyncio.create_task and TaskGroup-free
gather, bounded by a Semaphore, handing work through asyncio.Queue stages,
awaiting Events and zero-delay sleeps (pure event-loop scheduling, no
timers that depend on the clock), with cancellation of part of the work.
Exercises coroutine frames, the event loop (C-accelerated _asyncio),
futures and callbacks.  Only aggregates are printed, so the output never
depends on scheduling details that differ between versions.
"""
import asyncio
import sys


async def fetch(sem, url_id, stats):
    async with sem:
        stats["active"] += 1
        stats["peak"] = max(stats["peak"], stats["active"])
        for _ in range(url_id % 4):
            await asyncio.sleep(0)
        stats["active"] -= 1
    # Each page links to up to three pages of the next level (a ternary tree).
    return (url_id * 2654435761) % 1000003, [url_id * 3 + k for k in range(1, 1 + (url_id + 1) % 3 + 1)]


async def crawl(n, concurrency):
    sem = asyncio.Semaphore(concurrency)
    stats = {"active": 0, "peak": 0}
    seen = set()
    frontier = [0]
    total = 0
    fetched = 0
    while frontier and fetched < n:
        batch = [u for u in frontier[: n - fetched] if u not in seen]
        seen.update(batch)
        results = await asyncio.gather(*(fetch(sem, u, stats) for u in batch))
        fetched += len(batch)
        frontier = []
        for value, links in results:
            total = (total + value) % 1000003
            frontier.extend(link for link in links if link not in seen)
        if not frontier:
            frontier = [fetched * 7 + 1]
    return fetched, total, stats["peak"]


async def producer(queue, n, seed):
    state = seed
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        await queue.put(state >> 8)
    await queue.put(None)


async def stage(inq, outq, fn):
    while True:
        item = await inq.get()
        if item is None:
            await outq.put(None)
            return
        await outq.put(fn(item))


async def consumer(queue):
    total = count = 0
    while True:
        item = await queue.get()
        if item is None:
            return count, total
        count += 1
        total = (total + item) % 1000000007


async def pipeline(n):
    q1, q2, q3 = asyncio.Queue(64), asyncio.Queue(64), asyncio.Queue(64)
    tasks = [
        asyncio.create_task(producer(q1, n, 5)),
        asyncio.create_task(stage(q1, q2, lambda x: x * 3 + 1)),
        asyncio.create_task(stage(q2, q3, lambda x: x ^ (x >> 3))),
    ]
    result = await consumer(q3)
    await asyncio.gather(*tasks)
    return result


async def waiter(event, i):
    await event.wait()
    return i * i


async def sleeper():
    while True:
        await asyncio.sleep(0)


async def events_and_cancel(n):
    event = asyncio.Event()
    waiters = [asyncio.create_task(waiter(event, i)) for i in range(n)]
    doomed = [asyncio.create_task(sleeper()) for _ in range(n // 4)]
    await asyncio.sleep(0)
    event.set()
    squares = sum(await asyncio.gather(*waiters))
    for t in doomed:
        t.cancel()
    cancelled = 0
    for t in doomed:
        try:
            await t
        except asyncio.CancelledError:
            cancelled += 1
    return squares, cancelled


async def main_async(n, rounds):
    lines = []
    for r in range(rounds):
        lines = [
            "crawl %d %d %d" % await crawl(n, 50),
            "pipeline %d %d" % await pipeline(n),
            "events %d %d" % await events_and_cancel(n),
        ]
    return lines


def main(n, rounds):
    for line in asyncio.run(main_async(n, rounds)):
        print(line)


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 3000, int(sys.argv[2]) if len(sys.argv) > 2 else 3)
