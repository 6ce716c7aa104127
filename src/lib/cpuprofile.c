/* cpuprofile.c - V8 .cpuprofile JSON to stacks in a trie (jansson). */
#include <inttypes.h>
#include <stdlib.h>
#include <string.h>

#include <jansson.h>

#include "cpuprofile.h"

#define NONE	UINT32_MAX

struct pnode {
	int64_t	 id;
	int64_t	 w;		/* weight of the samples on this node */
	uint64_t hits;		/* samples on it (kept: they may weigh 0) */
	uint32_t parent;	/* index, NONE for the root */
	uint32_t name;		/* interned frame name */
	uint32_t tn;		/* trie node */
	uint32_t cfirst, cn;	/* children: kids[cfirst .. cfirst+cn) */
	int	 idle;
};

struct ident {
	int64_t	 id;
	uint32_t i;
};

struct cp {
	const char *name;
	struct fg_err *err;
	struct pnode *nd;
	size_t	 n;
	uint32_t *kids;
	/*
	 * id -> index: V8 numbers nodes 1..n, so a dense range is an array
	 * (byid); other ids are found by binary search in ids, sorted.  No
	 * hashing: crafted ids cannot make a lookup slow.
	 */
	struct ident *ids;
	uint32_t *byid;
	int64_t	 minid;
	struct fg_buf b;
};

static int bad(struct cp *c, const char *fmt, ...)
	    __attribute__((format(printf, 2, 3)));

static int
bad(struct cp *c, const char *fmt, ...)
{
	char msg[768];
	va_list ap;

	va_start(ap, fmt);
	vsnprintf(msg, sizeof(msg), fmt, ap);
	va_end(ap);
	return fg_err_set(c->err, "%s: %s", c->name, msg);
}

static int
identcmp(const void *a, const void *b)
{
	const struct ident *x = a, *y = b;

	if (x->id != y->id)
		return x->id < y->id ? -1 : 1;
	return x->i < y->i ? -1 : x->i > y->i;
}

/* Index the ids (c->ids[k].id of node c->ids[k].i, filled); refuse repeats. */
static int
index_ids(struct cp *c)
{
	size_t k, first = NONE, other = 0;

	if (c->n == 0)
		return 0;
	qsort(c->ids, c->n, sizeof(*c->ids), identcmp);
	/* the first node, in file order, whose id an earlier node has */
	for (k = 1; k < c->n; k++)
		if (c->ids[k].id == c->ids[k - 1].id && c->ids[k].i < first) {
			first = c->ids[k].i;
			other = c->ids[k - 1].i;
		}
	if (first != NONE)
		return bad(c, "nodes[%zu]: id %" PRId64 " repeated (nodes[%zu] "
		    "has it too)", first, c->nd[first].id, other);
	c->minid = c->ids[0].id;
	if ((uint64_t)c->ids[c->n - 1].id - (uint64_t)c->minid == c->n - 1) {
		c->byid = xreallocarray(NULL, c->n, sizeof(*c->byid));
		for (k = 0; k < c->n; k++)
			c->byid[k] = c->ids[k].i;
	}
	return 0;
}

/* Index of node id, or NONE. */
static uint32_t
lookup(const struct cp *c, int64_t id)
{
	size_t lo = 0, hi = c->n, mid;
	uint64_t off = (uint64_t)id - (uint64_t)c->minid;

	if (c->byid != NULL)
		return off < c->n ? c->byid[off] : NONE;
	while (lo < hi) {
		mid = lo + (hi - lo) / 2;
		if (c->ids[mid].id < id)
			lo = mid + 1;
		else
			hi = mid;
	}
	return lo < c->n && c->ids[lo].id == id ? c->ids[lo].i : NONE;
}

/* v as an int64, or -1 when it is no JSON integer. */
static int
getint(const json_t *v, int64_t *out)
{
	if (!json_is_integer(v))
		return -1;
	*out = (int64_t)json_integer_value(v);
	return 0;
}

/* A string member: "" when absent; -1 when of another type. */
static int
getstr(const json_t *obj, const char *key, const char **s, size_t *len)
{
	const json_t *v = json_object_get(obj, key);

	if (v == NULL || json_is_null(v)) {
		*s = "";
		*len = 0;
		return 0;
	}
	if (!json_is_string(v))
		return -1;
	*s = json_string_value(v);
	*len = json_string_length(v);
	return 0;
}

