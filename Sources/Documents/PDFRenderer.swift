import CPangoCairo

/// Prints a `PrintedDocument` as PDF with cairo (the PDF surface) and Pango (the text: line
/// breaking, shaping, fonts found by fontconfig) — a real PDF library, never hand-written bytes.
/// Text is set with `pango_layout_set_text`, never as markup, so nothing in it is interpreted.
public enum PDFRenderer {
    public static func render(_ document: PrintedDocument) throws -> [UInt8] {
        if let failure = appraise_pango_cairo_load() {
            throw PDFRenderingFailed(status: "cairo and Pango could not be loaded: " + String(cString: failure))
        }
        let sink = ByteSink()
        let context = Unmanaged.passRetained(sink)
        defer { context.release() }
        guard let surface = cairo_pdf_surface_create_for_stream(writeToSink, context.toOpaque(),
                                                                Page.width, Page.height) else {
            throw PDFRenderingFailed(status: "no surface")
        }
        defer { cairo_surface_destroy(surface) }
        setMetadata(of: surface, document)
        guard let cairo = cairo_create(surface) else { throw PDFRenderingFailed(status: "no context") }
        let pages = PageWriter(cairo: cairo, document: document)
        pages.writeTitle()
        for block in document.blocks { pages.write(block) }
        pages.finish()
        cairo_destroy(cairo)
        cairo_surface_finish(surface)
        let status = cairo_surface_status(surface)
        guard status == CAIRO_STATUS_SUCCESS else {
            throw PDFRenderingFailed(status: String(cString: cairo_status_to_string(status)))
        }
        return sink.bytes
    }

    private static func setMetadata(of surface: OpaquePointer, _ document: PrintedDocument) {
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, document.title)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_SUBJECT, document.subtitle)
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Appraise")
        cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATE_DATE, document.createdAt)
    }
}

/// A4 in points, with the margins the text keeps to.
enum Page {
    static let width = 595.28
    static let height = 841.89
    static let margin = 48.0
    static let top = 64.0
    static let bottom = height - 56.0
    static let contentWidth = width - 2 * margin
    static let labelWidth = 150.0
}

/// Cairo hands the PDF over in pieces; they are kept in order.
private final class ByteSink {
    var bytes: [UInt8] = []
}

private func writeToSink(_ closure: UnsafeMutableRawPointer?, _ data: UnsafePointer<UInt8>?,
                         _ length: UInt32) -> cairo_status_t {
    guard let closure, let data else { return CAIRO_STATUS_WRITE_ERROR }
    let sink = Unmanaged<ByteSink>.fromOpaque(closure).takeUnretainedValue()
    sink.bytes.append(contentsOf: UnsafeBufferPointer(start: data, count: Int(length)))
    return CAIRO_STATUS_SUCCESS
}
