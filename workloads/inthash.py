"""Integer-heavy hashing: MurmurHash3, FNV-1a and an open-addressing table.

Pure-Python implementations of 32-bit MurmurHash3 and 64-bit FNV-1a over
generated keys, a xorshift generator, and a linear-probing hash table keyed
by the hashes.  Exercises small-integer arithmetic, shifts, masks and
bytes indexing: the paths where int representation and the compiler's
handling of the fast arithmetic matter.  Exact integer output.
"""
import sys

MASK32 = 0xFFFFFFFF
MASK64 = 0xFFFFFFFFFFFFFFFF


def murmur3_32(data, seed):
    c1, c2 = 0xCC9E2D51, 0x1B873593
    h = seed
    n = len(data)
    blocks = n - n % 4
    for i in range(0, blocks, 4):
        k = data[i] | (data[i + 1] << 8) | (data[i + 2] << 16) | (data[i + 3] << 24)
        k = (k * c1) & MASK32
        k = ((k << 15) | (k >> 17)) & MASK32
        k = (k * c2) & MASK32
        h ^= k
        h = ((h << 13) | (h >> 19)) & MASK32
        h = (h * 5 + 0xE6546B64) & MASK32
    k = 0
    tail = n & 3
    if tail == 3:
        k ^= data[blocks + 2] << 16
    if tail >= 2:
        k ^= data[blocks + 1] << 8
    if tail >= 1:
        k ^= data[blocks]
        k = (k * c1) & MASK32
        k = ((k << 15) | (k >> 17)) & MASK32
        k = (k * c2) & MASK32
        h ^= k
    h ^= n
    h ^= h >> 16
    h = (h * 0x85EBCA6B) & MASK32
    h ^= h >> 13
    h = (h * 0xC2B2AE35) & MASK32
    h ^= h >> 16
    return h


def fnv1a_64(data):
    h = 0xCBF29CE484222325
    for b in data:
        h ^= b
        h = (h * 0x100000001B3) & MASK64
    return h


def xorshift64(state):
    state ^= (state << 13) & MASK64
    state ^= state >> 7
    state ^= (state << 17) & MASK64
    return state


class Table:
    """Open addressing with linear probing; keys are non-zero ints."""

    def __init__(self, bits):
        self.mask = (1 << bits) - 1
        self.keys = [0] * (1 << bits)
        self.values = [0] * (1 << bits)
        self.used = 0
        self.probes = 0

    def put(self, key, value):
        i = key & self.mask
        while True:
            k = self.keys[i]
            if k == 0:
                self.keys[i] = key
                self.values[i] = value
                self.used += 1
                return
            if k == key:
                self.values[i] += value
                return
            self.probes += 1
            i = (i + 1) & self.mask

    def get(self, key):
        i = key & self.mask
        while True:
            k = self.keys[i]
            if k == key:
                return self.values[i]
            if k == 0:
                return None
            i = (i + 1) & self.mask


def main(count):
    state = 0x9E3779B97F4A7C15
    table = Table(max(4, (2 * count).bit_length()))
    mix = 0
    for i in range(count):
        state = xorshift64(state)
        key = (b"key-%d-" % (state % 1000)) + state.to_bytes(8, "little")
        h = murmur3_32(key, 0x9747B28C)
        f = fnv1a_64(key)
        mix = (mix * 31 + (h ^ (f >> 32))) & MASK64
        table.put(h | 1, f & 0xFFFF)
    # Look every third key up again (hits) and as many absent keys (misses).
    hits = misses = total = 0
    state = 0x9E3779B97F4A7C15
    for i in range(count):
        state = xorshift64(state)
        if i % 3:
            continue
        key = (b"key-%d-" % (state % 1000)) + state.to_bytes(8, "little")
        for probe in (murmur3_32(key, 0x9747B28C) | 1, murmur3_32(key, 7) | 1):
            v = table.get(probe)
            if v is None:
                misses += 1
            else:
                hits += 1
                total += v
    print("mix %016x" % mix)
    print("used %d probes %d" % (table.used, table.probes))
    print("murmur('hello', 0) = %08x" % murmur3_32(b"hello", 0))
    print("fnv1a('hello') = %016x" % fnv1a_64(b"hello"))
    print("hits %d misses %d total %d" % (hits, misses, total))


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 15000)
