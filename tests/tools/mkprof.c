/* mkprof.c - write a pprof profile.proto from a small text description (a test helper). */
#include <errno.h>
#include <getopt.h>
#include <stdarg.h>
#include <stdlib.h>
#include <string.h>

#include <zlib.h>

#include "intern.h"
#include "profile.pb-c.h"
#include "util.h"

/*
 * The description, one directive a line ('#' starts a comment line).
 * Tokens are separated by blanks; inside a token \s is a space, \t a tab,
 * \n a newline, \\ a backslash and \xHH any byte.  A string operand is
 * added to the string table on first use, unless written #N: the raw
 * index N (which may be out of range or negative).
 *
 *   type NAME UNIT            a sample_type
 *   default NAME              default_sample_type
 *   period_type NAME UNIT / period N / time N / duration N
 *   comment TEXT / drop RE / keep RE
 *   mapping ID [FILE] [start=A] [limit=A] [offset=A] [buildid=S] [functions]
 *   function ID [name=S] [system=S] [file=S] [start=N]
 *   location ID [mapping=ID] [addr=A] [line=FID[:LINE[:COL]]]...
 *   sample LOC,LOC,...|- [values=V,V,...] [label=K:S] [numlabel=K:N[:UNIT]]
 *          [enc=packed|unpacked|mixed|split]
 *   encoding packed|unpacked|mixed|split   default enc of later samples
 *   packed on|off             the same as encoding packed|unpacked
 *   string TEXT               append TEXT to the string table as is
 *   string0 TEXT              replace string_table[0]
 *   nostrings                 write no string table at all
 *   unknown FIELD varint|fixed32|fixed64|bytes|string VALUE
 *                             an extra top-level field (bytes: hex)
 *   truncate N                keep the first N bytes of the message
 *                             (N < 0: drop -N bytes from its end)
 *   gzip on|off               compress (default on)
 *   append gzip|HEX           after the output: another gzip member of
 *                             the message, or raw bytes
 *   cut N                     keep the first N bytes of the output
 *
 * mapping, function, location and sample also take unknown=F:TYPE:VALUE.
 * Samples written other than packed are encoded here by hand and emitted
 * as raw field-2 records of the profile; protobuf-c writes the rest.
 * Ids are not checked: dangling and zero references are the point.
 */

enum enc { ENC_PACKED, ENC_UNPACKED, ENC_MIXED, ENC_SPLIT };

typedef Perftools__Profiles__Profile Profile;
typedef Perftools__Profiles__ValueType ValueType;
typedef Perftools__Profiles__Sample Sample;
typedef Perftools__Profiles__Label Label;
typedef Perftools__Profiles__Mapping Mapping;
typedef Perftools__Profiles__Location Location;
typedef Perftools__Profiles__Line Line;
typedef Perftools__Profiles__Function Function;

struct unk {
	ProtobufCMessageUnknownField *f;
	size_t	 n;
};

static const char *fname;
static unsigned long lineno;

static Profile prof = PERFTOOLS__PROFILES__PROFILE__INIT;
static struct fg_intern strs;		/* text -> intern id */
static int64_t *stridx;			/* intern id -> table index */
static size_t nstridx;
static int nostrings;
static struct unk top;
static enum enc defenc = ENC_PACKED;
static int gz = 1, havetrunc, havecut;
static long long trunc_n, cut_n;
static struct fg_buf appendix;		/* raw bytes after the output */
static int appendgz;

static _Noreturn void bad(const char *fmt, ...)
    __attribute__((format(printf, 1, 2)));

static _Noreturn void
bad(const char *fmt, ...)
{
	va_list ap;
	char m[512];

	va_start(ap, fmt);
	vsnprintf(m, sizeof(m), fmt, ap);
	va_end(ap);
	die("%s:%lu: %s", fname, lineno, m);
}

#define GROW(arr, n) ((arr) = xreallocarray((arr), (n) + 1, sizeof(*(arr))))

