/* test_pprof_write.c - unit tests for folded2pb's pieces: integer counts, the profile.proto writer. */
#include <stdint.h>
#include <stdlib.h>
#include <string.h>

#include "check.h"
#include "folded.h"
#include "pprof_write.h"
#include "profile.pb-c.h"
#include "trie.h"
#include "util.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Function Function;

/*
 * Read folded text as folded2pb does (one sample a line; with persample
 * 0, one per merged stack), write it without gzip and decode it again.
 */
static Profile *
roundtrip(const char *text, size_t len, int persample)
{
	struct fg_pprof_wopts wo = FG_PPROF_WOPTS_INIT;
	struct fg_pprof_samples smp = { NULL, 0, 0 };
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	Profile *p = NULL;
	char *out = NULL;
	size_t outlen = 0;
	FILE *fp;

	fg_trie_init(&t);
	fg_folded_init(&f, &t, "test");
	f.integers = 1;
	f.added = fg_pprof_samples_add;
	f.arg = &smp;
	CHECK(fg_folded_buf(&f, text, len, &err) == 0);
	wo.level = -1;
	wo.type = "cpu";
	wo.unit = "nanoseconds";
	if ((fp = open_memstream(&out, &outlen)) == NULL)
		abort();
	CHECK(fg_pprof_write(&t, persample ? smp.s : NULL, smp.n, &wo, fp,
	    &err) == 0);
	fclose(fp);
	p = perftools__profiles__profile__unpack(NULL, outlen,
	    (const uint8_t *)out);
	CHECK(p != NULL);
	free(out);
	free(smp.s);
	fg_folded_free(&f);
	fg_trie_free(&t);
	return p;
}

static const char *
str(const Profile *p, int64_t i)
{
	static char buf[256];
	size_t n;

	if (i < 0 || (size_t)i >= p->n_string_table)
		return "(bad index)";
	n = p->string_table[i].len < sizeof(buf) - 1 ?
	    p->string_table[i].len : sizeof(buf) - 1;
	if (n > 0)	/* protobuf-c leaves data NULL for "" */
		memcpy(buf, p->string_table[i].data, n);
	buf[n] = '\0';
	return buf;
}

static const Function *
fn(const Profile *p, uint64_t id)
{
	size_t i;

	for (i = 0; i < p->n_function; i++)
		if (p->function[i]->id == id)
			return p->function[i];
	return NULL;
}

static const Location *
loc(const Profile *p, uint64_t id)
{
	size_t i;

	for (i = 0; i < p->n_location; i++)
		if (p->location[i]->id == id)
			return p->location[i];
	return NULL;
}

/* The function names of location id's Lines, innermost first, ","-joined. */
static const char *
lines(const Profile *p, uint64_t id)
{
	static char buf[1024];
	const Location *l = loc(p, id);
	const Function *f;
	size_t i, n = 0;

	buf[0] = '\0';
	if (l == NULL)
		return "(no location)";
	for (i = 0; i < l->n_line && n < sizeof(buf) - 64; i++) {
		if ((f = fn(p, l->line[i]->function_id)) == NULL)
			return "(no function)";
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%s",
		    i ? "," : "", str(p, f->name));
	}
	return buf;
}

/* A sample's location ids, leaf first, as "1 2 3". */
static const char *
locids(const Profile *p, size_t s)
{
	static char buf[256];
	size_t i, n = 0;

	buf[0] = '\0';
	for (i = 0; i < p->sample[s]->n_location_id && n < sizeof(buf) - 32; i++)
		n += (size_t)snprintf(buf + n, sizeof(buf) - n, "%s%llu",
		    i ? " " : "", (unsigned long long)p->sample[s]->location_id[i]);
	return buf;
}

