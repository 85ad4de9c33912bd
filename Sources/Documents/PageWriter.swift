import CPangoCairo

/// Writes blocks down the page and starts a new page where a line would cross the bottom
/// margin: paragraphs break between lines, a form row or a heading moves whole.
final class PageWriter {
    let cairo: OpaquePointer
    private let document: PrintedDocument
    var y = Page.top
    private var page = 1

    init(cairo: OpaquePointer, document: PrintedDocument) {
        self.cairo = cairo
        self.document = document
        writeMarking()
    }

    func writeTitle() {
        flow(document.title, font: Fonts.title, x: Page.margin, width: Page.contentWidth)
        y += 4
        flow(document.subtitle, font: Fonts.body, x: Page.margin, width: Page.contentWidth)
        y += 12
    }

    func write(_ block: PrintedDocument.Block) {
        switch block {
        case .section(let heading): writeSection(heading)
        case .field(let label, let value): writeField(label, value)
        case .text(let label, let body): writeText(label, body)
        case .note(let text):
            flow(text, font: Fonts.note, x: Page.margin, width: Page.contentWidth, grey: true)
            y += 6
        case .bars(let title, let caption, let bars): writeBars(title, caption: caption, bars)
        }
    }

    /// The last page's footer; cairo closes the page when the surface finishes.
    func finish() { writeFooter() }

    func writeSection(_ heading: String) {
        let height = measure(heading, font: Fonts.section, width: Page.contentWidth - 12) + 8
        // A heading never ends a page: it keeps the first lines of what it heads with it.
        breakPage(ifLessThan: height + 48)
        y += 8
        cairo_set_source_rgb(cairo, 0.86, 0.89, 0.93)
        cairo_rectangle(cairo, Page.margin, y, Page.contentWidth, height)
        cairo_fill(cairo)
        place(heading, font: Fonts.section, x: Page.margin + 6, width: Page.contentWidth - 12, at: y + 4)
        y += height + 8
    }

    private func writeField(_ label: String, _ value: String) {
        let valueX = Page.margin + Page.labelWidth + 10
        let valueWidth = Page.contentWidth - Page.labelWidth - 10
        let shown = value.isEmpty ? "—" : value
        let height = max(measure(label, font: Fonts.label, width: Page.labelWidth),
                         measure(shown, font: Fonts.body, width: valueWidth))
        breakPage(ifLessThan: min(height, Page.bottom - Page.top))
        let startPage = page
        let labelBottom = place(label, font: Fonts.label, x: Page.margin, width: Page.labelWidth, at: y)
        // A value longer than a page flows on; any other row stays on one page.
        flow(shown, font: Fonts.body, x: valueX, width: valueWidth, grey: value.isEmpty)
        if page == startPage { y = max(y, labelBottom) }
        y += 5
        rule()
    }

    private func writeText(_ label: String, _ body: String) {
        let labelHeight = measure(label, font: Fonts.label, width: Page.contentWidth)
        breakPage(ifLessThan: labelHeight + 36)
        flow(label, font: Fonts.label, x: Page.margin, width: Page.contentWidth)
        y += 3
        let shown = body.isEmpty ? "—" : body
        flow(shown, font: Fonts.body, x: Page.margin, width: Page.contentWidth, grey: body.isEmpty)
        y += 6
        rule()
    }

    func rule() {
        cairo_set_source_rgb(cairo, 0.8, 0.8, 0.8)
        cairo_set_line_width(cairo, 0.5)
        cairo_move_to(cairo, Page.margin, y)
        cairo_line_to(cairo, Page.margin + Page.contentWidth, y)
        cairo_stroke(cairo)
        y += 6
    }

    func breakPage(ifLessThan height: Double) {
        if y + height > Page.bottom { newPage() }
    }

    private func newPage() {
        writeFooter()
        cairo_show_page(cairo)
        page += 1
        y = Page.top
        writeMarking()
    }

    private func writeMarking() {
        let width = Page.contentWidth
        place(document.marking, font: Fonts.marking, x: Page.margin, width: width, at: 30, align: .right)
    }

