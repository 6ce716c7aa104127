/* test_pprof.c - unit tests for the pprof decoder: decoding, validation, naming, filters, merging. */
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "arena.h"
#include "check.h"
#include "folded.h"
#include "pprof.h"
#include "pprof_impl.h"
#include "profile.pb-c.h"
#include "trie.h"
#include "util.h"

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__ValueType ValueType;
typedef Perftools__Profiles__Sample Sample;
typedef Perftools__Profiles__Label Label;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Line Line;
typedef Perftools__Profiles__Function Function;

/* Everything a test profile owns lives in this arena. */
static struct fg_arena A = FG_ARENA_INIT;

static void *
grow(void *p, size_t n, size_t size)
{
	void *q = fg_arena_alloc(&A, (n + 1) * size);

	if (n > 0)
		memcpy(q, p, n * size);
	return q;
}

#define PUSH(arr, n, v) do { \
	(arr) = grow((arr), (n), sizeof(*(arr))); \
	(arr)[(n)++] = (v); \
} while (0)

static Profile *
prof_new(void)
{
	Profile *p = fg_arena_alloc(&A, sizeof(*p));
	ProtobufCBinaryData empty = { 0, (uint8_t *)"" };

	perftools__profiles__profile__init(p);
	PUSH(p->string_table, p->n_string_table, empty);
	return p;
}

/* Index of s in the string table, added if new. */
static int64_t
S(Profile *p, const char *s)
{
	ProtobufCBinaryData d;
	size_t i, n = strlen(s);

	for (i = 0; i < p->n_string_table; i++)
		if (p->string_table[i].len == n &&
		    memcmp(p->string_table[i].data, s, n) == 0)
			return (int64_t)i;
	d.len = n;
	d.data = (uint8_t *)fg_arena_strndup(&A, s, n);
	PUSH(p->string_table, p->n_string_table, d);
	return (int64_t)i;
}

static void
add_type(Profile *p, const char *type, const char *unit)
{
	ValueType *v = fg_arena_alloc(&A, sizeof(*v));

	perftools__profiles__value_type__init(v);
	v->type = S(p, type);
	v->unit = S(p, unit);
	PUSH(p->sample_type, p->n_sample_type, v);
}

static void
add_fn(Profile *p, uint64_t id, const char *name, const char *file)
{
	Function *f = fg_arena_alloc(&A, sizeof(*f));

	perftools__profiles__function__init(f);
	f->id = id;
	f->name = S(p, name);
	f->filename = S(p, file);
	PUSH(p->function, p->n_function, f);
}

static void
add_map(Profile *p, uint64_t id, const char *file)
{
	Mapping *m = fg_arena_alloc(&A, sizeof(*m));

	perftools__profiles__mapping__init(m);
	m->id = id;
	m->memory_start = 0x1000;
	m->memory_limit = 0x9000;
	m->filename = S(p, file);
	PUSH(p->mapping, p->n_mapping, m);
}

/* add_loc(p, id, mapping, addr, n, fid1, line1, ...): Lines innermost first. */
static void
add_loc(Profile *p, uint64_t id, uint64_t mapping, uint64_t addr, int n, ...)
{
	Location *l = fg_arena_alloc(&A, sizeof(*l));
	va_list ap;
	int i;

	perftools__profiles__location__init(l);
	l->id = id;
	l->mapping_id = mapping;
	l->address = addr;
	va_start(ap, n);
	for (i = 0; i < n; i++) {
		Line *ln = fg_arena_alloc(&A, sizeof(*ln));

		perftools__profiles__line__init(ln);
		ln->function_id = va_arg(ap, uint64_t);
		ln->line = va_arg(ap, int64_t);
		PUSH(l->line, l->n_line, ln);
	}
	va_end(ap);
	PUSH(p->location, p->n_location, l);
}