/* Intern node i's frame name from its callFrame. */
static int
name_node(struct cp *c, struct fg_trie *t, size_t i, const json_t *node,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *cf = json_object_get(node, "callFrame"), *ln;
	const char *fn, *url;
	size_t fl, ul, k;
	int64_t line = -1;
	char num[24];

	if (!json_is_object(cf))
		return bad(c, "nodes[%zu]: no callFrame object", i);
	if (getstr(cf, "functionName", &fn, &fl) != 0)
		return bad(c, "nodes[%zu].callFrame.functionName: not a string", i);
	if (getstr(cf, "url", &url, &ul) != 0)
		return bad(c, "nodes[%zu].callFrame.url: not a string", i);
	ln = json_object_get(cf, "lineNumber");
	if (ln != NULL && !json_is_null(ln) && getint(ln, &line) != 0)
		return bad(c, "nodes[%zu].callFrame.lineNumber: not an integer", i);
	c->nd[i].idle = fl == 6 && memcmp(fn, "(idle)", 6) == 0;
	c->b.len = 0;
	if (fl == 0)
		fg_buf_puts(&c->b, "(anonymous)");	/* as DevTools shows it */
	else
		fg_buf_put(&c->b, fn, fl);
	if (o->lines && ul > 0) {
		fg_buf_putc(&c->b, ' ');
		fg_buf_put(&c->b, url, ul);
		if (line >= 0) {	/* 0-based in the file, 1-based here */
			fg_buf_putc(&c->b, ':');
			fg_buf_put(&c->b, num,
			    (size_t)snprintf(num, sizeof(num), "%" PRIu64,
			    (uint64_t)line + 1));
		}
	}
	/* the folded format has no escape */
	for (k = 0; k < c->b.len; k++) {
		unsigned char ch = (unsigned char)c->b.p[k];

		if (ch == ';')
			c->b.p[k] = ':';
		else if (ch < 0x20 || ch == 0x7f)
			c->b.p[k] = ' ';
	}
	c->nd[i].name = fg_intern(&t->names, c->b.p, c->b.len);
	return 0;
}

/* Read the nodes: ids, names, children; check the graph is one tree. */
static int
read_nodes(struct cp *c, struct fg_trie *t, const json_t *nodes,
    const struct fg_cpuprofile_opts *o, uint32_t *order)
{
	size_t i, k, nk = 0, root = NONE, head, tail;
	const json_t *node, *ch, *v;
	uint32_t j;
	int64_t id;

	c->ids = xreallocarray(NULL, c->n + 1, sizeof(*c->ids));
	for (i = 0; i < c->n; i++) {
		node = json_array_get(nodes, i);
		if (!json_is_object(node))
			return bad(c, "nodes[%zu]: not an object", i);
		if (getint(json_object_get(node, "id"), &id) != 0)
			return bad(c, "nodes[%zu].id: missing or not an integer", i);
		c->nd[i].id = id;
		c->nd[i].parent = NONE;
		c->ids[i].id = id;
		c->ids[i].i = (uint32_t)i;
		if (name_node(c, t, i, node, o) != 0)
			return -1;
		ch = json_object_get(node, "children");
		if (ch != NULL && !json_is_null(ch) && !json_is_array(ch))
			return bad(c, "nodes[%zu].children: not an array", i);
		c->nd[i].cfirst = (uint32_t)nk;
		c->nd[i].cn = (uint32_t)json_array_size(ch);
		nk += json_array_size(ch);
		if (nk > UINT32_MAX - 1)
			return bad(c, "too many children");
	}
	if (index_ids(c) != 0)
		return -1;
	c->kids = xreallocarray(NULL, nk + 1, sizeof(*c->kids));
	for (i = 0; i < c->n; i++) {
		ch = json_object_get(json_array_get(nodes, i), "children");
		for (k = 0; k < c->nd[i].cn; k++) {
			v = json_array_get(ch, k);
			if (getint(v, &id) != 0)
				return bad(c, "nodes[%zu].children[%zu]: not an "
				    "integer", i, k);
			if ((j = lookup(c, id)) == NONE)
				return bad(c, "nodes[%zu].children[%zu]: no node "
				    "has id %" PRId64, i, k, id);
			if (j == i)
				return bad(c, "node id %" PRId64 " is its own "
				    "child", id);
			if (c->nd[j].parent == i)
				return bad(c, "nodes[%zu].children: id %" PRId64
				    " listed twice", i, id);
			if (c->nd[j].parent != NONE)
				return bad(c, "node id %" PRId64 " is a child of "
				    "both id %" PRId64 " and id %" PRId64, id,
				    c->nd[c->nd[j].parent].id, c->nd[i].id);
			c->nd[j].parent = (uint32_t)i;
			c->kids[c->nd[i].cfirst + k] = j;
		}
	}
	if (c->n == 0)
		return 0;
	for (i = 0; i < c->n; i++) {
		if (c->nd[i].parent != NONE)
			continue;
		if (root != NONE)
			return bad(c, "two root nodes: ids %" PRId64 " and %"
			    PRId64 " are nobody's children", c->nd[root].id,
			    c->nd[i].id);
		root = i;
	}
	if (root == NONE)
		return bad(c, "no root node: every node is a child (a cycle)");
	/* breadth first from the root: parents come before their children */
	order[0] = (uint32_t)root;
	for (head = 0, tail = 1; head < tail; head++) {
		const struct pnode *p = &c->nd[order[head]];

		for (k = 0; k < p->cn; k++)
			order[tail++] = c->kids[p->cfirst + k];
	}
	if (tail < c->n) {
		/*
		 * Each node has one parent: what the root misses is a cycle.
		 * Mark the reached nodes (hits is free until weigh()).
		 */
		for (i = 0; i < tail; i++)
			c->nd[order[i]].hits = 1;
		for (i = 0; c->nd[i].hits != 0; i++)
			;
		return bad(c, "node id %" PRId64 " is not reachable from the "
		    "root (a cycle of children)", c->nd[i].id);
	}
	return 0;
}

