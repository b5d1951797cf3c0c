#include <xlsxwriter.h>

#if defined(__GLIBC__)
#include <malloc.h>
/* Keeps freed heap (up to 4 MB) instead of trimming it after every zip part that
   libxlsxwriter deflates; see XLSXWorkbook.allocatorTuned. */
static inline void xxgk_keep_freed_heap(void) {
    mallopt(M_MMAP_THRESHOLD, 1 << 20);
    mallopt(M_TRIM_THRESHOLD, 4 << 20);
}
#else
static inline void xxgk_keep_freed_heap(void) {}
#endif