/* No two functions share a name or an id. */
static int
functions_distinct(const Profile *p)
{
	const ProtobufCBinaryData *a, *b;
	size_t i, j;

	for (i = 0; i < p->n_function; i++)
		for (j = i + 1; j < p->n_function; j++) {
			if (p->function[i]->id == p->function[j]->id ||
			    (size_t)p->function[i]->name >= p->n_string_table ||
			    (size_t)p->function[j]->name >= p->n_string_table)
				return 0;
			a = &p->string_table[p->function[i]->name];
			b = &p->string_table[p->function[j]->name];
			if (a->len == b->len && (a->len == 0 ||
			    memcmp(a->data, b->data, a->len) == 0))
				return 0;
		}
	return 1;
}

static void
test_inline(void)
{
	static const char in[] =
	    "main;outer;middle_[i];inner_[i];leaf 7\n"
	    "main;inner 1\n"		/* inner also as a function of its own */
	    "r_[i];s_[i] 2\n"		/* no caller: r_[i] is a plain frame */
	    "main;a;b 3\n"
	    "x;a;b -4\n"		/* the same chains elsewhere in the tree */
	    "x;a_[i];b_[i] 0\n"		/* one location: [b, a, x] */
	    "a;_[i] 5\n";		/* "_[i]" alone names a frame */
	Profile *p = roundtrip(in, sizeof(in) - 1, 1);

	if (p == NULL)
		return;
	CHECK(p->n_string_table > 0 && p->string_table[0].len == 0);
	CHECK(p->n_sample_type == 1);
	CHECK_STR(str(p, p->sample_type[0]->type), "cpu");
	CHECK_STR(str(p, p->sample_type[0]->unit), "nanoseconds");
	/* main outer middle inner leaf r_[i] s a b x _[i] */
	CHECK(p->n_function == 11);
	CHECK(functions_distinct(p));
	/* leaf, [inner middle outer], main, inner, [s r_[i]], b, a, x,
	   [b a x], _[i] */
	CHECK(p->n_location == 10);
	CHECK(p->n_sample == 7);
	if (p->n_sample != 7 || p->n_location != 10)
		goto out;
	CHECK_STR(locids(p, 0), "1 2 3");
	CHECK_STR(lines(p, 1), "leaf");
	CHECK_STR(lines(p, 2), "inner,middle,outer");
	CHECK_STR(lines(p, 3), "main");
	CHECK_STR(locids(p, 1), "4 3");
	CHECK_STR(lines(p, 4), "inner");
	CHECK(fn(p, loc(p, 4)->line[0]->function_id) ==
	    fn(p, loc(p, 2)->line[0]->function_id));
	CHECK_STR(locids(p, 2), "5");
	CHECK_STR(lines(p, 5), "s,r_[i]");
	CHECK_STR(locids(p, 3), "6 7 3");
	CHECK_STR(locids(p, 4), "6 7 8");
	CHECK_STR(lines(p, 8), "x");
	CHECK_STR(locids(p, 5), "9");
	CHECK_STR(lines(p, 9), "b,a,x");
	CHECK_STR(locids(p, 6), "10 7");
	CHECK_STR(lines(p, 10), "_[i]");
	CHECK(p->sample[0]->n_value == 1 && p->sample[0]->value[0] == 7);
	CHECK(p->sample[4]->n_value == 1 && p->sample[4]->value[0] == -4);
	CHECK(p->sample[5]->n_value == 1 && p->sample[5]->value[0] == 0);
out:
	perftools__profiles__profile__free_unpacked(p, NULL);
}

/* Merged stacks (no samples given): one sample each, bytewise order. */
static void
test_merged(void)
{
	static const char in[] = "b;c_[i] 1\na 2\nb;c_[i] 3\n;;x 4\n";
	Profile *p = roundtrip(in, sizeof(in) - 1, 0);

	if (p == NULL)
		return;
	CHECK(p->n_sample == 3);
	if (p->n_sample == 3) {
		CHECK(p->sample[0]->value[0] == 4);	/* ";;x" sorts first */
		CHECK_STR(lines(p, p->sample[0]->location_id[1]), "");
		CHECK(p->sample[1]->value[0] == 2);
		CHECK(p->sample[2]->value[0] == 4);
		CHECK_STR(lines(p, p->sample[2]->location_id[0]), "c,b");
	}
	/* the empty name is string 0, its function has id 1 */
	CHECK(fn(p, 1) != NULL && fn(p, 1)->name == 0);
	CHECK(functions_distinct(p));
	perftools__profiles__profile__free_unpacked(p, NULL);
}

