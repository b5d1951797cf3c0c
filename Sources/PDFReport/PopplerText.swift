import CPoppler
import Foundation
import ReportModel

/// One character of a page's text layer with its box, in points from the page's top left.
struct Glyph: Sendable, Equatable {
    var scalar: Unicode.Scalar
    var minX: Double
    var minY: Double
    var maxX: Double
    var maxY: Double
}

/// The text layer of one page: its size and every character poppler found, in poppler's order.
struct PageText: Sendable {
    var width: Double
    var height: Double
    var glyphs: [Glyph]
    /// How many images the page draws: a page with images and no text is a scan. Counted
    /// only on a page without text (0 elsewhere): poppler renders the page again to count.
    var imageCount: Int
}

/// Why poppler could not give the text of a document.
enum PopplerFailure: Error, Equatable {
    /// Poppler could not parse the file; its own message.
    case unreadable(String)
    /// The document needs a password to be opened.
    case encrypted
    /// The document has more pages than the reader accepts.
    case tooManyPages(Int)
    /// libpoppler-glib could not be loaded; the dynamic loader's message.
    case libraryMissing(String)
}

/// The only place that calls poppler and GLib: every object is unreferenced and every
/// string, rectangle array and error freed before a function returns, so nothing of C
/// escapes and a broken file can only produce a `PopplerFailure`.
enum PopplerText {
    /// The text layer of every page of `data`, refusing documents of more than `pageLimit` pages.
    static func pages(of data: Data, pageLimit: Int) throws(PopplerFailure) -> [PageText] {
        // The library is loaded by the first PDF (CPoppler), GLib's log handlers with it.
        guard xxgk_poppler_available() != 0 else {
            throw .libraryMissing(xxgk_poppler_load_error().map { String(cString: $0) } ?? "")
        }
        // g_bytes_new copies, so the document never points into Swift-managed memory.
        let bytes: OpaquePointer? = data.withUnsafeBytes { buffer in
            g_bytes_new(buffer.baseAddress, gsize(buffer.count))
        }
        guard let bytes else { throw .unreadable(Messages.text("pdf.poppler.out_of_memory")) }
        defer { g_bytes_unref(bytes) }

        var error: UnsafeMutablePointer<GError>?
        let opened = poppler_document_new_from_bytes(bytes, nil, &error)
        if let error {
            let encrypted = error.pointee.domain == xxgk_poppler_error_domain()
                && error.pointee.code == Int32(POPPLER_ERROR_ENCRYPTED.rawValue)
            let message = error.pointee.message.map { String(cString: $0) } ?? Messages.text("pdf.poppler.unknown_error")
            g_error_free(error)
            if let opened { g_object_unref(UnsafeMutableRawPointer(opened)) }
            throw encrypted ? .encrypted : .unreadable(message)
        }
        guard let document = opened else { throw .unreadable(Messages.text("pdf.poppler.unknown_error")) }
        defer { g_object_unref(UnsafeMutableRawPointer(document)) }

        let count = Int(poppler_document_get_n_pages(document))
        guard count <= pageLimit else { throw .tooManyPages(count) }
        var pages: [PageText] = []
        pages.reserveCapacity(count)
        for index in 0..<count {
            guard let page = poppler_document_get_page(document, Int32(index)) else {
                throw .unreadable(Messages.text("pdf.poppler.page", ["page": String(index + 1)]))
            }
            defer { g_object_unref(UnsafeMutableRawPointer(page)) }
            pages.append(text(of: page))
        }
        return pages
    }

    /// One page's characters paired with the boxes of `poppler_page_get_text_layout`, which
    /// gives one rectangle per character of `poppler_page_get_text`, whitespace included.
    private static func text(of page: OpaquePointer) -> PageText {
        var width = 0.0, height = 0.0
        poppler_page_get_size(page, &width, &height)

        var scalars: [Unicode.Scalar] = []
        if let text = poppler_page_get_text(page) {
            scalars = Array(String(cString: text).unicodeScalars)
            g_free(text)
        }
        var rectangles: UnsafeMutablePointer<PopplerRectangle>?
        var rectangleCount: guint = 0
        var glyphs: [Glyph] = []
        if poppler_page_get_text_layout(page, &rectangles, &rectangleCount) != 0, let rectangles {
            let paired = min(Int(rectangleCount), scalars.count)
            glyphs.reserveCapacity(paired)
            for index in 0..<paired {
                let box = rectangles[index]
                let minX = min(box.x1, box.x2), maxX = max(box.x1, box.x2)
                let minY = min(box.y1, box.y2), maxY = max(box.y1, box.y2)
                // A box that is not finite (a broken font matrix) cannot be placed.
                guard minX.isFinite, maxX.isFinite, minY.isFinite, maxY.isFinite else { continue }
                glyphs.append(Glyph(scalar: scalars[index], minX: minX, minY: minY, maxX: maxX, maxY: maxY))
            }
        }
        if let rectangles { g_free(rectangles) }

        var imageCount = 0
        if !glyphs.contains(where: { !$0.scalar.properties.isWhitespace }), let mapping = poppler_page_get_image_mapping(page) {
            imageCount = Int(g_list_length(mapping))
            poppler_page_free_image_mapping(mapping)
        }
        return PageText(width: width, height: height, glyphs: glyphs, imageCount: imageCount)
    }
}
