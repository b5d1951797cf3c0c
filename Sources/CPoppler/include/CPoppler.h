// Poppler's GLib API, loaded when the first PDF is read (dlopen of libpoppler-glib.so.8,
// Debian's libpoppler-glib8) instead of linked: poppler, cairo and GLib bring 44 shared
// libraries whose symbol binding cost every start of xxgk about 20 million instructions,
// though most runs read no PDF. Only Sources/PDFReport/PopplerText.swift uses this module.
//
// The types are the few PopplerText uses, declared as poppler 22 and GLib 2 define them (both
// keep their ABI stable); the functions are inline wrappers over the pointers the loader
// found, so their names stay inside this module and never shadow the libraries' own.
#ifndef XXGK_CPOPPLER_H
#define XXGK_CPOPPLER_H

#include <stddef.h>
#include <stdint.h>

typedef char gchar;
typedef int gint;
typedef unsigned int guint;
typedef gint gboolean;
typedef unsigned long gsize;
typedef double gdouble;
typedef void *gpointer;
typedef const void *gconstpointer;
typedef uint32_t GQuark;

typedef struct _GBytes GBytes;
typedef struct _PopplerDocument PopplerDocument;
typedef struct _PopplerPage PopplerPage;

typedef struct _GError {
    GQuark domain;
    gint code;
    gchar *message;
} GError;

typedef struct _GList GList;
struct _GList {
    gpointer data;
    GList *next;
    GList *prev;
};

typedef struct _PopplerRectangle {
    gdouble x1;
    gdouble y1;
    gdouble x2;
    gdouble y2;
} PopplerRectangle;

typedef enum {
    POPPLER_ERROR_INVALID,
    POPPLER_ERROR_ENCRYPTED,
    POPPLER_ERROR_OPEN_FILE,
    POPPLER_ERROR_BAD_CATALOG,
    POPPLER_ERROR_DAMAGED
} PopplerError;

/// The functions of the libraries, found once by the loader.
typedef struct {
    GBytes *(*g_bytes_new)(gconstpointer data, gsize size);
    void (*g_bytes_unref)(GBytes *bytes);
    void (*g_error_free)(GError *error);
    void (*g_free)(gpointer memory);
    guint (*g_list_length)(GList *list);
    void (*g_object_unref)(gpointer object);
    PopplerDocument *(*poppler_document_new_from_bytes)(GBytes *bytes, const char *password, GError **error);
    int (*poppler_document_get_n_pages)(PopplerDocument *document);
    PopplerPage *(*poppler_document_get_page)(PopplerDocument *document, int index);
    void (*poppler_page_get_size)(PopplerPage *page, double *width, double *height);
    char *(*poppler_page_get_text)(PopplerPage *page);
    gboolean (*poppler_page_get_text_layout)(PopplerPage *page, PopplerRectangle **rectangles, guint *count);
    GList *(*poppler_page_get_image_mapping)(PopplerPage *page);
    void (*poppler_page_free_image_mapping)(GList *list);
    GQuark (*poppler_error_quark)(void);
} XXGKPopplerFunctions;

/// The functions, loaded on the first call (thread-safe); NULL when libpoppler-glib.so.8 (or
/// the library the environment variable XXGK_POPPLER_LIBRARY names) or one of its functions
/// cannot be loaded, with the reason in `xxgk_poppler_load_error`.
const XXGKPopplerFunctions *xxgk_poppler(void);

/// Why the library could not be loaded (dlerror's text), or NULL.
const char *xxgk_poppler_load_error(void);

/// Whether the library is loaded (loading it if needed): every other function requires it.
static inline int xxgk_poppler_available(void) { return xxgk_poppler() != NULL; }

// GLib's logging would print poppler's complaints about broken files to stderr; a reader
// reports problems as errors instead, so the loader drops every message of every domain.

static inline GBytes *g_bytes_new(gconstpointer data, gsize size) { return xxgk_poppler()->g_bytes_new(data, size); }
static inline void g_bytes_unref(GBytes *bytes) { xxgk_poppler()->g_bytes_unref(bytes); }
static inline void g_error_free(GError *error) { xxgk_poppler()->g_error_free(error); }
static inline void g_free(gpointer memory) { xxgk_poppler()->g_free(memory); }
static inline guint g_list_length(GList *list) { return xxgk_poppler()->g_list_length(list); }
static inline void g_object_unref(gpointer object) { xxgk_poppler()->g_object_unref(object); }
static inline PopplerDocument *poppler_document_new_from_bytes(GBytes *bytes, const char *password, GError **error) {
    return xxgk_poppler()->poppler_document_new_from_bytes(bytes, password, error);
}
static inline int poppler_document_get_n_pages(PopplerDocument *document) { return xxgk_poppler()->poppler_document_get_n_pages(document); }
static inline PopplerPage *poppler_document_get_page(PopplerDocument *document, int index) {
    return xxgk_poppler()->poppler_document_get_page(document, index);
}
static inline void poppler_page_get_size(PopplerPage *page, double *width, double *height) {
    xxgk_poppler()->poppler_page_get_size(page, width, height);
}
static inline char *poppler_page_get_text(PopplerPage *page) { return xxgk_poppler()->poppler_page_get_text(page); }
static inline gboolean poppler_page_get_text_layout(PopplerPage *page, PopplerRectangle **rectangles, guint *count) {
    return xxgk_poppler()->poppler_page_get_text_layout(page, rectangles, count);
}
static inline GList *poppler_page_get_image_mapping(PopplerPage *page) { return xxgk_poppler()->poppler_page_get_image_mapping(page); }
static inline void poppler_page_free_image_mapping(GList *list) { xxgk_poppler()->poppler_page_free_image_mapping(list); }
/// POPPLER_ERROR, the domain of poppler's errors.
static inline GQuark xxgk_poppler_error_domain(void) { return xxgk_poppler()->poppler_error_quark(); }

#endif
