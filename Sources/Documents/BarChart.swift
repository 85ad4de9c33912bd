import CPangoCairo

/// The bar chart block: a label column, then bars in one colour scaled to the largest count,
/// each with its number after it. A suppressed count is an empty grey outline labelled as
/// hidden, so a reader never takes it for zero.
extension PageWriter {
    static let barHeight = 11.0, barGap = 5.0
    static let barColour = (red: 0.29, green: 0.45, blue: 0.65)

    func writeBars(_ title: String, caption: String, _ bars: [PrintedDocument.Bar]) {
        let rowHeight = Self.barHeight + Self.barGap
        breakPage(ifLessThan: 60 + measure(caption, font: Fonts.label, width: Page.contentWidth) + 3 * rowHeight)
        writeSection(title)
        y = place(caption, font: Fonts.label, x: Page.margin, width: Page.contentWidth, at: y) + 6
        let barX = Page.margin + Page.labelWidth + 10
        let barSpace = Page.contentWidth - Page.labelWidth - 10 - 70
        let largest = Double(max(1, bars.compactMap(\.value).max() ?? 1))
        for bar in bars {
            // A label too long for its column wraps, and its row grows to hold it.
            let height = max(rowHeight, measure(bar.label, font: Fonts.body, width: Page.labelWidth) + Self.barGap)
            breakPage(ifLessThan: height)
            place(bar.label, font: Fonts.body, x: Page.margin, width: Page.labelWidth, at: y - 1)
            if let value = bar.value {
                let width = max(value > 0 ? 1 : 0, barSpace * Double(value) / largest)
                cairo_set_source_rgb(cairo, Self.barColour.red, Self.barColour.green, Self.barColour.blue)
                cairo_rectangle(cairo, barX, y, width, Self.barHeight)
                cairo_fill(cairo)
                place(String(value), font: Fonts.body, x: barX + width + 4, width: 66, at: y - 1)
            } else {
                cairo_set_source_rgb(cairo, 0.6, 0.6, 0.6)
                cairo_set_line_width(cairo, 0.6)
                cairo_rectangle(cairo, barX, y, 24, Self.barHeight)
                cairo_stroke(cairo)
                place("hidden (fewer than 5, or would reveal one)", font: Fonts.note, x: barX + 30,
                      width: barSpace, at: y, grey: true)
            }
            y += height
        }
        y += 4
        rule()
    }
}
