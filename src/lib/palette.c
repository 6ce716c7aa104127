/* palette.c - frame colours: flamegraph.pl's palettes, per name, differential. */
#include <errno.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>

#include "util.h"
#include "utf8.h"
#include "palette.h"

const char fg_palette_names[] = "hot, mem, io, wakeup, chain, java, js, "
    "perl, red, green, blue, aqua, yellow, purple, orange";

static const char *const palnames[] = {
	"hot", "mem", "io", "wakeup", "chain", "java", "js", "perl", "red",
	"green", "blue", "aqua", "yellow", "purple", "orange"
};

int
fg_palette_parse(const char *name)
{
	size_t i;

	for (i = 0; i < sizeof(palnames) / sizeof(palnames[0]); i++)
		if (strcmp(name, palnames[i]) == 0)
			return (int)i;
	return -1;
}

static int
hexdig(char c)
{
	if (c >= '0' && c <= '9')
		return c - '0';
	if (c >= 'a' && c <= 'f')
		return c - 'a' + 10;
	if (c >= 'A' && c <= 'F')
		return c - 'A' + 10;
	return -1;
}

static struct fg_rgb
rgb(int r, int g, int b)
{
	struct fg_rgb c;

	c.r = (uint8_t)r;
	c.g = (uint8_t)g;
	c.b = (uint8_t)b;
	return c;
}

int
fg_palette_bg(const char *name, int pal, struct fg_rgb *top,
    struct fg_rgb *bottom)
{
	int i, d[6];

	if (name == NULL || *name == '\0') {
		if (pal == FG_PAL_MEM)
			name = "green";
		else if (pal == FG_PAL_IO || pal == FG_PAL_WAKEUP ||
		    pal == FG_PAL_CHAIN)
			name = "blue";
		else if (pal >= FG_PAL_RED)
			name = "grey";
		else
			name = "yellow";
	}
	if (strcmp(name, "yellow") == 0) {
		*top = rgb(0xee, 0xee, 0xee);
		*bottom = rgb(0xee, 0xee, 0xb0);
	} else if (strcmp(name, "blue") == 0) {
		*top = rgb(0xee, 0xee, 0xee);
		*bottom = rgb(0xe0, 0xe0, 0xff);
	} else if (strcmp(name, "green") == 0) {
		*top = rgb(0xee, 0xf2, 0xee);
		*bottom = rgb(0xe0, 0xff, 0xe0);
	} else if (strcmp(name, "grey") == 0) {
		*top = rgb(0xf8, 0xf8, 0xf8);
		*bottom = rgb(0xe8, 0xe8, 0xe8);
	} else if (name[0] == '#' && strlen(name) == 7) {
		for (i = 0; i < 6; i++)
			if ((d[i] = hexdig(name[i + 1])) < 0)
				return -1;
		*top = rgb(d[0] * 16 + d[1], d[2] * 16 + d[3], d[4] * 16 + d[5]);
		*bottom = *top;
	} else
		return -1;
	return 0;
}

void
fg_palette_init(struct fg_palette *p, int pal, int mode, uint64_t seed)
{
	memset(p, 0, sizeof(*p));
	p->pal = pal;
	p->mode = mode;
	p->rng = seed != 0 ? seed : 0x853c49e6748fea9bULL;
}

void
fg_palette_free(struct fg_palette *p)
{
	free(p->cp);
	memset(p, 0, sizeof(*p));
}

/* Decode name into p->cp; return the number of characters. */
static size_t
decode(struct fg_palette *p, const char *s, size_t len)
{
	size_t n = 0, k;

	if (len > p->cpcap) {
		p->cpcap = len + 16;
		p->cp = xreallocarray(p->cp, p->cpcap, sizeof(*p->cp));
	}
	while (len > 0) {
		k = fg_utf8_next(s, len, &p->cp[n++]);
		s += k;
		len -= k;
	}
	return n;
}

/*
 * flamegraph.pl seeds Perl's drand48 with the sum of the name's code
 * points (unpack "%32W*") and draws once: x0 = seed << 16 | 0x330E,
 * x1 = (0x5DEECE66D * x0 + 0xB) mod 2^48, v = x1 / 2^48.
 */
static double
seedvalue(const uint32_t *cp, size_t n)
{
	uint32_t sum = 0;
	uint64_t x;
	size_t i;

	for (i = 0; i < n; i++)
		sum += cp[i];
	x = ((uint64_t)sum << 16) + 0x330e;
	x = (x * 0x5deece66dULL + 0xb) & ((1ULL << 48) - 1);
	return ldexp((double)x, -48);
}