/* Decode the escapes of a token in place; return its length. */
static size_t
unescape(char *s)
{
	char *w = s, *r = s, hex[3];

	while (*r != '\0') {
		if (*r != '\\') {
			*w++ = *r++;
			continue;
		}
		switch (r[1]) {
		case 's': *w++ = ' '; r += 2; break;
		case 't': *w++ = '\t'; r += 2; break;
		case 'n': *w++ = '\n'; r += 2; break;
		case '\\': *w++ = '\\'; r += 2; break;
		case 'x':
			if (strspn(r + 2, "0123456789abcdefABCDEF") < 2)
				bad("bad escape in %s", s);
			hex[0] = r[2];
			hex[1] = r[3];
			hex[2] = '\0';
			*w++ = (char)strtoul(hex, NULL, 16);
			r += 4;
			break;
		default:
			bad("bad escape in %s", s);
		}
	}
	return (size_t)(w - s);
}

static uint64_t
num_u(const char *s)
{
	char *end;
	unsigned long long v;

	errno = 0;
	v = strtoull(s, &end, 0);
	if (*s == '\0' || *s == '-' || *end != '\0' || errno != 0)
		bad("bad number: %s", s);
	return v;
}

static int64_t
num_i(const char *s)
{
	char *end;
	long long v;

	errno = 0;
	v = strtoll(s, &end, 0);
	if (*s == '\0' || *end != '\0' || errno != 0)
		bad("bad number: %s", s);
	return v;
}

/* Append raw bytes to the string table. */
static int64_t
addstr(const char *s, size_t len)
{
	ProtobufCBinaryData *d;

	GROW(prof.string_table, prof.n_string_table);
	d = &prof.string_table[prof.n_string_table];
	d->data = xmalloc(len + 1);
	memcpy(d->data, s, len);
	d->len = len;
	return (int64_t)prof.n_string_table++;
}

/* String table index of an (escaped) operand. */
static int64_t
str(char *tok)
{
	uint32_t id;
	size_t len;

	if (tok[0] == '#')
		return num_i(tok + 1);
	len = unescape(tok);
	id = fg_intern(&strs, tok, len);
	while (nstridx <= id) {
		GROW(stridx, nstridx);
		stridx[nstridx++] = -1;
	}
	if (stridx[id] < 0)
		stridx[id] = len == 0 ? 0 : addstr(tok, len);
	return stridx[id];
}

static void
put_varint(struct fg_buf *b, uint64_t v)
{
	while (v >= 0x80) {
		fg_buf_putc(b, (char)(v | 0x80));
		v >>= 7;
	}
	fg_buf_putc(b, (char)v);
}

static void
put_tag(struct fg_buf *b, unsigned field, unsigned wire)
{
	put_varint(b, (uint64_t)field << 3 | wire);
}

static void
put_fixed(struct fg_buf *b, uint64_t v, int n)
{
	while (n-- > 0) {
		fg_buf_putc(b, (char)v);
		v >>= 8;
	}
}

static void
add_unknown(struct unk *u, unsigned field, ProtobufCWireType wt,
    const struct fg_buf *data)
{
	ProtobufCMessageUnknownField *f;

	GROW(u->f, u->n);
	f = &u->f[u->n++];
	f->tag = field;
	f->wire_type = wt;
	f->len = data->len;
	f->data = xmalloc(data->len + 1);
	memcpy(f->data, data->p, data->len);
}

static void
hexbytes(struct fg_buf *b, const char *s)
{
	char hex[3] = { 0 };

	if (strlen(s) % 2 != 0 || strspn(s, "0123456789abcdefABCDEF") != strlen(s))
		bad("bad hex: %s", s);
	for (; *s != '\0'; s += 2) {
		hex[0] = s[0];
		hex[1] = s[1];
		fg_buf_putc(b, (char)strtoul(hex, NULL, 16));
	}
}

