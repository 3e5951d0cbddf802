/*
 * png_inspect FILE: decode a PNG with cairo and print
 *   "<width> <height> <non-white pixels> <distinct colours (capped at 1000)>"
 * so shell tests can check that a chart is a real, drawn image.
 */
#include <cairo.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv)
{
	cairo_surface_t *s;
	uint32_t seen[1000];
	int w, h, stride, nonwhite = 0, distinct = 0;
	unsigned char *data;

	if (argc != 2) {
		fprintf(stderr, "usage: png_inspect FILE\n");
		return 2;
	}
	s = cairo_image_surface_create_from_png(argv[1]);
	if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
		fprintf(stderr, "png_inspect: %s: %s\n", argv[1], cairo_status_to_string(cairo_surface_status(s)));
		return 1;
	}
	w = cairo_image_surface_get_width(s);
	h = cairo_image_surface_get_height(s);
	stride = cairo_image_surface_get_stride(s);
	data = cairo_image_surface_get_data(s);
	for (int y = 0; y < h; y++) {
		for (int x = 0; x < w; x++) {
			uint32_t px = *(uint32_t *)(data + y * stride + 4 * x) & 0xffffff;
			int known = 0;

			if (px != 0xffffff)
				nonwhite++;
			for (int i = 0; i < distinct && !known; i++)
				known = seen[i] == px;
			if (!known && distinct < 1000)
				seen[distinct++] = px;
		}
	}
	printf("%d %d %d %d\n", w, h, nonwhite, distinct);
	cairo_surface_destroy(s);
	return 0;
}