/* A chain as deep as the stack, walked without recursion. */
static void
test_deep(void)
{
	enum { DEPTH = 20000 };
	struct fg_buf b = { 0 };
	Profile *p;
	const Location *l;
	int i, ok = 1;

	fg_buf_puts(&b, "root");
	for (i = 1; i < DEPTH; i++)
		fg_buf_puts(&b, i % 2 ? ";f_[i]" : ";g_[i]");
	fg_buf_puts(&b, " 1\nroot;f_[i];g 2\n");
	p = roundtrip(b.p, b.len, 1);
	fg_buf_free(&b);
	if (p == NULL)
		return;
	CHECK(p->n_function == 3);
	CHECK(p->n_location == 3);
	CHECK(p->n_sample == 2 && p->sample[0]->n_location_id == 1);
	if ((l = loc(p, 1)) != NULL && l->n_line == DEPTH) {
		for (i = 0; i < DEPTH - 1; i++)
			ok &= strcmp(str(p, fn(p, l->line[i]->function_id)->name),
			    (DEPTH - 1 - i) % 2 ? "f" : "g") == 0;
		CHECK(ok);
		CHECK_STR(str(p, fn(p, l->line[DEPTH - 1]->function_id)->name),
		    "root");
	} else
		CHECK(!"location 1 has every frame as a Line");
	/* the second stack: g, then the chain [f, root] */
	if (p->n_sample == 2)
		CHECK_STR(locids(p, 1), "2 3");
	CHECK_STR(lines(p, 2), "g");
	CHECK_STR(lines(p, 3), "f,root");
	perftools__profiles__profile__free_unpacked(p, NULL);
}

/* Counts a profile cannot hold are errors at their line, not skipped. */
static void
test_counts(void)
{
	static const struct {
		const char *in, *err;
	} c[] = {
		{ "a 1\nb 1.5\n", "test:2: decimal count (a profile's values are integers)" },
		{ "a 2.0\n", "test:1: decimal count (a profile's values are integers)" },
		{ "a 1 2\n", "test:1: two counts (a differential line): a profile has one value a sample here" },
		{ "a 9223372036854775808\n", "test:1: count out of range (more than 64 bits)" },
		{ "a -9223372036854775809\n", "test:1: count out of range (more than 64 bits)" },
		{ "a 9223372036854775807\na 1\n", "test:2: counts overflow a 64-bit total" },
	};
	struct fg_folded f;
	struct fg_trie t;
	struct fg_err err;
	const char *ext = "a 9223372036854775807\nb -9223372036854775808\n";
	size_t i;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		fg_trie_init(&t);
		fg_folded_init(&f, &t, "test");
		f.integers = 1;
		err.msg[0] = '\0';
		CHECK(fg_folded_buf(&f, c[i].in, strlen(c[i].in), &err) != 0);
		CHECK_STR(err.msg, c[i].err);
		fg_folded_free(&f);
		fg_trie_free(&t);
		/*
		 * without the flag decimals and differential lines are read;
		 * counts beyond 64 bits are errors in every mode
		 */
		fg_trie_init(&t);
		fg_folded_init(&f, &t, "test");
		CHECK((fg_folded_buf(&f, c[i].in, strlen(c[i].in), &err) == 0) ==
		    (i < 3));
		fg_folded_free(&f);
		fg_trie_free(&t);
	}
	/* the extremes themselves are fine */
	fg_trie_init(&t);
	fg_folded_init(&f, &t, "test");
	f.integers = 1;
	CHECK(fg_folded_buf(&f, ext, strlen(ext), &err) == 0 &&
	    f.nlines == 2 && f.nbad == 0);
	fg_folded_free(&f);
	fg_trie_free(&t);
}

int
main(void)
{
	test_inline();
	test_merged();
	test_deep();
	test_counts();
	return check_done();
}