/* A sample: "1,2,3" location ids (leaf first), values. */
static Sample *
add_sample(Profile *p, const char *locs, int nv, ...)
{
	Sample *s = fg_arena_alloc(&A, sizeof(*s));
	const char *c = locs;
	va_list ap;
	int i;

	perftools__profiles__sample__init(s);
	while (*c != '\0') {
		char *end;
		uint64_t id = strtoull(c, &end, 10);

		PUSH(s->location_id, s->n_location_id, id);
		c = *end == ',' ? end + 1 : end;
	}
	va_start(ap, nv);
	for (i = 0; i < nv; i++)
		PUSH(s->value, s->n_value, va_arg(ap, int64_t));
	va_end(ap);
	PUSH(p->sample, p->n_sample, s);
	return s;
}

static void
add_label(Profile *p, Sample *s, const char *key, const char *str, int64_t num,
    const char *unit)
{
	Label *l = fg_arena_alloc(&A, sizeof(*l));

	perftools__profiles__label__init(l);
	l->key = S(p, key);
	if (str != NULL)
		l->str = S(p, str);
	l->num = num;
	if (unit != NULL)
		l->num_unit = S(p, unit);
	PUSH(s->label, s->n_label, l);
}

static uint8_t *
pack(const Profile *p, size_t *len)
{
	uint8_t *b = fg_arena_alloc(&A, perftools__profiles__profile__get_packed_size(p) + 1);

	*len = perftools__profiles__profile__pack(p, b);
	return b;
}

static uint8_t *
gzip(const uint8_t *in, size_t n, size_t *len)
{
	uLongf cap = compressBound(n) + 64;
	uint8_t *out = fg_arena_alloc(&A, cap);
	z_stream z;

	memset(&z, 0, sizeof(z));
	deflateInit2(&z, 6, Z_DEFLATED, 16 + MAX_WBITS, 8, Z_DEFAULT_STRATEGY);
	z.next_in = (uint8_t *)in;
	z.avail_in = (uInt)n;
	z.next_out = out;
	z.avail_out = (uInt)cap;
	deflate(&z, Z_FINISH);
	*len = z.total_out;
	deflateEnd(&z);
	return out;
}

static char result[8192];

/*
 * Load the buffers (bases after a NULL), fold with o, and return the
 * folded text, or "E1: message" / "E2: message" on an error.
 */
static const char *
fold_bufs(const struct fg_pprof_opts *o, int flags, const uint8_t *b, size_t n,
    const uint8_t *base, size_t nbase)
{
	struct fg_pprof_set *set = fg_pprof_new();
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;
	int rc;

	fg_trie_init(&t);
	if (fg_pprof_load(set, "p", b, n, &err) != 0 ||
	    (base != NULL && fg_pprof_load_base(set, "b", base, nbase, &err) != 0)) {
		snprintf(result, sizeof(result), "E1: %s", err.msg);
		goto out;
	}
	if ((rc = fg_pprof_fold(set, o, &t, &err)) != 0) {
		snprintf(result, sizeof(result), "E%d: %s", -rc, err.msg);
		goto out;
	}
	fp = open_memstream(&out, &len);
	CHECK(fg_folded_write(&t, fp, flags, &err) == 0);
	fclose(fp);
	snprintf(result, sizeof(result), "%s", out);
	free(out);
out:
	fg_trie_free(&t);
	fg_pprof_free(set);
	return result;
}

static const char *
fold_o(const Profile *p, const struct fg_pprof_opts *o)
{
	size_t n;
	const uint8_t *b = pack(p, &n);

	return fold_bufs(o, 0, b, n, NULL, 0);
}

static const char *
fold(const Profile *p)
{
	struct fg_pprof_opts o = { 0 };

	return fold_o(p, &o);
}

