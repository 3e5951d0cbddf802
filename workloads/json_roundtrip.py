"""JSON encode and decode of API-shaped documents.

Builds nested documents (objects, arrays, strings with escapes and
non-ASCII text, ints, floats, booleans, null), serializes them with
json.dumps in compact, indented and sorted-key forms, parses them back
with json.loads and checks the round trip.  The time goes to the C
accelerator (_json) and to dict, list, str and float object creation.
Prints sizes and a digest of the canonical encoding.
"""
import hashlib
import json
import sys

TAGS = ["alpha", "beta", "gamma", "delta", "épsilon", "ζήτα", "eta", "theta \"quoted\"", "iota\\slash", "kappa\n"]


def document(i, state):
    items = []
    for k in range(8):
        state = (state * 1103515245 + 12345) & 0x7FFFFFFF
        items.append({
            "sku": "SKU-%06d" % (state % 1000000),
            "qty": state % 17,
            "price": (state % 100000) / 100,
            "tags": [TAGS[(state >> s) % len(TAGS)] for s in (3, 7, 11)][: 1 + state % 3],
            "gift": bool(state & 1),
            "note": None if state % 4 else "leave at door #%d" % (state % 50),
        })
    return state, {
        "id": i,
        "customer": {"name": "customer %d" % (state % 5000), "email": "c%d@example.com" % (state % 5000),
                     "vip": state % 10 == 0, "score": state % 1000 / 7},
        "items": items,
        "total": sum(it["qty"] * int(it["price"] * 100) for it in items),
        "meta": {"source": "web" if state % 3 else "app", "version": [1, state % 5, state % 11]},
    }


def main(n, rounds):
    state = 2024
    docs = []
    for i in range(n):
        state, doc = document(i, state)
        docs.append(doc)
    digest = hashlib.sha256()
    sizes = [0, 0, 0]
    for r in range(rounds):
        compact = json.dumps(docs, separators=(",", ":"))
        pretty = json.dumps(docs[: n // 4], indent=2, sort_keys=True)
        ascii_only = json.dumps(docs[: n // 4], ensure_ascii=True, sort_keys=True)
        back = json.loads(compact)
        if back != docs or json.loads(pretty) != docs[: n // 4] or json.loads(ascii_only) != docs[: n // 4]:
            print("round trip mismatch in round", r)
        docs = back
        sizes = [len(compact), len(pretty), len(ascii_only)]
        digest.update(compact.encode())
    canonical = json.dumps(docs, sort_keys=True, separators=(",", ":"), ensure_ascii=False)
    print("documents", n, "sizes", *sizes)
    print("canonical", len(canonical), hashlib.sha256(canonical.encode()).hexdigest())
    print("rounds", digest.hexdigest())
    print(json.dumps(docs[0]["items"][0], sort_keys=True))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 2000, int(sys.argv[2]) if len(sys.argv) > 2 else 5)
