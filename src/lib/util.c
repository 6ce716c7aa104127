/* util.c - messages, checked allocation, numbers, options and safe output files. */
#include <errno.h>
#include <fcntl.h>
#include <getopt.h>
#include <limits.h>
#include <math.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include "util.h"

const char *progname = "flamekit";

void
setprogname(const char *argv0)
{
	const char *p;

	if (argv0 == NULL || *argv0 == '\0')
		return;
	p = strrchr(argv0, '/');
	progname = p != NULL ? p + 1 : argv0;
}

static void
vmsg(const char *fmt, va_list ap)
{
	int saved = errno;
	size_t n = strlen(fmt);

	fflush(stdout);
	fprintf(stderr, "%s: ", progname);
	vfprintf(stderr, fmt, ap);
	if (n > 0 && fmt[n - 1] == ':')
		fprintf(stderr, " %s", strerror(saved));
	fputc('\n', stderr);
	errno = saved;
}

void
die(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	exit(1);
}

void
die_usage(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
	fprintf(stderr, "Try '%s --help' for more information.\n", progname);
	exit(2);
}

void
die_badopt(int ch, char *const argv[])
{
	const char *arg = argv[optind - 1], *eq;

	if (ch == ':')
		die_usage("%s: missing argument", arg);
	/* "--json=1": a known flag given a value */
	if (strncmp(arg, "--", 2) == 0 && (eq = strchr(arg, '=')) != NULL)
		die_usage("%.*s: unknown option, or it takes no argument",
		    (int)(eq - arg), arg);
	if (strncmp(arg, "--", 2) == 0)
		die_usage("%s: unknown option", arg);
	if (optopt != 0 && optopt < 256)
		die_usage("-%c: unknown option", optopt);
	die_usage("%s: unknown option", argv[optind - 1]);
}

void
warnmsg(const char *fmt, ...)
{
	va_list ap;

	va_start(ap, fmt);
	vmsg(fmt, ap);
	va_end(ap);
}

static _Noreturn void
oom(void)
{
	fprintf(stderr, "%s: out of memory\n", progname);
	exit(1);
}