/* main -> handle -> (inlined: copy_buf -> memcpy) and an address-only frame. */
static Profile *
sample_profile(void)
{
	Profile *p = prof_new();
	Sample *s;

	add_type(p, "samples", "count");
	add_type(p, "cpu", "nanoseconds");
	add_map(p, 1, "/usr/lib/libfoo.so.1");
	add_fn(p, 1, "main", "/src/a/../main.go");
	add_fn(p, 2, "handle", "srv.go");
	add_fn(p, 3, "memcpy", "./lib//mem.c");
	add_fn(p, 4, "copy_buf", "lib/copy.c");
	add_loc(p, 10, 0, 0x10, 1, (uint64_t)1, (int64_t)7);
	add_loc(p, 20, 0, 0x20, 1, (uint64_t)2, (int64_t)12);
	add_loc(p, 30, 0, 0x30, 2, (uint64_t)3, (int64_t)3, (uint64_t)4, (int64_t)44);
	add_loc(p, 40, 1, 0x1234, 0);
	add_loc(p, 50, 0, 0x50, 0);
	s = add_sample(p, "30,20,10", 2, (int64_t)3, (int64_t)30);
	add_label(p, s, "worker", "io", 0, NULL);
	add_label(p, s, "bytes", NULL, 1536, "bytes");
	s = add_sample(p, "30,20,10", 2, (int64_t)1, (int64_t)10);
	add_label(p, s, "worker", "cpu", 0, NULL);
	add_sample(p, "20,10", 2, (int64_t)2, (int64_t)20);
	add_sample(p, "40,20,10", 2, (int64_t)4, (int64_t)40);
	add_sample(p, "50,10", 2, (int64_t)5, (int64_t)50);
	add_sample(p, "", 2, (int64_t)9, (int64_t)90);	/* no locations: skipped */
	add_sample(p, "20,10", 2, (int64_t)0, (int64_t)0);	/* zero: dropped */
	return p;
}

static void
test_basic(void)
{
	Profile *p = sample_profile();
	struct fg_pprof_opts o = { 0 };
	size_t n, gn;
	const uint8_t *b;
	char want[8192];

	/* default column: the last type (cpu); inlined callee nearest the leaf */
	CHECK_STR(fold(p),
	    "main;<unknown> 50\n"
	    "main;handle 20\n"
	    "main;handle;[libfoo.so.1] 40\n"
	    "main;handle;copy_buf;memcpy 40\n");
	o.sample_index = "samples";
	CHECK_STR(fold_o(p, &o),
	    "main;<unknown> 5\n"
	    "main;handle 2\n"
	    "main;handle;[libfoo.so.1] 4\n"
	    "main;handle;copy_buf;memcpy 4\n");
	snprintf(want, sizeof(want), "%s", result);
	o.sample_index = "0";
	CHECK_STR(fold_o(p, &o), want);
	o.sample_index = "2";
	CHECK(strncmp(fold_o(p, &o), "E2: ", 4) == 0);
	o.sample_index = "nope";
	CHECK(strncmp(fold_o(p, &o), "E2: ", 4) == 0);
	/* default_sample_type names a type */
	p->default_sample_type = S(p, "samples");
	CHECK_STR(fold(p), "main;<unknown> 5\nmain;handle 2\n"
	    "main;handle;[libfoo.so.1] 4\nmain;handle;copy_buf;memcpy 4\n");
	/* ... or nothing: the last type again */
	p->default_sample_type = S(p, "main");
	CHECK(strstr(fold(p), "main;handle 20\n") != NULL);
	p->default_sample_type = 0;
	/* gzip gives the same; zero stacks kept with FG_W_ZERO */
	b = pack(p, &n);
	b = gzip(b, n, &gn);
	memset(&o, 0, sizeof(o));
	snprintf(want, sizeof(want), "%s", fold(p));
	CHECK_STR(fold_bufs(&o, 0, b, gn, NULL, 0), want);
	o.sample_index = "samples";
	p->sample[6]->value[1] = 5;	/* samples 0, cpu 5: not a zero sample */
	b = pack(p, &n);
	CHECK(strstr(fold_bufs(&o, FG_W_ZERO, b, n, NULL, 0), "main;handle 2\n") != NULL);
	p->sample[2]->value[0] = 0;
	b = pack(p, &n);
	CHECK(strstr(fold_bufs(&o, FG_W_ZERO, b, n, NULL, 0), "main;handle 0\n") != NULL);
	CHECK(strstr(fold_bufs(&o, 0, b, n, NULL, 0), "main;handle ") == NULL);
}

