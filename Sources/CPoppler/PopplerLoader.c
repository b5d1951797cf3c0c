// Loads libpoppler-glib.so.8 once, on the first PDF (see include/CPoppler.h for why).
#include "CPoppler.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <stdlib.h>

// GLib's log levels (glib/gmessages.h), for the handlers that drop poppler's messages.
enum {
    LOG_FLAG_RECURSION = 1 << 0,
    LOG_FLAG_FATAL = 1 << 1,
    LOG_LEVEL_CRITICAL = 1 << 3,
    LOG_LEVEL_WARNING = 1 << 4,
    LOG_LEVEL_MESSAGE = 1 << 5,
    LOG_LEVEL_MASK = ~(LOG_FLAG_RECURSION | LOG_FLAG_FATAL),
};
typedef void (*LogHandler)(const gchar *domain, int level, const gchar *message, gpointer data);

static XXGKPopplerFunctions functions;
static const XXGKPopplerFunctions *loaded = NULL;
static const char *loadError = NULL;
// dlerror's text lives in a buffer the next dl call reuses: the loader keeps a copy.
static char loadErrorText[512];
static pthread_once_t once = PTHREAD_ONCE_INIT;

static void dropMessage(const gchar *domain, int level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

// Every function or none: a library without one of them is not the poppler this was built for.
static void keepError(void) {
    const char *text = dlerror();
    snprintf(loadErrorText, sizeof loadErrorText, "%s", text != NULL ? text : "dlopen failed");
    loadError = loadErrorText;
}

static int find(void *library, const char *name, void **slot) {
    *slot = dlsym(library, name);
    if (*slot == NULL) {
        keepError();
        return 0;
    }
    return 1;
}

static void load(void) {
    // XXGK_POPPLER_LIBRARY names another build of the library (or, in the tests, none).
    const char *name = getenv("XXGK_POPPLER_LIBRARY");
    void *library = dlopen(name != NULL && name[0] != '\0' ? name : "libpoppler-glib.so.8", RTLD_NOW | RTLD_LOCAL);
    if (library == NULL) {
        keepError();
        return;
    }
    void *setDefaultHandler = NULL, *setHandler = NULL;
    int found = find(library, "g_bytes_new", (void **)&functions.g_bytes_new)
        && find(library, "g_bytes_unref", (void **)&functions.g_bytes_unref)
        && find(library, "g_error_free", (void **)&functions.g_error_free)
        && find(library, "g_free", (void **)&functions.g_free)
        && find(library, "g_list_length", (void **)&functions.g_list_length)
        && find(library, "g_object_unref", (void **)&functions.g_object_unref)
        && find(library, "poppler_document_new_from_bytes", (void **)&functions.poppler_document_new_from_bytes)
        && find(library, "poppler_document_get_n_pages", (void **)&functions.poppler_document_get_n_pages)
        && find(library, "poppler_document_get_page", (void **)&functions.poppler_document_get_page)
        && find(library, "poppler_page_get_size", (void **)&functions.poppler_page_get_size)
        && find(library, "poppler_page_get_text", (void **)&functions.poppler_page_get_text)
        && find(library, "poppler_page_get_text_layout", (void **)&functions.poppler_page_get_text_layout)
        && find(library, "poppler_page_get_image_mapping", (void **)&functions.poppler_page_get_image_mapping)
        && find(library, "poppler_page_free_image_mapping", (void **)&functions.poppler_page_free_image_mapping)
        && find(library, "poppler_error_quark", (void **)&functions.poppler_error_quark)
        && find(library, "g_log_set_default_handler", &setDefaultHandler)
        && find(library, "g_log_set_handler", &setHandler);
    if (!found) return;
    ((LogHandler (*)(LogHandler, gpointer))setDefaultHandler)(dropMessage, NULL);
    guint (*handle)(const gchar *, int, LogHandler, gpointer) = (guint (*)(const gchar *, int, LogHandler, gpointer))setHandler;
    handle("Poppler", LOG_LEVEL_MASK | LOG_FLAG_FATAL | LOG_FLAG_RECURSION, dropMessage, NULL);
    handle("GLib", LOG_LEVEL_WARNING | LOG_LEVEL_CRITICAL | LOG_LEVEL_MESSAGE, dropMessage, NULL);
    handle("GLib-GObject", LOG_LEVEL_WARNING | LOG_LEVEL_CRITICAL | LOG_LEVEL_MESSAGE, dropMessage, NULL);
    loaded = &functions;
}

const XXGKPopplerFunctions *xxgk_poppler(void) {
    pthread_once(&once, load);
    return loaded;
}

const char *xxgk_poppler_load_error(void) {
    pthread_once(&once, load);
    return loadError;
}