    private func writeFooter() {
        let text = "\(document.footer) · page \(page)"
        place(text, font: Fonts.note, x: Page.margin, width: Page.contentWidth, at: Page.bottom + 22, grey: true)
    }
}

extension PageWriter {
    enum Alignment { case left, right }

    /// Sets `text` from `y` down, line by line, starting a page where a line would not fit;
    /// `y` ends under its last line.
    private func flow(_ text: String, font: String, x: Double, width: Double, grey: Bool = false) {
        y = draw(text, font: font, x: x, width: width, top: y, breaking: true, grey: grey, align: .left)
    }

    /// Sets `text` at a fixed place on this page (a heading bar's text, the marking, a footer).
    @discardableResult
    func place(_ text: String, font: String, x: Double, width: Double, at top: Double,
                       grey: Bool = false, align: Alignment = .left) -> Double {
        draw(text, font: font, x: x, width: width, top: top, breaking: false, grey: grey, align: align)
    }

    /// Draws the lines; the bottom of the last one, on the page it ends on.
    private func draw(_ text: String, font: String, x: Double, width: Double, top: Double, breaking: Bool,
                      grey: Bool, align: Alignment) -> Double {
        let layout = makeLayout(text, font: font, width: width, align: align)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        let iterator = pango_layout_get_iter(layout)
        defer { pango_layout_iter_free(iterator) }
        // Where the layout's own y = 0 falls on the page; moved up when a page starts.
        var origin = top
        var bottom = top
        repeat {
            var logical = PangoRectangle()
            pango_layout_iter_get_line_extents(iterator, nil, &logical)
            let lineTop = points(logical.y), lineHeight = points(logical.height)
            if breaking, origin + lineTop + lineHeight > Page.bottom, origin + lineTop > Page.top {
                newPage()
                origin = Page.top - lineTop
            }
            let shade = grey ? 0.4 : 0.0
            cairo_set_source_rgb(cairo, shade, shade, shade)
            cairo_move_to(cairo, x, origin + points(pango_layout_iter_get_baseline(iterator)))
            pango_cairo_show_layout_line(cairo, pango_layout_iter_get_line_readonly(iterator))
            bottom = origin + lineTop + lineHeight
        } while pango_layout_iter_next_line(iterator) != 0
        return bottom
    }

    func measure(_ text: String, font: String, width: Double) -> Double {
        let layout = makeLayout(text, font: font, width: width, align: .left)
        defer { g_object_unref(UnsafeMutableRawPointer(layout)) }
        var logical = PangoRectangle()
        pango_layout_get_extents(layout, nil, &logical)
        return points(logical.height)
    }

    private func makeLayout(_ text: String, font: String, width: Double, align: Alignment) -> OpaquePointer {
        let layout = pango_cairo_create_layout(cairo)!
        // Points on the page are cairo's units: 72 dots to the inch, not the screen's 96.
        pango_cairo_context_set_resolution(pango_layout_get_context(layout), 72)
        pango_layout_context_changed(layout)
        let description = pango_font_description_from_string(font)
        pango_layout_set_font_description(layout, description)
        pango_font_description_free(description)
        pango_layout_set_width(layout, Int32(width * Double(PANGO_SCALE)))
        pango_layout_set_wrap(layout, PANGO_WRAP_WORD_CHAR)
        pango_layout_set_alignment(layout, align == .right ? PANGO_ALIGN_RIGHT : PANGO_ALIGN_LEFT)
        pango_layout_set_text(layout, text, -1)
        return layout
    }

    private func points(_ pangoUnits: Int32) -> Double { Double(pangoUnits) / Double(PANGO_SCALE) }
}

/// The faces, by Pango's font description; DejaVu Sans is in every Debian image with fonts.
enum Fonts {
    static let title = "DejaVu Sans Bold 15"
    static let section = "DejaVu Sans Bold 10.5"
    static let label = "DejaVu Sans Bold 9"
    static let body = "DejaVu Sans 9"
    static let note = "DejaVu Sans 7.5"
    static let marking = "DejaVu Sans Bold 8"
}
