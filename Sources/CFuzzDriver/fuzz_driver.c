// Intentionally empty: LLVMFuzzerRunDriver is defined by libFuzzer (-sanitize=fuzzer).
#include "fuzz_driver.h"
