/* SHA-256 against the FIPS 180-4 example vectors. */
#include "sha256.h"
#include "test.h"

#include <stdlib.h>

static void check(const char *input, size_t len, const char *want)
{
	struct sha256 h;
	char got[SHA256_HEX_SIZE];

	sha256_init(&h);
	sha256_update(&h, input, len);
	sha256_final_hex(&h, got);
	CHECK_STR(got, want);
}

int main(void)
{
	char *million = malloc(1000000), got[SHA256_HEX_SIZE], whole[SHA256_HEX_SIZE];
	struct sha256 h;

	check("", 0, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	check("abc", 3, "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
	check("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", 56,
	      "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
	memset(million, 'a', 1000000);
	check(million, 1000000, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

	/* Feeding in odd-sized pieces must give the same digest as one call. */
	sha256_init(&h);
	for (size_t off = 0, step = 1; off < 1000000; off += step, step = step * 3 % 977 + 1)
		sha256_update(&h, million + off, off + step > 1000000 ? 1000000 - off : step);
	sha256_final_hex(&h, got);
	CHECK_STR(got, "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");

	CHECK(sha256_file("test_sha256.c", whole) == 0);
	CHECK(strlen(whole) == 64);
	CHECK(sha256_file("/nonexistent/file", whole) < 0);
	free(million);
	return test_done();
}
