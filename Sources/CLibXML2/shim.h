// Debian's libxml2 is built with ICU; its headers would pull system ICU, which clashes
// with Foundation's own ICU in any file that sees both. Hide it before the other headers.
#include <libxml/xmlversion.h>
#undef LIBXML_ICU_ENABLED
#include <libxml/parser.h>
#include <libxml/xmlreader.h>
#include <libxml/xmlIO.h>
#include <libxml/xmlerror.h>

// `xmlFree` is a C global that Swift 6 rejects as shared mutable state.
static inline void xxgk_xmlFree(void *pointer) { xmlFree(pointer); }

// The HTML reader (HTMLReport) parses published report pages with libxml2's HTML parser.
#include <libxml/HTMLparser.h>
#include <libxml/HTMLtree.h>
#include <libxml/SAX2.h>