struct stamp {
	int64_t	 t;
	uint32_t k;
};

static int
stampcmp(const void *a, const void *b)
{
	const struct stamp *x = a, *y = b;

	if (x->t != y->t)
		return x->t < y->t ? -1 : 1;
	return x->k < y->k ? -1 : x->k > y->k;
}

static int
getstamp(struct cp *c, const json_t *top, const char *key, int64_t *v)
{
	if (getint(json_object_get(top, key), v) != 0)
		return bad(c, "%s: missing or not an integer", key);
	return 0;
}

/* Add w to node i's weight and count one more sample. */
static int
credit(struct cp *c, uint32_t i, int64_t w, uint64_t hits)
{
	if (__builtin_add_overflow(c->nd[i].w, w, &c->nd[i].w))
		return bad(c, "a stack's value overflows a 64-bit integer");
	c->nd[i].hits += hits;
	return 0;
}

/*
 * Weigh the samples by time, as DevTools' CPUProfileDataModel times them:
 * timestamps from startTime and the deltas, samples in time order (a
 * stable sort: deltas can be negative), each lasting up to the next one;
 * the last one lasts up to endTime (DevTools guesses the mean interval).
 */
static int
weigh_time(struct cp *c, const json_t *top, const uint32_t *idx, size_t ns)
{
	const json_t *td = json_object_get(top, "timeDeltas");
	int64_t now = 0, end = 0, d, w;
	struct stamp *st;
	size_t k;
	int sorted = 1, rc = -1;

	if (td == NULL || json_is_null(td))
		return bad(c, "no timeDeltas: cannot weigh samples by time "
		    "(--samples counts them)");
	if (!json_is_array(td))
		return bad(c, "timeDeltas: not an array");
	if (json_array_size(td) != ns)
		return bad(c, "%zu timeDeltas for %zu samples",
		    json_array_size(td), ns);
	if (ns == 0)
		return 0;
	if (getstamp(c, top, "startTime", &now) != 0 ||
	    getstamp(c, top, "endTime", &end) != 0)
		return -1;
	st = xreallocarray(NULL, ns, sizeof(*st));
	for (k = 0; k < ns; k++) {
		if (getint(json_array_get(td, k), &d) != 0) {
			bad(c, "timeDeltas[%zu]: not an integer", k);
			goto out;
		}
		if (__builtin_add_overflow(now, d, &now)) {
			bad(c, "timeDeltas[%zu]: the time overflows", k);
			goto out;
		}
		if (k > 0 && now < st[k - 1].t)
			sorted = 0;
		st[k].t = now;
		st[k].k = (uint32_t)k;
	}
	if (!sorted)
		qsort(st, ns, sizeof(*st), stampcmp);
	for (k = 0; k < ns; k++) {
		now = k + 1 < ns ? st[k + 1].t : end > st[k].t ? end : st[k].t;
		if (__builtin_sub_overflow(now, st[k].t, &w)) {
			bad(c, "samples span more than 2^63 microseconds");
			goto out;
		}
		if (credit(c, idx[st[k].k], w, 1) != 0)
			goto out;
	}
	rc = 0;
out:
	free(st);
	return rc;
}