static void
test_naming(void)
{
	Profile *p = sample_profile();
	struct fg_pprof_opts o = { 0 };
	int64_t i;

	o.gran = FG_GRAN_LINES;
	CHECK_STR(fold_o(p, &o),
	    "main /src/main.go:7;<unknown> 50\n"
	    "main /src/main.go:7;handle srv.go:12 20\n"
	    "main /src/main.go:7;handle srv.go:12;[libfoo.so.1] 40\n"
	    "main /src/main.go:7;handle srv.go:12;copy_buf lib/copy.c:44;memcpy lib/mem.c:3 40\n");
	o.gran = FG_GRAN_FILES;
	CHECK_STR(fold_o(p, &o),
	    "/src/main.go;<unknown> 50\n"
	    "/src/main.go;srv.go 20\n"
	    "/src/main.go;srv.go;[libfoo.so.1] 40\n"
	    "/src/main.go;srv.go;lib/copy.c;lib/mem.c 40\n");
	o.gran = FG_GRAN_ADDRESSES;
	o.noinlines = 1;
	CHECK_STR(fold_o(p, &o),
	    "0000000000000010 main /src/main.go:7;0000000000000020 handle srv.go:12 20\n"
	    "0000000000000010 main /src/main.go:7;0000000000000020 handle srv.go:12;"
	    "0000000000000030 copy_buf lib/copy.c:44 40\n"
	    "0000000000000010 main /src/main.go:7;0000000000000020 handle srv.go:12;"
	    "0000000000001234 [libfoo.so.1] 40\n"
	    "0000000000000010 main /src/main.go:7;0000000000000050 <unknown> 50\n");
	memset(&o, 0, sizeof(o));
	o.mark_inline = 1;
	CHECK(strstr(fold_o(p, &o), "main;handle;copy_buf;memcpy_[i] 40\n") != NULL);
	o.mark_inline = 0;
	o.noinlines = 1;
	CHECK(strstr(fold_o(p, &o), "main;handle;copy_buf 40\n") != NULL);
	/* no escape in the folded format */
	i = S(p, "handle");
	p->string_table[i].data = (uint8_t *)"ha;n\td\x7fle";
	p->string_table[i].len = 9;
	CHECK(strstr(fold(p), "main;ha:n d le 20\n") != NULL);
}

static const char *
load_err(const uint8_t *b, size_t n)
{
	struct fg_pprof_opts o = { 0 };

	return fold_bufs(&o, 0, b, n, NULL, 0);
}

static const char *
perr(const Profile *p)
{
	size_t n;
	const uint8_t *b = pack(p, &n);

	return load_err(b, n);
}