/* An unknown field from FIELD, TYPE and VALUE. */
static void
unknown(struct unk *u, const char *field, const char *type, char *val)
{
	struct fg_buf b = { 0 };
	ProtobufCWireType wt;
	uint64_t f = num_u(field);
	size_t len;

	if (f == 0 || f > 536870911)
		bad("bad field number: %s", field);
	if (strcmp(type, "varint") == 0) {
		wt = PROTOBUF_C_WIRE_TYPE_VARINT;
		put_varint(&b, (uint64_t)num_i(val));
	} else if (strcmp(type, "fixed64") == 0) {
		wt = PROTOBUF_C_WIRE_TYPE_64BIT;
		put_fixed(&b, (uint64_t)num_i(val), 8);
	} else if (strcmp(type, "fixed32") == 0) {
		wt = PROTOBUF_C_WIRE_TYPE_32BIT;
		put_fixed(&b, (uint64_t)num_i(val), 4);
	} else if (strcmp(type, "bytes") == 0 || strcmp(type, "string") == 0) {
		struct fg_buf v = { 0 };

		wt = PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED;
		if (type[0] == 'b')
			hexbytes(&v, val);
		else {
			len = unescape(val);
			fg_buf_put(&v, val, len);
		}
		put_varint(&b, v.len);
		fg_buf_put(&b, v.p, v.len);
		fg_buf_free(&v);
	} else
		bad("unknown wire type: %s", type);
	add_unknown(u, (unsigned)f, wt, &b);
	fg_buf_free(&b);
}

/* unknown=F:TYPE:VALUE */
static void
unknown_attr(struct unk *u, char *v)
{
	char *t, *val;

	if ((t = strchr(v, ':')) == NULL || (val = strchr(t + 1, ':')) == NULL)
		bad("want unknown=FIELD:TYPE:VALUE: %s", v);
	*t++ = '\0';
	*val++ = '\0';
	unknown(u, v, t, val);
}

static void
attach(ProtobufCMessage *m, struct unk *u)
{
	m->n_unknown_fields = (unsigned)u->n;
	m->unknown_fields = u->f;
}

/* Split "key=value": returns value, NUL-terminates key. */
static char *
kv(char *tok)
{
	char *eq = strchr(tok, '=');

	if (eq == NULL)
		bad("want key=value: %s", tok);
	*eq = '\0';
	return eq + 1;
}

static ValueType *
valuetype(char *type, char *unit)
{
	ValueType *vt = xmalloc(sizeof(*vt));

	perftools__profiles__value_type__init(vt);
	vt->type = str(type);
	vt->unit = str(unit);
	return vt;
}

static void
do_mapping(char **tok, int n)
{
	Mapping *m = xmalloc(sizeof(*m));
	struct unk u = { 0 };
	char *v;
	int i;

	perftools__profiles__mapping__init(m);
	m->id = num_u(tok[1]);
	for (i = 2; i < n; i++) {
		if (strcmp(tok[i], "functions") == 0) {
			m->has_functions = 1;
			continue;
		}
		if (strchr(tok[i], '=') == NULL && i == 2) {
			m->filename = str(tok[i]);
			continue;
		}
		v = kv(tok[i]);
		if (strcmp(tok[i], "start") == 0)
			m->memory_start = num_u(v);
		else if (strcmp(tok[i], "limit") == 0)
			m->memory_limit = num_u(v);
		else if (strcmp(tok[i], "offset") == 0)
			m->file_offset = num_u(v);
		else if (strcmp(tok[i], "file") == 0)
			m->filename = str(v);
		else if (strcmp(tok[i], "buildid") == 0)
			m->build_id = str(v);
		else if (strcmp(tok[i], "unknown") == 0)
			unknown_attr(&u, v);
		else
			bad("unknown mapping attribute: %s", tok[i]);
	}
	attach(&m->base, &u);
	GROW(prof.mapping, prof.n_mapping);
	prof.mapping[prof.n_mapping++] = m;
}