double
fg_palette_seedvalue(const char *name, size_t len)
{
	struct fg_palette p;
	double v;
	size_t n;

	fg_palette_init(&p, FG_PAL_HOT, FG_COLOR_NAME, 0);
	n = decode(&p, name, len);
	v = seedvalue(p.cp, n);
	fg_palette_free(&p);
	return v;
}

/*
 * flamegraph.pl's namehash: drop a leading "module`" (at least one
 * character before the first backtick), then weigh the first three
 * characters, earlier ones more.  rev reads cp[] backwards.
 */
static double
namehash(const uint32_t *cp, size_t n, int rev)
{
	double vector = 0, weight = 1, max = 1;
	size_t i, start = 0, k;
	int mod = 10;

#define AT(j)	(rev ? cp[n - 1 - (j)] : cp[(j)])
	for (i = 1; i < n; i++)
		if (AT(i) == '`') {
			start = i + 1;
			break;
		}
	for (k = start; k < n; k++) {
		int c = (int)(AT(k) % (uint32_t)mod);

		vector += ((double)c / (mod++ - 1)) * weight;
		max += 1 * weight;
		weight *= 0.70;
		if (mod > 12)
			break;
	}
#undef AT
	return 1 - vector / max;
}

static double
rnd(struct fg_palette *p)
{
	/* xorshift64*: --random asks for colours that differ per run */
	p->rng ^= p->rng >> 12;
	p->rng ^= p->rng << 25;
	p->rng ^= p->rng >> 27;
	return ldexp((double)((p->rng * 0x2545f4914f6cdd1dULL) >> 11), -53);
}

static int
endswith(const char *s, size_t len, const char *suf)
{
	size_t n = strlen(suf);

	return len >= n && memcmp(s + len - n, suf, n) == 0;
}

static int
contains(const char *s, size_t len, const char *sub)
{
	size_t n = strlen(sub), i;

	for (i = 0; i + n <= len; i++)
		if (memcmp(s + i, sub, n) == 0)
			return 1;
	return 0;
}

/* m:/.*\.js: - a '/' with ".js" somewhere after it */
static int
slash_js(const char *s, size_t len)
{
	const char *slash = memchr(s, '/', len);

	return slash != NULL &&
	    contains(slash + 1, len - (size_t)(slash + 1 - s), ".js");
}

/* m:^L?(java|javax|jdk|net|org|com|io|sun)/: */
static int
javapkg(const char *s, size_t len)
{
	static const char *const pk[] = {
		"java/", "javax/", "jdk/", "net/", "org/", "com/", "io/", "sun/"
	};
	size_t i, k;

	for (k = 0; k < 2; k++) {
		if (k == 1 && (len == 0 || s[0] != 'L'))
			break;
		for (i = 0; i < sizeof(pk) / sizeof(pk[0]); i++)
			if (len - k >= strlen(pk[i]) &&
			    memcmp(s + k, pk[i], strlen(pk[i])) == 0)
				return 1;
	}
	return 0;
}

/* The flat palette a multi palette picks for a name. */
static int
flatten(int pal, const char *s, size_t len)
{
	switch (pal) {
	case FG_PAL_JAVA:
		if (endswith(s, len, "_[j]"))
			return FG_PAL_GREEN;
		if (endswith(s, len, "_[i]"))
			return FG_PAL_AQUA;
		if (javapkg(s, len))
			return FG_PAL_GREEN;
		if (contains(s, len, ":::"))
			return FG_PAL_GREEN;
		if (contains(s, len, "::"))
			return FG_PAL_YELLOW;
		if (endswith(s, len, "_[k]"))
			return FG_PAL_ORANGE;
		return FG_PAL_RED;
	case FG_PAL_PERL:
		if (contains(s, len, "::"))
			return FG_PAL_YELLOW;
		if (contains(s, len, "Perl") || contains(s, len, ".pl"))
			return FG_PAL_GREEN;
		if (endswith(s, len, "_[k]"))
			return FG_PAL_ORANGE;
		return FG_PAL_RED;
	case FG_PAL_JS:
		if (endswith(s, len, "_[j]"))
			return memchr(s, '/', len) != NULL ? FG_PAL_GREEN : FG_PAL_AQUA;
		if (contains(s, len, "::"))
			return FG_PAL_YELLOW;
		if (slash_js(s, len))
			return FG_PAL_GREEN;
		if (memchr(s, ':', len) != NULL)
			return FG_PAL_AQUA;
		if (len == 1 && s[0] == ' ')
			return FG_PAL_GREEN;
		if (contains(s, len, "_[k]"))
			return FG_PAL_ORANGE;
		return FG_PAL_RED;
	case FG_PAL_WAKEUP:
		return FG_PAL_AQUA;
	case FG_PAL_CHAIN:
		return contains(s, len, "_[w]") ? FG_PAL_AQUA : FG_PAL_BLUE;
	}
	return pal;
}