static void
test_validation(void)
{
	Profile *p;
	size_t n, gn;
	uint8_t *b, *g, *g2;

	CHECK_STR(load_err((const uint8_t *)"", 0), "E1: p: empty input");
	CHECK_STR(load_err((const uint8_t *)"hello world", 11),
	    "E1: p: not a pprof profile (protobuf decoding failed)");
	CHECK(strstr(load_err((const uint8_t *)"heap profile: 1: 2 [3: 4] @ heap/1", 33),
	    "debug=0") != NULL);
	CHECK(strstr(load_err((const uint8_t *)"goroutine profile: total 3\n", 27),
	    "debug=0") != NULL);
	p = sample_profile();
	p->string_table[0].len = 1;
	p->string_table[0].data = (uint8_t *)"x";
	CHECK_STR(perr(p), "E1: p: malformed profile: string_table[0] is not empty");
	p = sample_profile();
	p->function[1]->name = 999;
	CHECK(strstr(perr(p), "string index 999 out of range") != NULL);
	p = sample_profile();
	p->sample[0]->label[0]->key = -1;
	CHECK(strstr(perr(p), "string index -1 out of range") != NULL);
	p = sample_profile();
	p->n_string_table = 0;
	CHECK(strstr(perr(p), "no string table") != NULL);
	p = sample_profile();
	p->sample[1]->location_id[0] = 77;
	CHECK(strstr(perr(p), "unknown location id 77") != NULL);
	p = sample_profile();
	p->location[0]->line[0]->function_id = 0;
	CHECK(strstr(perr(p), "unknown function id 0") != NULL);
	p = sample_profile();
	p->sample[2]->n_value = 1;
	CHECK(strstr(perr(p), "has 1 values for 2 sample types") != NULL);
	p = sample_profile();
	p->location[1]->id = 10;
	CHECK(strstr(perr(p), "duplicate location id 10") != NULL);
	p = sample_profile();
	p->function[0]->id = 0;
	CHECK(strstr(perr(p), "function with id 0") != NULL);
	/* a dangling mapping id is no mapping */
	p = sample_profile();
	p->location[3]->mapping_id = 99;
	CHECK(strstr(perr(p), "main;handle;<unknown> 40\n") != NULL);
	/* a second non-zero time_nanos: concatenated profiles */
	p = sample_profile();
	p->time_nanos = 5;
	b = pack(p, &n);
	g = fg_arena_alloc(&A, 2 * n);
	memcpy(g, b, n);
	memcpy(g + n, b, n);
	CHECK(strstr(load_err(g, 2 * n), "concatenated") != NULL);
	/* gzip: truncated, trailing data, a second member */
	g = gzip(b, n, &gn);
	CHECK_STR(load_err(g, gn - 5), "E1: p: truncated gzip data");
	g2 = fg_arena_alloc(&A, 2 * gn);
	memcpy(g2, g, gn);
	memcpy(g2 + gn, g, gn);
	CHECK(strstr(load_err(g2, 2 * gn), "data after the end of the gzip") != NULL);
	CHECK(strstr(load_err(g2, gn + 1), "data after the end of the gzip") != NULL);
	g[12] ^= 0xff;
	CHECK(strncmp(load_err(g, gn), "E1: p: ", 7) == 0);
	/* no sample types */
	p = prof_new();
	CHECK(strstr(perr(p), "no sample types") != NULL);
	/* every truncation of a valid profile is refused or decoded, never read past */
	p = sample_profile();
	b = pack(p, &n);
	for (gn = 0; gn < n; gn++) {
		uint8_t *c = malloc(gn + 1);

		memcpy(c, b, gn);
		(void)load_err(c, gn);
		free(c);
	}
}

static void
test_filters(void)
{
	Profile *p = sample_profile();
	struct fg_pprof_opts o = { 0 };

	o.focus = "copy";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 40\n");
	o.focus = NULL;
	o.ignore = "libfoo|copy";
	CHECK_STR(fold_o(p, &o), "main;<unknown> 50\nmain;handle 20\n");
	o.ignore = NULL;
	o.hide = "^handle$";
	CHECK_STR(fold_o(p, &o), "main 20\nmain;<unknown> 50\nmain;[libfoo.so.1] 40\n"
	    "main;copy_buf;memcpy 40\n");
	o.hide = NULL;
	o.show = "^(main|memcpy)$";
	CHECK_STR(fold_o(p, &o), "main 110\nmain;memcpy 40\n");
	o.show = NULL;
	o.show_from = "handle";
	CHECK_STR(fold_o(p, &o), "handle 20\nhandle;[libfoo.so.1] 40\n"
	    "handle;copy_buf;memcpy 40\n");
	o.show_from = "copy_buf";	/* inside an inline chain */
	CHECK_STR(fold_o(p, &o), "copy_buf;memcpy 40\n");
	o.show_from = "memcpy";		/* outer lines of the location are cut */
	CHECK_STR(fold_o(p, &o), "memcpy 40\n");
	o.show_from = NULL;
	o.prune_from = "^handle$";
	CHECK_STR(fold_o(p, &o), "main;<unknown> 50\nmain;handle 100\n");
	o.prune_from = "copy_buf";
	CHECK(strstr(fold_o(p, &o), "main;handle;copy_buf 40\n") != NULL);
	o.prune_from = NULL;
	o.focus = "\\d";		/* RE2's \d is translated: no digit in names */
	CHECK_STR(fold_o(p, &o), "main;handle;[libfoo.so.1] 40\n");
	o.focus = "(?:handle)(";
	CHECK(strncmp(fold_o(p, &o), "E2: --focus: bad regular expression", 35) == 0);
	o.focus = "(?i)MEMCPY";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 40\n");
	/* drop_frames: the matching frame and everything leafward go */
	o.focus = NULL;
	p->drop_frames = S(p, "copy_.*");
	CHECK_STR(fold(p), "main;<unknown> 50\nmain;handle 60\n"
	    "main;handle;[libfoo.so.1] 40\n");
	p->keep_frames = S(p, "copy_buf");
	CHECK(strstr(fold(p), "main;handle;copy_buf;memcpy 40\n") != NULL);
	p->drop_frames = S(p, "main");	/* the root is never dropped */
	p->keep_frames = 0;
	CHECK(strstr(fold(p), "main;handle 20\n") != NULL);
}