/* Weigh each node by its samples, or by its hitCount without samples. */
static int
weigh(struct cp *c, const json_t *top, const json_t *nodes,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *smp = json_object_get(top, "samples");
	uint32_t *idx;
	int64_t id, h;
	size_t k, ns;
	int rc = -1;

	if (smp == NULL || json_is_null(smp)) {
		/* hitCounts only: counts, not times (an empty profile is fine) */
		for (k = 0; k < c->n; k++) {
			const json_t *v = json_object_get(
			    json_array_get(nodes, k), "hitCount");

			if (v == NULL || json_is_null(v))
				continue;
			if (getint(v, &h) != 0 || h < 0)
				return bad(c, "nodes[%zu].hitCount: not a "
				    "count", k);
			if (h > 0 && !o->samples)
				return bad(c, "no samples: cannot weigh by time "
				    "(--samples counts each node's hitCount)");
			if (h > 0 && credit(c, (uint32_t)k, h, 1) != 0)
				return -1;
		}
		return 0;
	}
	if (!json_is_array(smp))
		return bad(c, "samples: not an array");
	ns = json_array_size(smp);
	if (ns > UINT32_MAX)
		return bad(c, "too many samples");
	idx = xreallocarray(NULL, ns + 1, sizeof(*idx));
	for (k = 0; k < ns; k++) {
		if (getint(json_array_get(smp, k), &id) != 0) {
			bad(c, "samples[%zu]: not an integer", k);
			goto out;
		}
		if ((idx[k] = lookup(c, id)) == NONE) {
			bad(c, "samples[%zu]: no node has id %" PRId64, k, id);
			goto out;
		}
	}
	if (!o->samples)
		rc = weigh_time(c, top, idx, ns);
	else {
		for (k = 0; k < ns; k++)
			if (credit(c, idx[k], 1, 1) != 0)
				goto out;
		rc = 0;
	}
out:
	free(idx);
	return rc;
}

static int
fold(struct cp *c, struct fg_trie *t, const json_t *top,
    const struct fg_cpuprofile_opts *o)
{
	const json_t *nodes;
	uint32_t *order, i, r;
	int64_t v[2];
	size_t k;
	int rc = -1;

	if (json_is_array(top))
		return bad(c, "a JSON array, not a .cpuprofile (a trace event "
		    "file is not read)");
	nodes = json_object_get(top, "nodes");
	if (!json_is_array(nodes)) {
		if (json_object_get(top, "traceEvents") != NULL)
			return bad(c, "a trace event file (traceEvents), not a "
			    ".cpuprofile");
		if (json_object_get(top, "head") != NULL)
			return bad(c, "the old .cpuprofile format (a head tree, "
			    "no nodes array) is not read");
		return bad(c, "no nodes array: not a .cpuprofile");
	}
	c->n = json_array_size(nodes);
	if (c->n > UINT32_MAX / 4)
		return bad(c, "too many nodes");
	c->nd = xcalloc(c->n + 1, sizeof(*c->nd));
	order = xreallocarray(NULL, c->n + 1, sizeof(*order));
	if (read_nodes(c, t, nodes, o, order) != 0 || weigh(c, top, nodes, o) != 0)
		goto out;
	if (c->n == 0) {
		rc = 0;
		goto out;
	}
	/* order[0] is the root: not a frame, unless samples end on it */
	r = order[0];
	c->nd[r].tn = c->nd[r].hits > 0 ? fg_trie_child(t, 0, c->nd[r].name) : 0;
	for (k = 1; k < c->n; k++) {
		i = order[k];
		c->nd[i].tn = fg_trie_child(t, c->nd[i].parent == r ? 0 :
		    c->nd[c->nd[i].parent].tn, c->nd[i].name);
	}
	for (k = 0; k < c->n; k++) {
		i = order[k];
		if (c->nd[i].hits == 0 || (o->noidle && c->nd[i].idle))
			continue;
		v[0] = c->nd[i].w;
		v[1] = 0;
		if (fg_trie_add(t, c->nd[i].tn, v, 0) != 0) {
			bad(c, "a stack's value overflows a 64-bit integer");
			goto out;
		}
	}
	rc = 0;
out:
	free(order);
	return rc;
}

int
fg_cpuprofile_fold(struct fg_trie *t, const char *name, const char *buf,
    size_t len, const struct fg_cpuprofile_opts *o, struct fg_err *err)
{
	struct cp c;
	json_error_t je;
	json_t *top;
	char *s;
	int rc;

	memset(&c, 0, sizeof(c));
	c.name = name;
	c.err = err;
	/* JSON_ALLOW_NUL: a \u0000 in a name becomes a space like other controls */
	top = json_loadb(buf, len, JSON_ALLOW_NUL, &je);
	if (top == NULL) {
		for (s = je.text; *s != '\0'; s++)	/* one line */
			if ((unsigned char)*s < 0x20 || *s == 0x7f)
				*s = '?';
		return fg_err_set(err, "%s:%d:%d: %s", name, je.line,
		    je.column, je.text);
	}
	rc = fold(&c, t, top, o);
	json_decref(top);
	free(c.nd);
	free(c.kids);
	free(c.ids);
	free(c.byid);
	fg_buf_free(&c.b);
	return rc;
}