struct fg_rgb
fg_palette_color(struct fg_palette *p, const char *name, size_t len)
{
	double v1, v2, v3;
	size_t n;

	switch (p->mode) {
	case FG_COLOR_HASH:
		n = decode(p, name, len);
		v1 = namehash(p->cp, n, 0);
		v2 = v3 = namehash(p->cp, n, 1);
		break;
	case FG_COLOR_RANDOM:
		v1 = rnd(p);
		v2 = rnd(p);
		v3 = rnd(p);
		break;
	default:
		n = decode(p, name, len);
		v1 = v2 = v3 = seedvalue(p->cp, n);
		break;
	}
	switch (flatten(p->pal, name, len)) {
	case FG_PAL_HOT:
		return rgb(205 + (int)(50 * v3), (int)(230 * v1), (int)(55 * v2));
	case FG_PAL_MEM:
		return rgb(0, 190 + (int)(50 * v2), (int)(210 * v1));
	case FG_PAL_IO:
		return rgb(80 + (int)(60 * v1), 80 + (int)(60 * v1),
		    190 + (int)(55 * v2));
	case FG_PAL_RED:
		return rgb(200 + (int)(55 * v1), 50 + (int)(80 * v1),
		    50 + (int)(80 * v1));
	case FG_PAL_GREEN:
		return rgb(50 + (int)(60 * v1), 200 + (int)(55 * v1),
		    50 + (int)(60 * v1));
	case FG_PAL_BLUE:
		return rgb(80 + (int)(60 * v1), 80 + (int)(60 * v1),
		    205 + (int)(50 * v1));
	case FG_PAL_YELLOW:
		return rgb(175 + (int)(55 * v1), 175 + (int)(55 * v1),
		    50 + (int)(20 * v1));
	case FG_PAL_PURPLE:
		return rgb(190 + (int)(65 * v1), 80 + (int)(60 * v1),
		    190 + (int)(65 * v1));
	case FG_PAL_AQUA:
		return rgb(50 + (int)(60 * v1), 165 + (int)(55 * v1),
		    165 + (int)(55 * v1));
	case FG_PAL_ORANGE:
		return rgb(190 + (int)(65 * v1), 90 + (int)(65 * v1), 0);
	}
	return rgb(0, 0, 0);
}

struct fg_rgb
fg_palette_delta(double delta, double maxdelta)
{
	int c;

	if (!(maxdelta >= 1))
		maxdelta = 1;
	if (delta > maxdelta)
		delta = maxdelta;
	if (delta < -maxdelta)
		delta = -maxdelta;
	if (delta > 0) {
		c = (int)(210 * (maxdelta - delta) / maxdelta);
		return rgb(255, c, c);
	}
	if (delta < 0) {
		c = (int)(210 * (maxdelta + delta) / maxdelta);
		return rgb(c, c, 255);
	}
	return rgb(255, 255, 255);
}

static int
is_sep(const struct fg_intern *names, uint32_t id)
{
	const struct fg_name *nm = fg_intern_get(names, id);

	return nm->len == 2 && nm->s[0] == '-' && nm->s[1] == '-';
}

size_t
fg_palette_chain(struct fg_intern *names, const uint32_t *in, size_t n,
    uint32_t *out, struct fg_buf *tmp)
{
	const struct fg_name *nm;
	size_t i, k, first = 0, next;
	uint32_t sep = fg_intern(names, "--", 2);

	/* Perl's split ";--;": a separator needs a ';' on each side */
	for (i = 1; i + 1 < n; i++)
		if (is_sep(names, in[i])) {
			first = i;
			break;
		}
	if (first == 0) {
		k = 0;
		if (n == 0)
			out[k++] = 0;		/* ";--;" splits to "", "--" */
		memcpy(out + k, in, n * sizeof(*in));
		out[k + n] = sep;
		return k + n + 1;
	}
	memcpy(out, in, (first + 1) * sizeof(*in));
	next = first + 2;		/* the earliest later separator */
	for (i = first + 1; i < n; i++) {
		if (i >= next && i + 1 < n && is_sep(names, in[i])) {
			out[i] = in[i];
			next = i + 2;
			continue;
		}
		nm = fg_intern_get(names, in[i]);
		tmp->len = 0;
		fg_buf_put(tmp, nm->s, nm->len);
		fg_buf_put(tmp, "_[w]", 4);
		out[i] = fg_intern(names, tmp->p, tmp->len);
	}
	return n;
}