static void
test_tags(void)
{
	Profile *p = sample_profile();
	struct fg_pprof_opts o = { 0 };

	o.tagroot = "worker";
	o.focus = "copy";
	CHECK_STR(fold_o(p, &o), "cpu;main;handle;copy_buf;memcpy 10\n"
	    "io;main;handle;copy_buf;memcpy 30\n");
	o.focus = "^worker$";	/* pseudo-frames have the key as file name */
	CHECK(strstr(fold_o(p, &o), "<unknown>;main;handle 20\n") != NULL);
	o.focus = NULL;
	o.tagroot = "worker,bytes";
	o.tagleaf = "bytes";
	CHECK(strstr(fold_o(p, &o), "io;1.50kB;main;handle;copy_buf;memcpy;1.50kB 30\n") != NULL);
	o.unit = "bytes";
	CHECK(strstr(fold_o(p, &o), "io;1536B;main;handle;copy_buf;memcpy;1536B 30\n") != NULL);
	o.gran = FG_GRAN_LINES;
	o.tagleaf = NULL;
	o.unit = NULL;
	CHECK(strstr(fold_o(p, &o), "cpu worker;bytes;main /src/main.go:7;") != NULL);
}

/* pprof's parseTagFilterRange: what is a range, its bounds and unit. */
static void
test_tag_range(void)
{
	static const struct {
		const char *s;
		int	 rc, kind;
		double	 lo, hi;
		const char *unit;
	} c[] = {
		{ "64kb", 1, PP_R_EQ, 64, 64, "kB" },
		{ "1mb:", 1, PP_R_GE, 1, 1, "MB" },
		{ ":1kb", 1, PP_R_LE, 1, 1, "kB" },
		{ "16b:8kb", 1, PP_R_IN, 16, 8192, "B" },	/* the second in the first's unit */
		{ "2s:1500ms", 1, PP_R_IN, 2, 1.5, "s" },
		{ "1024", 1, PP_R_EQ, 1024, 1024, "" },
		{ "-5:+7", 1, PP_R_IN, -5, 7, "" },
		{ "3:5", 1, PP_R_IN, 3, 5, "" },
		{ "42widgets", 1, PP_R_EQ, 42, 42, "widgets" },	/* kept as written */
		{ "10bytes:", 1, PP_R_GE, 10, 10, "B" },
		{ "1kb:1ms", 0, 0, 0, 0, NULL },	/* units of two kinds */
		{ "1kb:2kb:3kb", 0, 0, 0, 0, NULL },	/* more than two */
		{ "x64kb", 0, 0, 0, 0, NULL },		/* not the whole value */
		{ "64kb,1mb", 0, 0, 0, 0, NULL },
		{ "1kb::", 0, 0, 0, 0, NULL },
		{ "mb", 0, 0, 0, 0, NULL },		/* no number: a regexp */
		{ "", 0, 0, 0, 0, NULL },
		{ "99999999999999999999", -1, 0, 0, 0, NULL },
		{ ":-9223372036854775809", -1, 0, 0, 0, NULL },
	};
	struct pp_range r;
	char msg[128];
	size_t i;
	int rc;

	for (i = 0; i < sizeof(c) / sizeof(c[0]); i++) {
		msg[0] = '\0';
		rc = pp_tag_range(c[i].s, &r, msg, sizeof(msg));
		CHECK(rc == c[i].rc);
		if (rc == -1)
			CHECK(strncmp(msg, "number out of range: ", 21) == 0);
		if (rc != 1 || c[i].rc != 1)
			continue;
		CHECK(r.kind == c[i].kind);
		CHECK(r.lo == c[i].lo);
		CHECK(r.hi == c[i].hi);
		CHECK_STR(r.unit, c[i].unit);
		free(r.unit);
	}
	/* values against a range, in the label's unit */
	CHECK(pp_tag_range("1kb:", &r, msg, sizeof(msg)) == 1);
	CHECK(pp_range_passes(&r, 1024, (struct str){ "bytes", 5 }));
	CHECK(!pp_range_passes(&r, 1023, (struct str){ "bytes", 5 }));
	CHECK(pp_range_passes(&r, 1, (struct str){ "kb", 2 }));
	CHECK(!pp_range_passes(&r, 5000, (struct str){ "ms", 2 }));	/* other kind */
	/* pprof's Scale leaves a unit it does not know alone and names it kB */
	CHECK(pp_range_passes(&r, 5000, (struct str){ "objects", 7 }));
	CHECK(!pp_range_passes(&r, 0, (struct str){ "objects", 7 }));
	free(r.unit);
	CHECK(pp_tag_range("3", &r, msg, sizeof(msg)) == 1);
	CHECK(pp_range_passes(&r, 3, (struct str){ "objects", 7 }));
	CHECK(pp_range_passes(&r, 3, (struct str){ "count", 5 }));
	CHECK(!pp_range_passes(&r, 3, (struct str){ "bytes", 5 }));	/* becomes B, not "" */
	free(r.unit);
}

