/* fuzz.h - the libFuzzer entry point every target defines. */
#ifndef FG_FUZZ_H
#define FG_FUZZ_H

#include <stddef.h>
#include <stdint.h>

/* Run the target on one input; always returns 0 (a bug crashes). */
int	LLVMFuzzerTestOneInput(const uint8_t *data, size_t size);

#endif
