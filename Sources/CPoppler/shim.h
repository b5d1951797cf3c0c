// Poppler's GLib API (Debian: libpoppler-glib-dev, pkg-config poppler-glib). Only
// Sources/PDFReport/PopplerDocument.swift uses it.
#include <poppler.h>
#include <glib.h>

// GLib's logging would print poppler's complaints about broken files to stderr; a reader
// reports problems as errors instead, so every message of every domain is dropped.
static void xxgk_glib_drop_message(const gchar *domain, GLogLevelFlags level, const gchar *message, gpointer data) {
    (void)domain; (void)level; (void)message; (void)data;
}

static inline void xxgk_glib_silence(void) {
    g_log_set_default_handler(xxgk_glib_drop_message, NULL);
    g_log_set_handler("Poppler", (GLogLevelFlags)(G_LOG_LEVEL_MASK | G_LOG_FLAG_FATAL | G_LOG_FLAG_RECURSION),
                      xxgk_glib_drop_message, NULL);
    g_log_set_handler("GLib", (GLogLevelFlags)(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_MESSAGE),
                      xxgk_glib_drop_message, NULL);
    g_log_set_handler("GLib-GObject", (GLogLevelFlags)(G_LOG_LEVEL_WARNING | G_LOG_LEVEL_CRITICAL | G_LOG_LEVEL_MESSAGE),
                      xxgk_glib_drop_message, NULL);
}

// POPPLER_ERROR is a macro over a function call, which Swift does not import.
static inline GQuark xxgk_poppler_error_domain(void) { return POPPLER_ERROR; }
