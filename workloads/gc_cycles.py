"""Cyclic garbage for the cycle collector.

Builds and drops structures that reference counting alone cannot free:
doubly linked lists, parent/child trees with back references, objects that
refer to themselves, closures that capture their own cell, dict-of-dict
graphs and objects with __del__ finalizers (PEP 442) in cycles, while a
long-lived population sits in the older generations.  The collector runs
on its own thresholds, plus an explicit gc.collect() per round.

What is printed never depends on when collections happen (which differs
between versions and GC designs): after the final full collection every
finalizer and weakref callback must have run exactly once, so their counts
are exact.
"""
import gc
import sys
import weakref

FINALIZED = [0]
CALLBACKS = [0]


class Node:
    def __init__(self, value):
        self.value = value
        self.prev = None
        self.next = None


class Finalized:
    def __init__(self, peer=None):
        self.peer = peer
        self.me = self

    def __del__(self):
        FINALIZED[0] += 1


class TreeNode:
    __slots__ = ("parent", "children", "payload", "__weakref__")

    def __init__(self, parent, payload):
        self.parent = parent
        self.children = []
        self.payload = payload


def linked_list(n):
    head = Node(0)
    node = head
    for i in range(1, n):
        nxt = Node(i)
        node.next = nxt
        nxt.prev = node
        node = nxt
    node.next = head        # and make it circular
    head.prev = node
    return head


def tree(depth, width, parent=None):
    node = TreeNode(parent, [depth] * 3)
    if depth:
        for _ in range(width):
            node.children.append(tree(depth - 1, width, node))
    return node


def self_closure(i):
    def f():
        return f, i
    return f


def graph(n):
    nodes = [{"id": i, "edges": []} for i in range(n)]
    for i, node in enumerate(nodes):
        node["edges"].append(nodes[(i * 7 + 1) % n])
        node["edges"].append(nodes[(i * 13 + 5) % n])
    return nodes


def on_collect(_ref):
    CALLBACKS[0] += 1


def main(rounds, size):
    survivors = [linked_list(50) for _ in range(100)]  # long-lived, promoted to old generations
    refs = []
    created_finalized = 0
    total = 0
    for r in range(rounds):
        for k in range(size):
            head = linked_list(20)
            total += head.prev.value
            t = tree(3, 3)
            refs.append(weakref.ref(t, on_collect))
            a = Finalized()
            b = Finalized(a)
            a.peer = b
            created_finalized += 2
            f = self_closure(k)
            total += f()[1]
            g = graph(10)
            total += len(g[3]["edges"])
            del head, t, a, b, f, g
        gc.collect()
        refs = [ref for ref in refs if ref() is not None]
        if r % 3 == 0:
            survivors.append(linked_list(30))
    gc.collect()
    print("rounds", rounds, "size", size, "total", total)
    print("finalized", FINALIZED[0], "of", created_finalized)
    print("weakref callbacks", CALLBACKS[0], "of", rounds * size, "live", sum(1 for ref in refs if ref() is not None))
    print("survivors", len(survivors), sum(s.prev.value for s in survivors))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 20, int(sys.argv[2]) if len(sys.argv) > 2 else 500)
