/* busy.c - a small CPU-bound program for samples/perf/record.sh: threads, recursion, an inlined helper. */
#define _GNU_SOURCE
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>
#include <time.h>

static volatile unsigned long sink;
static double seconds = 0.3;

static inline __attribute__((always_inline)) unsigned long
mix(unsigned long x)
{
	int i;

	for (i = 0; i < 64; i++)
		x = x * 6364136223846793005UL + 1442695040888963407UL;
	return x;
}

__attribute__((noinline)) unsigned long
leaf(unsigned long n)
{
	unsigned long i, s = 0;

	for (i = 0; i < n; i++)
		s += mix(i);
	return s;
}

__attribute__((noinline)) unsigned long
recurse(int depth, unsigned long n)
{
	if (depth == 0)
		return leaf(n);
	unsigned long r = recurse(depth - 1, n);

	sink += r;
	return r + (unsigned long)depth;
}

static double
now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + ts.tv_nsec / 1e9;
}

static void *
worker(void *arg)
{
	int id = (int)(long)arg;
	char name[16];
	double end = now() + seconds;

	snprintf(name, sizeof(name), "crunch %d", id);
	pthread_setname_np(pthread_self(), name);
	while (now() < end)
		sink += recurse(2 + id, 2000);
	return NULL;
}

int
main(int argc, char *argv[])
{
	pthread_t t[2];
	double end;
	long i;

	if (argc > 1)
		seconds = atof(argv[1]);
	for (i = 0; i < 2; i++)
		pthread_create(&t[i], NULL, worker, (void *)(i + 1));
	end = now() + seconds;
	while (now() < end)
		sink += recurse(1, 1000);
	for (i = 0; i < 2; i++)
		pthread_join(t[i], NULL);
	return 0;
}
