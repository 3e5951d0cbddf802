"""Dict and set heavy code: a social-graph analysis.

Adjacency as a dict of sets, friend-of-friend suggestions with set union,
intersection and difference, dict comprehensions, dict.get/setdefault,
collections.Counter and defaultdict, tuple keys, membership tests in
loops, and dicts that grow and shrink (insert and delete churn).  The
time goes to hashing, probing and resizing.  Results are sorted before
printing, so they never depend on set iteration order.
"""
import collections
import sys


def graph(n, degree, seed):
    state = seed
    adj = {i: set() for i in range(n)}
    for a in range(n):
        for _ in range(degree):
            state = (state * 1103515245 + 12345) & 0x7FFFFFFF
            b = (state >> 4) % n
            if a != b:
                adj[a].add(b)
                adj[b].add(a)
    return adj


def suggestions(adj, person, limit):
    friends = adj[person]
    scores = collections.Counter()
    for f in friends:
        for fof in adj[f] - friends:
            if fof != person:
                scores[fof] += 1
    return sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:limit]


def triangles(adj):
    count = 0
    for a, na in adj.items():
        for b in na:
            if b > a:
                count += len(na & adj[b])
    return count // 3


def components(adj):
    seen = set()
    sizes = []
    for start in adj:
        if start in seen:
            continue
        stack = [start]
        seen.add(start)
        size = 0
        while stack:
            node = stack.pop()
            size += 1
            for nxt in adj[node]:
                if nxt not in seen:
                    seen.add(nxt)
                    stack.append(nxt)
        sizes.append(size)
    return sorted(sizes, reverse=True)


def churn(n, seed):
    """Insert and delete tuple and string keys, the way caches behave."""
    cache = {}
    state = seed
    hits = 0
    for i in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        key = ("user", (state >> 8) % 2000) if (state >> 20) & 1 else "page:%d" % ((state >> 8) % 3000)
        if key in cache:
            hits += 1
            cache[key] += 1
        else:
            cache[key] = 1
        if len(cache) > 1500:
            for k in [k for k, v in cache.items() if v < 2][:500]:
                del cache[k]
    by_kind = collections.defaultdict(int)
    for k, v in cache.items():
        by_kind[k[0] if isinstance(k, tuple) else k.split(":")[0]] += v
    return hits, len(cache), sorted(by_kind.items())


def main(n, degree, rounds):
    adj = graph(n, degree, 3)
    degrees = collections.Counter(len(v) for v in adj.values())
    print("nodes", n, "edges", sum(len(v) for v in adj.values()) // 2, "triangles", triangles(adj))
    print("components", components(adj)[:5])
    print("degree histogram", sorted(degrees.items())[:8])
    inverse = {}
    for a, na in adj.items():
        inverse.setdefault(len(na), set()).add(a)
    print("max degree", max(inverse), "people", sorted(inverse[max(inverse)])[:5])
    best = None
    for r in range(rounds):
        for p in range(0, n, max(1, n // 200)):
            s = suggestions(adj, p, 3)
            if s and (best is None or s[0][1] > best[1][0][1]):
                best = (p, s)
        hits, size, kinds = churn(n * 4, 11 + r)
    print("best suggestion", best)
    print("cache", hits, size, kinds)


if __name__ == "__main__":
    args = [int(a) for a in sys.argv[1:]] + [3000, 6, 8][len(sys.argv) - 1:]
    main(*args[:3])
