/* check.h - tiny unit test harness: CHECK(cond) and a closing summary line. */
#ifndef FG_CHECK_H
#define FG_CHECK_H

#include <stdio.h>
#include <string.h>

static int check_pass, check_fail;

#define CHECK(cond) do { \
	if (cond) \
		check_pass++; \
	else { \
		check_fail++; \
		fprintf(stderr, "%s:%d: CHECK failed: %s\n", __FILE__, __LINE__, #cond); \
	} \
} while (0)

#define CHECK_STR(got, want) do { \
	const char *g_ = (got), *w_ = (want); \
	if (g_ != NULL && strcmp(g_, w_) == 0) \
		check_pass++; \
	else { \
		check_fail++; \
		fprintf(stderr, "%s:%d: got \"%s\", want \"%s\"\n", __FILE__, \
		    __LINE__, g_ ? g_ : "(null)", w_); \
	} \
} while (0)

static int
check_done(void)
{
	printf("%d passed, %d failed\n", check_pass, check_fail);
	return check_fail != 0;
}

#endif
