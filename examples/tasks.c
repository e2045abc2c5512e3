/* The demo tasks of wasm-future/threads and the demo page, registered by
 * name as any user's module would: mandelbrot(x0, y0, x1, y1, width, height,
 * maxIterations) paints a tile of RGBA pixels, noop() measures the pool.
 * They register themselves when the module starts (a constructor), so a
 * module without main() has them too. */
#include <math.h>
#include <stdbool.h>
#include <stdlib.h>

#include "wf/errors.h"
#include "wf/tasks.h"

static void noop_task(wf_cfuture* future, const wf_value* args, uint32_t nargs) {
  wf_value none = wf_value_none();
  wf_cfuture_set_result(future, &none);
}

static bool number_arg(const wf_value* v, double* out) {
  if (v->type == WF_VALUE_DOUBLE) *out = v->as.number;
  else if (v->type == WF_VALUE_INT) *out = (double)v->as.integer;
  else return false;
  return isfinite(*out);
}

static bool int_arg(const wf_value* v, double lo, double hi, uint32_t* out) {
  double d;
  if (!number_arg(v, &d) || d != floor(d) || d < lo || d > hi) return false;
  *out = (uint32_t)d;
  return true;
}

/* A smooth palette over the escape count. */
static void colour(uint8_t* px, uint32_t iterations, uint32_t max) {
  if (iterations >= max) {
    px[0] = px[1] = px[2] = 12;
  } else {
    double t = sqrt((double)iterations / max);
    px[0] = (uint8_t)(255 * fmin(1, 3 * t));
    px[1] = (uint8_t)(255 * fmin(1, fmax(0, 3 * t - 0.6)));
    px[2] = (uint8_t)(110 + 145 * fmin(1, fmax(0, 2.4 * t - 1.2)));
  }
  px[3] = 255;
}

static void mandelbrot_task(wf_cfuture* future, const wf_value* args, uint32_t nargs) {
  double x0, y0, x1, y1;
  uint32_t width, height, max;
  if (nargs != 7 || !number_arg(&args[0], &x0) || !number_arg(&args[1], &y0) ||
      !number_arg(&args[2], &x1) || !number_arg(&args[3], &y1) ||
      !int_arg(&args[4], 1, 4096, &width) || !int_arg(&args[5], 1, 4096, &height) ||
      !int_arg(&args[6], 1, 100000, &max)) {
    wf_cfuture_set_error(future, WF_EINVAL,
                         "mandelbrot(x0, y0, x1, y1, width, height, maxIterations): expected 4 finite "
                         "numbers, width and height from 1 to 4096, maxIterations from 1 to 100000");
    return;
  }
  size_t size = (size_t)width * height * 4;
  uint8_t* pixels = malloc(size);
  if (pixels == NULL) {
    wf_cfuture_set_error(future, WF_ENOMEM, "mandelbrot: out of memory for the image's pixels");
    return;
  }
  for (uint32_t row = 0; row < height; row++) {
    double ci = y0 + (y1 - y0) * (row + 0.5) / height;
    for (uint32_t col = 0; col < width; col++) {
      double cr = x0 + (x1 - x0) * (col + 0.5) / width;
      double zr = 0, zi = 0;
      uint32_t n = 0;
      while (n < max && zr * zr + zi * zi <= 4) {
        double t = zr * zr - zi * zi + cr;
        zi = 2 * zr * zi + ci;
        zr = t;
        n++;
      }
      colour(pixels + ((size_t)row * width + col) * 4, n, max);
    }
  }
  wf_value result = wf_value_bytes(pixels, size);
  if (wf_cfuture_set_result(future, &result) != 0)
    wf_cfuture_set_error(future, WF_ENOMEM, "mandelbrot: out of memory for copying the image to its future");
  free(pixels);
}

__attribute__((constructor)) static void register_demo_tasks(void) {
  wf_task_register("mandelbrot", "mandelbrot(x0, y0, x1, y1, width, height, maxIterations) -> Uint8Array RGBA",
                   mandelbrot_task);
  wf_task_register("noop", "noop() -> undefined", noop_task);
}