/* -tagfocus / -tagignore on the sample profile's labels. */
static void
test_tag_filters(void)
{
	Profile *p = sample_profile();
	struct fg_pprof_opts o = { 0 };

	o.tagfocus = "worker=io";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 30\n");
	o.tagfocus = "worker=io,cpu";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 40\n");
	o.tagfocus = "worker:cpu";	/* bare: matched against KEY:VALUE */
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 10\n");
	o.tagfocus = "worker:cpu,worker:io";	/* bare: every one must match */
	CHECK_STR(fold_o(p, &o), "");
	o.tagfocus = "1kb:";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 30\n");
	o.tagfocus = "bytes=2kb:";
	CHECK_STR(fold_o(p, &o), "");
	o.tagfocus = NULL;
	o.tagignore = "worker";
	CHECK_STR(fold_o(p, &o), "main;<unknown> 50\nmain;handle 20\n"
	    "main;handle;[libfoo.so.1] 40\n");
	o.tagfocus = "worker=.";
	o.tagignore = "1536b";
	CHECK_STR(fold_o(p, &o), "main;handle;copy_buf;memcpy 10\n");
	o.tagignore = NULL;
	o.tagfocus = "worker=(";
	CHECK(strncmp(fold_o(p, &o), "E2: --tagfocus: bad regular expression: ", 40) == 0);
	o.tagfocus = NULL;
	o.tagignore = "99999999999999999999kb:";
	CHECK_STR(fold_o(p, &o), "E2: --tagignore: number out of range: 99999999999999999999");
}

static void
test_merge(void)
{
	Profile *a = sample_profile(), *b = sample_profile();
	struct fg_pprof_opts o = { 0 };
	size_t na, nb;
	const uint8_t *pa, *pb;

	b->sample[4]->value[1] = 20;	/* <unknown>: 50 -> 20 */
	b->sample[3]->value[1] = 0;
	b->sample[3]->value[0] = 0;	/* libfoo: gone */
	pa = pack(a, &na);
	pb = pack(b, &nb);
	CHECK_STR(fold_bufs(&o, 0, pa, na, pb, nb),
	    "main;<unknown> 30\nmain;handle;[libfoo.so.1] 40\n");
	o.diff_base = 1;
	CHECK_STR(fold_bufs(&o, 0, pa, na, pb, nb),
	    "main;<unknown> 30\nmain;handle;[libfoo.so.1] 40\n");
	CHECK(strstr(fold_bufs(&o, FG_W_ZERO, pa, na, pb, nb), "main;handle 0\n") != NULL);
	o.diff_base = 0;
	/*
	 * normalize: each source sample is scaled by 170/240 (the cpu
	 * totals, the sample without locations included) and rounded before
	 * the base is subtracted: 50 -> 35, 20 -> 14, 40 -> 28, and the two
	 * memcpy samples (their labels differ) 30 -> 21 and 10 -> 7.
	 */
	o.normalize = 1;
	CHECK_STR(fold_bufs(&o, 0, pa, na, pb, nb),
	    "main;<unknown> 15\nmain;handle -6\nmain;handle;[libfoo.so.1] 28\n"
	    "main;handle;copy_buf;memcpy -12\n");
	o.normalize = 0;
	/* incompatible sample types */
	b->sample_type[1]->unit = S(b, "bytes");
	pb = pack(b, &nb);
	CHECK(strncmp(fold_bufs(&o, 0, pa, na, pb, nb), "E1: ", 4) == 0);
}

