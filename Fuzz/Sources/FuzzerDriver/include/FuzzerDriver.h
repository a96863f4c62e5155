// libFuzzer's entry point for programs that have their own `main` (every fuzz target here: Swift
// executables always define `main`). It parses libFuzzer's flags from argv and calls `callback`
// with each input. Defined by libclang_rt.fuzzer, which `-sanitize=fuzzer` links.
#include <stddef.h>
#include <stdint.h>

int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