static void
do_function(char **tok, int n)
{
	Function *f = xmalloc(sizeof(*f));
	struct unk u = { 0 };
	char *v;
	int i;

	perftools__profiles__function__init(f);
	f->id = num_u(tok[1]);
	for (i = 2; i < n; i++) {
		v = kv(tok[i]);
		if (strcmp(tok[i], "name") == 0)
			f->name = str(v);
		else if (strcmp(tok[i], "system") == 0)
			f->system_name = str(v);
		else if (strcmp(tok[i], "file") == 0)
			f->filename = str(v);
		else if (strcmp(tok[i], "start") == 0)
			f->start_line = num_i(v);
		else if (strcmp(tok[i], "unknown") == 0)
			unknown_attr(&u, v);
		else
			bad("unknown function attribute: %s", tok[i]);
	}
	attach(&f->base, &u);
	GROW(prof.function, prof.n_function);
	prof.function[prof.n_function++] = f;
}

static void
do_location(char **tok, int n)
{
	Location *l = xmalloc(sizeof(*l));
	struct unk u = { 0 };
	char *v, *c;
	Line *ln;
	int i;

	perftools__profiles__location__init(l);
	l->id = num_u(tok[1]);
	for (i = 2; i < n; i++) {
		v = kv(tok[i]);
		if (strcmp(tok[i], "mapping") == 0)
			l->mapping_id = num_u(v);
		else if (strcmp(tok[i], "addr") == 0)
			l->address = num_u(v);
		else if (strcmp(tok[i], "line") == 0) {
			ln = xmalloc(sizeof(*ln));
			perftools__profiles__line__init(ln);
			if ((c = strchr(v, ':')) != NULL) {
				*c++ = '\0';
				if ((v = strchr(c, ':')) != NULL) {
					*v++ = '\0';
					ln->column = num_i(v);
				}
				ln->line = num_i(c);
			}
			ln->function_id = num_u(tok[i] + 5);
			GROW(l->line, l->n_line);
			l->line[l->n_line++] = ln;
		} else if (strcmp(tok[i], "unknown") == 0)
			unknown_attr(&u, v);
		else
			bad("unknown location attribute: %s", tok[i]);
	}
	attach(&l->base, &u);
	GROW(prof.location, prof.n_location);
	prof.location[prof.n_location++] = l;
}

static enum enc
parse_enc(const char *s)
{
	if (strcmp(s, "packed") == 0 || strcmp(s, "on") == 0)
		return ENC_PACKED;
	if (strcmp(s, "unpacked") == 0 || strcmp(s, "off") == 0)
		return ENC_UNPACKED;
	if (strcmp(s, "mixed") == 0)
		return ENC_MIXED;
	if (strcmp(s, "split") == 0)
		return ENC_SPLIT;
	bad("unknown encoding: %s", s);
}

/*
 * A repeated varint field written by hand: unpacked elements [0, k),
 * the rest as one packed record.
 */
static void
put_repeated(struct fg_buf *b, unsigned field, const uint64_t *v, size_t n,
    size_t k)
{
	struct fg_buf p = { 0 };
	size_t i;

	for (i = 0; i < n && i < k; i++) {
		put_tag(b, field, 0);
		put_varint(b, v[i]);
	}
	if (i < n) {
		for (; i < n; i++)
			put_varint(&p, v[i]);
		put_tag(b, field, 2);
		put_varint(b, p.len);
		fg_buf_put(b, p.p, p.len);
	}
	fg_buf_free(&p);
}

