#include "error.h"

#include <stdarg.h>
#include <stdio.h>
#include <string.h>

static char message[2048];

int error_set(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(message, sizeof(message), fmt, ap);
	va_end(ap);
	return -1;
}

int error_prefix(const char *fmt, ...)
{
	char prefix[1024], old[sizeof(message)];
	size_t n, m;
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(prefix, sizeof(prefix), fmt, ap);
	va_end(ap);
	snprintf(old, sizeof(old), "%s", error_message());
	n = strlen(prefix);
	if (n > sizeof(message) - 3)
		n = sizeof(message) - 3;
	memcpy(message, prefix, n);
	memcpy(message + n, ": ", 2);
	n += 2;
	m = strlen(old);
	if (m > sizeof(message) - 1 - n)
		m = sizeof(message) - 1 - n;
	memcpy(message + n, old, m);
	message[n + m] = '\0';
	return -1;
}

const char *error_message(void)
{
	return message[0] ? message : "unknown error";
}

void error_clear(void)
{
	message[0] = '\0';
}

int error_report(void)
{
	fprintf(stderr, "varbench: %s\n", error_message());
	return 1;
}
