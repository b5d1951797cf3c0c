// libFuzzer's driver, for a harness whose `main` SwiftPM generates (it renames an
// executable's entry point, so libFuzzer's own `main` cannot be used).
#include <stddef.h>
#include <stdint.h>
int LLVMFuzzerRunDriver(int *argc, char ***argv, int (*callback)(const uint8_t *data, size_t size));