/* A sample in a form protobuf-c does not write: a raw field-2 record. */
static void
raw_sample(Sample *s, enum enc e, struct unk *u)
{
	struct fg_buf b = { 0 }, rec = { 0 };
	uint8_t *lb;
	size_t i, n, kl, kv_;

	switch (e) {
	case ENC_UNPACKED:
		kl = kv_ = SIZE_MAX;
		break;
	case ENC_MIXED:		/* location ids packed, values unpacked */
		kl = 0;
		kv_ = SIZE_MAX;
		break;
	default:		/* split: first element unpacked, rest packed */
		kl = kv_ = 1;
		break;
	}
	put_repeated(&b, 1, s->location_id, s->n_location_id, kl);
	put_repeated(&b, 2, (const uint64_t *)s->value, s->n_value, kv_);
	for (i = 0; i < s->n_label; i++) {
		n = perftools__profiles__label__get_packed_size(s->label[i]);
		lb = xmalloc(n + 1);
		perftools__profiles__label__pack(s->label[i], lb);
		put_tag(&b, 3, 2);
		put_varint(&b, n);
		fg_buf_put(&b, lb, n);
		free(lb);
	}
	for (i = 0; i < u->n; i++) {
		put_tag(&b, u->f[i].tag, u->f[i].wire_type);
		fg_buf_put(&b, u->f[i].data, u->f[i].len);
	}
	put_varint(&rec, b.len);
	fg_buf_put(&rec, b.p, b.len);
	add_unknown(&top, 2, PROTOBUF_C_WIRE_TYPE_LENGTH_PREFIXED, &rec);
	fg_buf_free(&b);
	fg_buf_free(&rec);
}

/* A sample that went out as raw bytes is not kept. */
static void
free_sample(Sample *s, struct unk *u)
{
	size_t i;

	for (i = 0; i < s->n_label; i++)
		free(s->label[i]);
	for (i = 0; i < u->n; i++)
		free(u->f[i].data);
	free(u->f);
	free(s->label);
	free(s->location_id);
	free(s->value);
	free(s);
}

static void
do_sample(char **tok, int n)
{
	Sample *s = xmalloc(sizeof(*s));
	struct unk u = { 0 };
	enum enc e = defenc;
	char *v, *p, *c;
	Label *lab;
	int i;

	perftools__profiles__sample__init(s);
	if (strcmp(tok[1], "-") != 0)
		for (p = strtok(tok[1], ","); p != NULL; p = strtok(NULL, ",")) {
			GROW(s->location_id, s->n_location_id);
			s->location_id[s->n_location_id++] = num_u(p);
		}
	for (i = 2; i < n; i++) {
		v = kv(tok[i]);
		if (strcmp(tok[i], "values") == 0) {
			for (p = strtok(v, ","); p != NULL; p = strtok(NULL, ",")) {
				GROW(s->value, s->n_value);
				s->value[s->n_value++] = num_i(p);
			}
		} else if (strcmp(tok[i], "label") == 0 ||
		    strcmp(tok[i], "numlabel") == 0) {
			lab = xmalloc(sizeof(*lab));
			perftools__profiles__label__init(lab);
			if ((c = strchr(v, ':')) == NULL)
				bad("want KEY:VALUE: %s", v);
			*c++ = '\0';
			lab->key = str(v);
			if (tok[i][0] == 'l')
				lab->str = str(c);
			else {
				if ((p = strchr(c, ':')) != NULL) {
					*p++ = '\0';
					lab->num_unit = str(p);
				}
				lab->num = num_i(c);
			}
			GROW(s->label, s->n_label);
			s->label[s->n_label++] = lab;
		} else if (strcmp(tok[i], "enc") == 0)
			e = parse_enc(v);
		else if (strcmp(tok[i], "unknown") == 0)
			unknown_attr(&u, v);
		else
			bad("unknown sample attribute: %s", tok[i]);
	}
	if (e != ENC_PACKED) {
		raw_sample(s, e, &u);
		free_sample(s, &u);
		return;
	}
	attach(&s->base, &u);
	GROW(prof.sample, prof.n_sample);
	prof.sample[prof.n_sample++] = s;
}

static int
onoff(const char *s)
{
	if (strcmp(s, "on") == 0)
		return 1;
	if (strcmp(s, "off") == 0)
		return 0;
	bad("want on or off: %s", s);
}