void
fg_palmap_init(struct fg_palmap *m)
{
	memset(m, 0, sizeof(*m));
	fg_intern_init(&m->names);
}

void
fg_palmap_free(struct fg_palmap *m)
{
	fg_intern_free(&m->names);
	free(m->rgb);
	free(m->set);
	memset(m, 0, sizeof(*m));
}

void
fg_palmap_set(struct fg_palmap *m, const char *name, size_t len, struct fg_rgb c)
{
	uint32_t id = fg_intern(&m->names, name, len), old = m->cap;

	if (id >= m->cap) {
		m->cap = m->names.cap > id ? m->names.cap : id + 1;
		m->rgb = xreallocarray(m->rgb, m->cap, sizeof(*m->rgb));
		m->set = xrealloc(m->set, m->cap);
		memset(m->set + old, 0, m->cap - old);
	}
	m->rgb[id] = c;
	m->set[id] = 1;
}

int
fg_palmap_get(const struct fg_palmap *m, const char *name, size_t len, struct fg_rgb *c)
{
	uint32_t id = fg_intern_find(&m->names, name, len);

	if (id == UINT32_MAX || id >= m->cap || !m->set[id])
		return 0;
	*c = m->rgb[id];
	return 1;
}

/* Parse a decimal 0..255 at *s; advance it.  -1 when there is none. */
static int
byte(const char **s, const char *end)
{
	int v = 0, nd = 0;

	while (*s < end && **s >= '0' && **s <= '9' && nd < 4) {
		v = v * 10 + (**s - '0');
		(*s)++;
		nd++;
	}
	return nd == 0 || nd == 4 || v > 255 ? -1 : v;
}

static int
expect(const char **s, const char *end, const char *lit)
{
	size_t n = strlen(lit);

	if ((size_t)(end - *s) < n || memcmp(*s, lit, n) != 0)
		return -1;
	*s += n;
	return 0;
}

void
fg_palmap_parse(struct fg_palmap *m, const char *buf, size_t len)
{
	const char *p = buf, *end = buf + len, *nl, *arrow, *q, *e;
	unsigned long long lineno = 0;
	int c[3], k;

	for (; p < end; p = nl + 1) {
		lineno++;
		nl = memchr(p, '\n', (size_t)(end - p));
		if (nl == NULL)
			nl = end;
		e = nl;
		if (e > p && e[-1] == '\r')
			e--;
		if (e == p)
			continue;
		arrow = NULL;
		for (q = p; q + 1 < e; q++)
			if (q[0] == '-' && q[1] == '>')
				arrow = q;
		if (arrow == NULL)
			goto bad;
		q = arrow + 2;
		if (expect(&q, e, "rgb(") != 0)
			goto bad;
		for (k = 0; k < 3; k++) {
			if ((c[k] = byte(&q, e)) < 0)
				goto bad;
			if (expect(&q, e, k < 2 ? "," : ")") != 0)
				goto bad;
		}
		if (q != e)
			goto bad;
		fg_palmap_set(m, p, (size_t)(arrow - p), rgb(c[0], c[1], c[2]));
		continue;
bad:
		if (m->nbad++ == 0)
			m->badline = lineno;
	}
}

int
fg_palmap_write(const struct fg_palmap *m, FILE *fp, struct fg_err *err)
{
	struct fg_buf b = { 0 };
	uint32_t *rank, *order, i;
	const struct fg_name *nm;
	char num[24];
	int rc = 0, k;

	rank = fg_intern_ranks(&m->names);
	order = xmalloc(((size_t)m->names.n + 1) * sizeof(*order));
	for (i = 0; i < m->names.n; i++)
		order[rank[i]] = i;
	for (i = 0; i < m->names.n; i++) {
		uint32_t id = order[i];
		struct fg_rgb c;

		if (id >= m->cap || !m->set[id])
			continue;
		nm = fg_intern_get(&m->names, id);
		c = m->rgb[id];
		fg_buf_put(&b, nm->s, nm->len);
		fg_buf_puts(&b, "->rgb(");
		for (k = 0; k < 3; k++) {
			fg_buf_put(&b, num, fg_fmt_i64(num,
			    k == 0 ? c.r : k == 1 ? c.g : c.b));
			fg_buf_putc(&b, k < 2 ? ',' : ')');
		}
		fg_buf_putc(&b, '\n');
	}
	if (fg_buf_flush(&b, fp) != 0)
		rc = fg_err_set(err, "write error: %s", strerror(errno));
	fg_buf_free(&b);
	free(order);
	free(rank);
	return rc;
}
