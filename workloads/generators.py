"""Closures and generators: lazy pipelines, yield from, send() and nonlocal.

A stream of pseudo-random integers flows through generator stages (filter,
map, sliding windows, chunking), a recursive generator walks a binary
tree with `yield from`, a coroutine-style generator keeps running
statistics through send(), and closures with nonlocal state count and
transform.  Exercises generator frames (creation, resumption, teardown),
cell variables and small function calls.  Integer-only output.
"""
import sys


def numbers(seed, n):
    state = seed
    for _ in range(n):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        yield state >> 8


def keep(pred, items):
    for x in items:
        if pred(x):
            yield x


def apply(fn, items):
    for x in items:
        yield fn(x)


def windows(items, size):
    window = []
    for x in items:
        window.append(x)
        if len(window) == size:
            yield tuple(window)
            del window[0]


def chunks(items, size):
    chunk = []
    for x in items:
        chunk.append(x)
        if len(chunk) == size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def make_counter():
    count = 0

    def bump(x):
        nonlocal count
        count += 1
        return x

    def value():
        return count

    return bump, value


def make_affine(a, b, m):
    return lambda x: (a * x + b) % m


def running_stats():
    """Coroutine: send values, receive (count, total, maximum) after each."""
    count = total = 0
    maximum = None
    result = None
    while True:
        x = yield result
        if x is None:
            return count, total, maximum
        count += 1
        total += x
        if maximum is None or x > maximum:
            maximum = x
        result = (count, total, maximum)


class Node:
    __slots__ = ("key", "left", "right")

    def __init__(self, key):
        self.key = key
        self.left = None
        self.right = None


def insert(root, key):
    if root is None:
        return Node(key)
    node = root
    while True:
        if key < node.key:
            if node.left is None:
                node.left = Node(key)
                return root
            node = node.left
        else:
            if node.right is None:
                node.right = Node(key)
                return root
            node = node.right


def inorder(node):
    if node is not None:
        yield from inorder(node.left)
        yield node.key
        yield from inorder(node.right)


def pipeline(seed, n):
    bump, seen = make_counter()
    affine = make_affine(31, 7, 1000003)
    stream = apply(affine, keep(lambda x: x % 3 != 0, apply(bump, numbers(seed, n))))
    total = 0
    best = 0
    for w in windows(stream, 4):
        s = w[0] - w[1] + w[2] - w[3]
        if s > best:
            best = s
        total += s
    stats = running_stats()
    next(stats)
    last = None
    for chunk in chunks(numbers(seed + 1, n // 4), 16):
        last = stats.send(sum(x % 1000 for x in chunk))
    try:
        stats.send(None)
    except StopIteration as stop:
        final = stop.value
    return seen(), total, best, last, final


def main(n, rounds):
    for r in range(rounds):
        result = pipeline(1000 + r, n)
        if r < 3 or r == rounds - 1:
            print(r, *result)
    root = None
    for key in numbers(99, n // 2):
        root = insert(root, key % 100000)
    keys = list(inorder(root))
    ordered = all(keys[i] <= keys[i + 1] for i in range(len(keys) - 1))
    print("tree", len(keys), ordered, keys[:3], keys[-3:], sum(k for k in keys if k % 2))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20000, int(sys.argv[2]) if len(sys.argv) > 2 else 10)