static void
directive(char **tok, int n)
{
	const char *d = tok[0];
	int want;

	want = strcmp(d, "type") == 0 || strcmp(d, "period_type") == 0 ? 3 :
	    strcmp(d, "unknown") == 0 ? 4 : strcmp(d, "nostrings") == 0 ? 1 : 2;
	if (strcmp(d, "mapping") == 0 || strcmp(d, "function") == 0 ||
	    strcmp(d, "location") == 0 || strcmp(d, "sample") == 0) {
		if (n < 2)
			bad("%s: missing operand", d);
	} else if (n != want)
		bad("%s: wrong number of operands", d);

	if (strcmp(d, "type") == 0) {
		GROW(prof.sample_type, prof.n_sample_type);
		prof.sample_type[prof.n_sample_type++] = valuetype(tok[1], tok[2]);
	} else if (strcmp(d, "period_type") == 0)
		prof.period_type = valuetype(tok[1], tok[2]);
	else if (strcmp(d, "default") == 0)
		prof.default_sample_type = str(tok[1]);
	else if (strcmp(d, "period") == 0)
		prof.period = num_i(tok[1]);
	else if (strcmp(d, "time") == 0)
		prof.time_nanos = num_i(tok[1]);
	else if (strcmp(d, "duration") == 0)
		prof.duration_nanos = num_i(tok[1]);
	else if (strcmp(d, "comment") == 0) {
		GROW(prof.comment, prof.n_comment);
		prof.comment[prof.n_comment++] = str(tok[1]);
	} else if (strcmp(d, "drop") == 0)
		prof.drop_frames = str(tok[1]);
	else if (strcmp(d, "keep") == 0)
		prof.keep_frames = str(tok[1]);
	else if (strcmp(d, "mapping") == 0)
		do_mapping(tok, n);
	else if (strcmp(d, "function") == 0)
		do_function(tok, n);
	else if (strcmp(d, "location") == 0)
		do_location(tok, n);
	else if (strcmp(d, "sample") == 0)
		do_sample(tok, n);
	else if (strcmp(d, "encoding") == 0 || strcmp(d, "packed") == 0)
		defenc = parse_enc(tok[1]);
	else if (strcmp(d, "string") == 0)
		addstr(tok[1], unescape(tok[1]));
	else if (strcmp(d, "string0") == 0) {
		size_t len = unescape(tok[1]);

		free(prof.string_table[0].data);
		prof.string_table[0].data = xmalloc(len + 1);
		memcpy(prof.string_table[0].data, tok[1], len);
		prof.string_table[0].len = len;
	} else if (strcmp(d, "nostrings") == 0)
		nostrings = 1;
	else if (strcmp(d, "unknown") == 0)
		unknown(&top, tok[1], tok[2], tok[3]);
	else if (strcmp(d, "truncate") == 0) {
		havetrunc = 1;
		trunc_n = num_i(tok[1]);
	} else if (strcmp(d, "gzip") == 0)
		gz = onoff(tok[1]);
	else if (strcmp(d, "append") == 0) {
		if (strcmp(tok[1], "gzip") == 0)
			appendgz++;
		else
			hexbytes(&appendix, tok[1]);
	} else if (strcmp(d, "cut") == 0) {
		havecut = 1;
		cut_n = num_i(tok[1]);
	} else
		bad("unknown directive: %s", d);
}

static void
gzip_member(struct fg_buf *out, const uint8_t *p, size_t n)
{
	z_stream z;
	size_t bound;

	memset(&z, 0, sizeof(z));
	/* 31: a gzip wrapper with mtime 0, so the output is reproducible */
	if (deflateInit2(&z, 9, Z_DEFLATED, 31, 8, Z_DEFAULT_STRATEGY) != Z_OK)
		die("deflateInit2 failed");
	bound = deflateBound(&z, n) + 32;
	if (out->cap - out->len < bound)
		fg_buf_grow(out, bound);
	z.next_in = (uint8_t *)p;
	z.avail_in = (uInt)n;
	z.next_out = (uint8_t *)out->p + out->len;
	z.avail_out = (uInt)bound;
	if (deflate(&z, Z_FINISH) != Z_STREAM_END)
		die("deflate failed");
	out->len += bound - z.avail_out;
	deflateEnd(&z);
}