/* Profiles in different units merge in the finer one, as pprof scales them. */
static void
test_units(void)
{
	Profile *a = prof_new(), *b = prof_new();
	struct fg_pprof_opts o = { 0 };
	size_t na, nb;
	const uint8_t *pa, *pb;
	struct fg_pprof_set *set = fg_pprof_new();
	struct fg_trie t;
	struct fg_err err;
	char *out = NULL;
	size_t len = 0;
	FILE *fp;

	add_type(a, "cpu", "nanoseconds");
	add_fn(a, 1, "main", "");
	add_loc(a, 1, 0, 0, 1, (uint64_t)1, (int64_t)0);
	add_sample(a, "1", 1, (int64_t)1500);
	add_type(b, "cpu", "milliseconds");
	add_fn(b, 5, "main", "");
	add_fn(b, 6, "f", "");
	add_loc(b, 7, 0, 0, 1, (uint64_t)5, (int64_t)0);
	add_loc(b, 8, 0, 0, 1, (uint64_t)6, (int64_t)0);
	add_sample(b, "7", 1, (int64_t)2);
	add_sample(b, "8,7", 1, (int64_t)3);
	pa = pack(a, &na);
	pb = pack(b, &nb);
	fg_trie_init(&t);
	CHECK(fg_pprof_load(set, "a", pa, na, &err) == 0);
	CHECK(fg_pprof_load(set, "b", pb, nb, &err) == 0);
	CHECK(fg_pprof_fold(set, &o, &t, &err) == 0);
	fp = open_memstream(&out, &len);
	CHECK(fg_folded_write(&t, fp, 0, &err) == 0);
	fclose(fp);
	CHECK_STR(out, "main 2001500\nmain;f 3000000\n");
	free(out);
	fg_trie_free(&t);
	fg_pprof_free(set);
	/* bytes do not merge with milliseconds */
	b->sample_type[0]->unit = S(b, "bytes");
	pb = pack(b, &nb);
	CHECK(strncmp(fold_bufs(&o, 0, pa, na, pb, nb), "E1: ", 4) == 0);
}

static void
test_mean(void)
{
	Profile *p = prof_new();
	struct fg_pprof_opts o = { 0 };

	add_type(p, "contentions", "count");
	add_type(p, "delay", "nanoseconds");
	add_fn(p, 1, "lock", "");
	add_loc(p, 1, 0, 0, 1, (uint64_t)1, (int64_t)0);
	add_loc(p, 2, 0, 0, 1, (uint64_t)1, (int64_t)0);	/* same content */
	add_sample(p, "1", 2, (int64_t)3, (int64_t)100);
	add_sample(p, "2", 2, (int64_t)1, (int64_t)21);
	o.mean = 1;
	/* identical locations merge first: (100 + 21) / (3 + 1) */
	CHECK_STR(fold_o(p, &o), "lock 30\n");
}

int
main(void)
{
	test_basic();
	test_naming();
	test_validation();
	test_filters();
	test_tags();
	test_tag_range();
	test_tag_filters();
	test_merge();
	test_units();
	test_mean();
	fg_arena_free(&A);
	return check_done();
}
