#ifndef VARBENCH_SHA256_H
#define VARBENCH_SHA256_H

/*
 * SHA-256 (FIPS 180-4).  Every identity in varbench is a digest of content:
 * sources, workloads, build keys and program output, so two things with
 * the same bytes are the same thing wherever they live.
 */

#include <stddef.h>
#include <stdint.h>

struct sha256 {
	uint32_t state[8];
	uint64_t length;	/* bytes hashed so far */
	unsigned char block[64];
	size_t used;		/* bytes pending in block */
};

#define SHA256_HEX_SIZE 65	/* 64 hex digits and a NUL */

void sha256_init(struct sha256 *h);
void sha256_update(struct sha256 *h, const void *data, size_t len);
/* Hash a string and its terminating NUL, so "ab","c" differs from "a","bc". */
void sha256_update_str(struct sha256 *h, const char *s);
void sha256_final(struct sha256 *h, unsigned char out[32]);
void sha256_final_hex(struct sha256 *h, char out[SHA256_HEX_SIZE]);
/* Digest of a whole file; -1 with a message if it cannot be read. */
int sha256_file(const char *path, char out[SHA256_HEX_SIZE]);

#endif