static size_t
cutlen(size_t len, long long n)
{
	if (n < 0)
		return (unsigned long long)-n >= len ? 0 : len - (size_t)-n;
	return (unsigned long long)n < len ? (size_t)n : len;
}

static _Noreturn void
usage(FILE *fp, int status)
{
	fprintf(fp, "usage: %s [-o file] [description]\n", progname);
	exit(status);
}

int
main(int argc, char *argv[])
{
	static const struct option lo[] = {
		{ "help", no_argument, NULL, 'h' },
		{ NULL, 0, NULL, 0 }
	};
	struct fg_buf out = { 0 };
	struct fg_ofile of;
	struct fg_err err;
	const char *opath = NULL;
	char *buf, *line, *next, *tok[64], *p;
	size_t len, msglen, nst;
	uint8_t *msg;
	int ch, n;

	setprogname(argv[0]);
	opterr = 0;
	while ((ch = getopt_long(argc, argv, ":ho:", lo, NULL)) != -1) {
		switch (ch) {
		case 'h':
			usage(stdout, 0);
		case 'o':
			opath = optarg;
			break;
		case ':':
			die_usage("%s: missing argument", argv[optind - 1]);
		default:
			die_usage("%s: unknown option", argv[optind - 1]);
		}
	}
	if (argc - optind > 1)
		usage(stderr, 2);
	fname = fg_inname(optind < argc ? argv[optind] : NULL);
	if (fg_read_file(optind < argc ? argv[optind] : NULL, &buf, &len, &err) != 0)
		die("%s", err.msg);

	fg_intern_init(&strs);
	addstr("", 0);		/* string_table[0]; intern id 0 is "" too */
	for (line = buf; line != NULL && *line != '\0'; line = next) {
		lineno++;
		if ((next = strchr(line, '\n')) != NULL)
			*next++ = '\0';
		n = 0;
		for (p = strtok(line, " \t\r"); p != NULL; p = strtok(NULL, " \t\r")) {
			if (n == 64)
				bad("%s: too many tokens", tok[0]);
			tok[n++] = p;
		}
		/* strtok is reused inside directives: take the tokens first */
		if (n == 0 || tok[0][0] == '#')
			continue;
		directive(tok, n);
	}

	attach(&prof.base, &top);
	nst = prof.n_string_table;
	if (nostrings)
		prof.n_string_table = 0;
	msglen = perftools__profiles__profile__get_packed_size(&prof);
	msg = xmalloc(msglen + 1);
	if (perftools__profiles__profile__pack(&prof, msg) != msglen)
		die("protobuf-c packed a different size");
	prof.n_string_table = nst;
	if (havetrunc)
		msglen = cutlen(msglen, trunc_n);
	if (gz) {
		gzip_member(&out, msg, msglen);
		while (appendgz-- > 0)
			gzip_member(&out, msg, msglen);
	} else
		fg_buf_put(&out, msg, msglen);
	if (appendix.len > 0)
		fg_buf_put(&out, appendix.p, appendix.len);
	if (havecut)
		out.len = cutlen(out.len, cut_n);

	if (fg_ofile_open(&of, opath, &err) != 0)
		die("%s", err.msg);
	if (out.len > 0 && fwrite(out.p, 1, out.len, of.fp) != out.len) {
		fg_ofile_abort(&of);
		die("%s:", opath != NULL ? opath : "<stdout>");
	}
	if (fg_ofile_commit(&of, &err) != 0)
		die("%s", err.msg);
	/* a test helper: the process exit frees the model */
	free(msg);
	free(buf);
	fg_buf_free(&out);
	return close_stream(stdout, "<stdout>");
}