void *
xmalloc(size_t n)
{
	void *p = malloc(n ? n : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xcalloc(size_t n, size_t size)
{
	void *p = calloc(n ? n : 1, size ? size : 1);

	if (p == NULL)
		oom();
	return p;
}

void *
xzalloc(size_t n, size_t size)
{
	void *p;

	if (size != 0 && n > SIZE_MAX / size)
		oom();
	p = xmalloc(n * size);
	memset(p, 0, n * size);
	return p;
}

void *
xrealloc(void *p, size_t n)
{
	p = realloc(p, n ? n : 1);
	if (p == NULL)
		oom();
	return p;
}

void *
xreallocarray(void *p, size_t n, size_t size)
{
	if (size != 0 && n > SIZE_MAX / size)
		oom();
	return xrealloc(p, n * size);
}

char *
xstrdup(const char *s)
{
	return xstrndup(s, strlen(s));
}

char *
xstrndup(const char *s, size_t n)
{
	char *p = xmalloc(n + 1);

	memcpy(p, s, n);
	p[n] = '\0';
	return p;
}

int
fg_err_set(struct fg_err *err, const char *fmt, ...)
{
	va_list ap;

	if (err != NULL) {
		va_start(ap, fmt);
		vsnprintf(err->msg, sizeof(err->msg), fmt, ap);
		va_end(ap);
	}
	return -1;
}

int
close_stream(FILE *fp, const char *name)
{
	int bad = ferror(fp);

	if (fclose(fp) != 0 || bad) {
		if (bad && errno == 0)
			errno = EIO;
		fprintf(stderr, "%s: %s: write error: %s\n", progname, name,
		    strerror(errno));
		return 1;
	}
	return 0;
}

int
fg_is_terminal(const char *path)
{
	int fd, r;

	if (path == NULL || strcmp(path, "-") == 0)
		return isatty(STDOUT_FILENO);
	if ((fd = open(path, O_WRONLY | O_NOCTTY | O_NONBLOCK)) < 0)
		return 0;
	r = isatty(fd);
	close(fd);
	return r;
}

const char *
fg_inname(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdin>" : path;
}

const char *
fg_outname(const char *path)
{
	return path == NULL || strcmp(path, "-") == 0 ? "<stdout>" : path;
}

int
fg_read_file(const char *path, char **bufp, size_t *lenp, struct fg_err *err)
{
	const char *name = fg_inname(path);
	int isstdin = path == NULL || strcmp(path, "-") == 0;
	int fd = 0;
	size_t len = 0, cap = 1 << 16;
	char *buf;
	ssize_t r;

	if (!isstdin && (fd = open(path, O_RDONLY)) < 0)
		return fg_err_set(err, "%s: %s", name, strerror(errno));
	buf = xmalloc(cap);
	for (;;) {
		if (cap - len < 2) {
			cap *= 2;
			buf = xrealloc(buf, cap);
		}
		r = read(fd, buf + len, cap - len - 1);
		if (r == 0)
			break;
		if (r < 0) {
			if (errno == EINTR)
				continue;
			fg_err_set(err, "%s: %s", name, strerror(errno));
			free(buf);
			if (!isstdin)
				close(fd);
			return -1;
		}
		len += (size_t)r;
	}
	if (!isstdin)
		close(fd);
	buf[len] = '\0';
	*bufp = buf;
	*lenp = len;
	return 0;
}

int
fg_parse_i64(const char *s, int64_t *v)
{
	char *end;
	long long x;

	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n')
		return -1;
	errno = 0;
	x = strtoll(s, &end, 10);
	if (errno != 0 || *end != '\0')
		return -1;
	*v = x;
	return 0;
}

int
fg_parse_double(const char *s, double *v)
{
	char *end;
	double x;

	if (*s == '\0' || *s == ' ' || *s == '\t' || *s == '\n')
		return -1;
	errno = 0;
	x = strtod(s, &end);
	if (errno != 0 || *end != '\0' || !isfinite(x))
		return -1;
	*v = x;
	return 0;
}

size_t
fg_fmt_i64(char *buf, int64_t v)
{
	char tmp[24], *p = tmp + sizeof(tmp);
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t n = 0;

	do {
		*--p = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	if (v < 0)
		buf[n++] = '-';
	memcpy(buf + n, p, (size_t)(tmp + sizeof(tmp) - p));
	return n + (size_t)(tmp + sizeof(tmp) - p);
}

size_t
fg_fmt_fixed(char *buf, int64_t v, int scale)
{
	char digits[24];
	uint64_t u = v < 0 ? -(uint64_t)v : (uint64_t)v;
	size_t nd = 0, n = 0, ip, i, last;

	if (scale <= 0)
		return fg_fmt_i64(buf, v);
	do {
		digits[nd++] = (char)('0' + u % 10);
		u /= 10;
	} while (u != 0);
	while (nd <= (size_t)scale)
		digits[nd++] = '0';
	/* digits[] is little-endian; the lowest `scale` digits are the fraction */
	last = 0;
	while (last < (size_t)scale && digits[last] == '0')
		last++;
	if (v < 0 && !(last == (size_t)scale && nd == (size_t)scale + 1 &&
	    digits[scale] == '0'))
		buf[n++] = '-';
	for (ip = nd; ip > (size_t)scale; ip--)
		buf[n++] = digits[ip - 1];
	if (last < (size_t)scale) {
		buf[n++] = '.';
		for (i = (size_t)scale; i > last; i--)
			buf[n++] = digits[i - 1];
	}
	return n;
}

void
fg_longopts_fixup(int argc, char **argv, const struct option *lo)
{
	const struct option *o;
	char name[128], *eq, *nw;
	size_t len, i;
	int a;

	for (a = 1; a < argc; a++) {
		char *s = argv[a];

		if (strcmp(s, "--") == 0)
			break;
		if (s[0] != '-')
			continue;
		if (s[1] == '-') {		/* --sample_index -> --sample-index */
			for (i = 2; s[i] != '\0' && s[i] != '='; i++)
				if (s[i] == '_')
					s[i] = '-';
			continue;
		}
		if (s[1] == '\0' || s[2] == '\0')
			continue;
		eq = strchr(s, '=');
		len = eq != NULL ? (size_t)(eq - s - 1) : strlen(s + 1);
		if (len >= sizeof(name))
			continue;
		for (i = 0; i < len; i++)
			name[i] = s[1 + i] == '_' ? '-' : s[1 + i];
		name[len] = '\0';
		for (o = lo; o->name != NULL; o++)
			if (strcmp(o->name, name) == 0)
				break;
		if (o->name == NULL)
			continue;
		/* leaked on purpose: argv strings live as long as the program */
		nw = xmalloc(strlen(s) + 2);
		nw[0] = '-';
		nw[1] = '-';
		memcpy(nw + 2, name, len);
		strcpy(nw + 2 + len, s + 1 + len);
		argv[a] = nw;
	}
}

int
fg_ofile_open(struct fg_ofile *o, const char *path, struct fg_err *err)
{
	const char *slash;
	struct stat st;
	size_t dirlen;
	int fd;

	memset(o, 0, sizeof(*o));
	if (path == NULL || strcmp(path, "-") == 0) {
		o->fp = stdout;
		return 0;
	}
	if (stat(path, &st) == 0 && !S_ISREG(st.st_mode)) {
		/*
		 * A device or a pipe (-o /dev/null, -o /dev/stdout): written
		 * in place, as renaming over it would replace the device node
		 * with a file.
		 */
		if ((o->fp = fopen(path, "w")) == NULL)
			return fg_err_set(err, "%s: %s", path, strerror(errno));
		o->path = xstrdup(path);
		return 0;
	}
	o->path = xstrdup(path);
	slash = strrchr(path, '/');
	dirlen = slash != NULL ? (size_t)(slash - path + 1) : 0;
	o->tmp = xmalloc(dirlen + 32);
	memcpy(o->tmp, path, dirlen);
	strcpy(o->tmp + dirlen, ".flamekit.XXXXXX");
	if ((fd = mkstemp(o->tmp)) < 0) {
		fg_err_set(err, "%s: %s", path, strerror(errno));
		goto fail;
	}
	/* mkstemp makes 0600; give the file the usual umask-derived mode */
	{
		mode_t m = umask(0);

		umask(m);
		(void)fchmod(fd, 0666 & ~m);
	}
	if ((o->fp = fdopen(fd, "w")) == NULL) {
		fg_err_set(err, "%s: %s", path, strerror(errno));
		close(fd);
		unlink(o->tmp);
		goto fail;
	}
	return 0;
fail:
	free(o->path);
	free(o->tmp);
	memset(o, 0, sizeof(*o));
	return -1;
}

int
fg_ofile_commit(struct fg_ofile *o, struct fg_err *err)
{
	int rc = 0;

	if (o->fp == NULL)
		return 0;
	if (o->tmp == NULL && o->path != NULL) {	/* written in place */
		if (ferror(o->fp)) {
			errno = errno ? errno : EIO;
			rc = -1;
		}
		if (fclose(o->fp) != 0)
			rc = -1;
		if (rc != 0)
			fg_err_set(err, "%s: write error: %s", o->path,
			    strerror(errno));
		free(o->path);
		o->path = NULL;
		o->fp = NULL;
		return rc;
	}
	if (o->tmp == NULL) {
		if (fflush(o->fp) != 0 || ferror(o->fp))
			rc = fg_err_set(err, "<stdout>: write error: %s",
			    strerror(errno));
		o->fp = NULL;
		return rc;
	}
	if (ferror(o->fp)) {
		errno = errno ? errno : EIO;
		rc = -1;
	}
	if (fclose(o->fp) != 0)
		rc = -1;
	o->fp = NULL;
	if (rc != 0)
		fg_err_set(err, "%s: write error: %s", o->path, strerror(errno));
	else if (rename(o->tmp, o->path) != 0)
		rc = fg_err_set(err, "%s: %s", o->path, strerror(errno));
	if (rc != 0)
		unlink(o->tmp);
	free(o->tmp);
	free(o->path);
	o->tmp = o->path = NULL;
	return rc;
}

void
fg_ofile_abort(struct fg_ofile *o)
{
	if (o->fp == NULL)
		return;
	if (o->tmp != NULL) {
		fclose(o->fp);
		unlink(o->tmp);
		free(o->tmp);
		free(o->path);
	} else if (o->path != NULL) {
		fclose(o->fp);
		free(o->path);
	} else {
		fflush(o->fp);
	}
	memset(o, 0, sizeof(*o));
}

void
fg_buf_grow(struct fg_buf *b, size_t need)
{
	size_t cap = b->cap ? b->cap : 4096;

	while (cap - b->len < need) {
		if (cap > SIZE_MAX / 2)
			oom();
		cap *= 2;
	}
	b->p = xrealloc(b->p, cap);
	b->cap = cap;
}

void
fg_buf_puts(struct fg_buf *b, const char *s)
{
	fg_buf_put(b, s, strlen(s));
}

void
fg_buf_printf(struct fg_buf *b, const char *fmt, ...)
{
	va_list ap;
	int n;

	va_start(ap, fmt);
	n = vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
	va_end(ap);
	if (n < 0)
		return;
	if ((size_t)n >= b->cap - b->len) {
		fg_buf_grow(b, (size_t)n + 1);
		va_start(ap, fmt);
		vsnprintf(b->p + b->len, b->cap - b->len, fmt, ap);
		va_end(ap);
	}
	b->len += (size_t)n;
}

void
fg_buf_free(struct fg_buf *b)
{
	free(b->p);
	memset(b, 0, sizeof(*b));
}

int
fg_buf_flush(struct fg_buf *b, FILE *fp)
{
	if (b->len > 0 && fwrite(b->p, 1, b->len, fp) != b->len)
		return -1;
	b->len = 0;
	return 0;
}
