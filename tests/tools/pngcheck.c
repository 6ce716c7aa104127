/* pngcheck.c - decode a PNG with cairo: its size and the colours of pixels. */
#include <math.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include <cairo.h>

#include "util.h"

static _Noreturn void
usage(void)
{
	fprintf(stderr, "usage: %s file.png [x,y | x0,y0,x1,y1] ...\n"
	    "       %s -s file.svg file.png\n", progname, progname);
	exit(2);
}

/* Pixel (x, y) as 0xRRGGBB (alpha dropped: the renderer draws opaque). */
static unsigned long
pixel(cairo_surface_t *s, int x, int y)
{
	const unsigned char *d = cairo_image_surface_get_data(s);
	uint32_t v;

	memcpy(&v, d + (size_t)y * cairo_image_surface_get_stride(s) + 4 * x,
	    4);
	return v & 0xffffff;
}

/*
 * Count the pixels of the box c = {x0, y0, x1, y1} (clipped to the image)
 * whose channels are all below 128 (dark text) and all at least 192.
 */
static void
box(cairo_surface_t *s, const int c[4], int *ink, int *light)
{
	int w = cairo_image_surface_get_width(s);
	int h = cairo_image_surface_get_height(s);
	int x, y, r, g, b;
	unsigned long p;

	*ink = *light = 0;
	for (y = c[1] < 0 ? 0 : c[1]; y < c[3] && y < h; y++)
		for (x = c[0] < 0 ? 0 : c[0]; x < c[2] && x < w; x++) {
			p = pixel(s, x, y);
			r = p >> 16 & 0xff;
			g = p >> 8 & 0xff;
			b = p & 0xff;
			*ink += r < 128 && g < 128 && b < 128;
			*light += r >= 192 && g >= 192 && b >= 192;
		}
}

/*
 * -s: compare every frame rect of an SVG (fill="rgb(r,g,b)") with the
 * PNG's pixel in its bottom pixel row, halfway across (below any label's
 * descenders, away from the rounded corners) for rects at least 6 px wide
 * and 2 px high.  Prints "frames N, checked M, differ K" and the first
 * differences; exits 1 when any differ.
 */
static int
cmpsvg(const char *svg, cairo_surface_t *s)
{
	struct fg_err err;
	char *buf, *p;
	size_t len;
	double x, y, w, h;
	int r, g, b, px, py, n = 0, checked = 0, differ = 0;
	int W = cairo_image_surface_get_width(s);
	int H = cairo_image_surface_get_height(s);
	unsigned long want, got;

	if (fg_read_file(svg, &buf, &len, &err) != 0)
		die("%s", err.msg);
	for (p = buf; (p = strstr(p, "<rect x=\"")) != NULL; p++) {
		if (sscanf(p, "<rect x=\"%lf\" y=\"%lf\" width=\"%lf\" "
		    "height=\"%lf\" fill=\"rgb(%d,%d,%d)\"", &x, &y, &w, &h,
		    &r, &g, &b) != 7)
			continue;
		n++;
		if (w < 6 || h < 2)
			continue;
		px = (int)floor(x + w / 2);
		py = (int)floor(y + h) - 1;
		if (px < 0 || px >= W || py < 0 || py >= H)
			continue;
		checked++;
		want = (unsigned long)r << 16 | (unsigned long)g << 8 |
		    (unsigned long)b;
		if ((got = pixel(s, px, py)) != want && differ++ < 5)
			printf("%d,%d #%06lx, svg fill #%06lx\n", px, py, got,
			    want);
	}
	free(buf);
	printf("frames %d, checked %d, differ %d\n", n, checked, differ);
	return differ != 0;
}

/*
 * Prints "size W H", then per operand "x,y #rrggbb" or, for a box
 * [x0,x1) x [y0,y1) clipped to the image, "x0,y0,x1,y1 ink N light M":
 * the pixels whose channels are all below 128 (dark text), and all at
 * least 192 (light text on a dark background).
 */
int
main(int argc, char *argv[])
{
	cairo_surface_t *s;
	int i, w, h, n, c[4], ink, light;
	char tail;

	setprogname(argv[0]);
	if (argc == 4 && strcmp(argv[1], "-s") == 0) {
		s = cairo_image_surface_create_from_png(argv[3]);
		if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
			die("%s: cannot decode PNG: %s", argv[3],
			    cairo_status_to_string(cairo_surface_status(s)));
		cairo_surface_flush(s);
		i = cmpsvg(argv[2], s);
		cairo_surface_destroy(s);
		return i;
	}
	if (argc < 2 || argv[1][0] == '-')
		usage();
	s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS)
		die("%s: cannot decode PNG: %s", argv[1],
		    cairo_status_to_string(cairo_surface_status(s)));
	cairo_surface_flush(s);
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	printf("size %d %d\n", w, h);
	for (i = 2; i < argc; i++) {
		n = sscanf(argv[i], "%d,%d,%d,%d%c", &c[0], &c[1], &c[2], &c[3],
		    &tail);
		if (n == 2) {
			if (c[0] < 0 || c[0] >= w || c[1] < 0 || c[1] >= h)
				die("%s: pixel outside the %dx%d image",
				    argv[i], w, h);
			printf("%s #%06lx\n", argv[i], pixel(s, c[0], c[1]));
		} else if (n == 4) {
			box(s, c, &ink, &light);
			printf("%s ink %d light %d\n", argv[i], ink, light);
		} else
			usage();
	}
	cairo_surface_destroy(s);
	return 0;
}
