/// A document to print on A4 (issue 13 §2: the statement for the personnel file): a title
/// block, then blocks in order, broken across pages where they do not fit. What it says is
/// the caller's; how it looks is `PDFRenderer`'s.
public struct PrintedDocument: Sendable, Equatable {
    public enum Block: Sendable, Equatable {
        /// A shaded heading bar that starts a part of the form.
        case section(String)
        /// A label and its value side by side, as a form's row.
        case field(label: String, value: String)
        /// A label over a paragraph; an empty paragraph shows as a dash, never as nothing.
        case text(label: String, body: String)
        /// A line in small grey type: a note on how to read what follows.
        case note(String)
        /// A horizontal bar chart under a heading bar and a caption: one bar per count, scaled
        /// to the largest; the heading never ends a page without its first bars.
        case bars(title: String, caption: String, [Bar])
    }

    /// One bar: what it counts, and the count — nil where it is suppressed (fewer than 5, or
    /// one a total would give away), drawn as an empty outline saying so, never as zero.
    public struct Bar: Sendable, Equatable {
        public var label: String
        public var value: Int?
        public init(label: String, value: Int?) { self.label = label; self.value = value }
    }

    public var title: String
    public var subtitle: String
    /// Printed at the top of every page, e.g. "STRICTLY CONFIDENTIAL" (000 Appendix A).
    public var marking: String
    /// Printed at the foot of every page, with the page number.
    public var footer: String
    /// The PDF's creation date (`YYYY-MM-DDTHH:MM:SS`): given, so the same data prints the same
    /// bytes.
    public var createdAt: String
    public var blocks: [Block]

    public init(title: String, subtitle: String, marking: String, footer: String, createdAt: String,
                blocks: [Block]) {
        self.title = title; self.subtitle = subtitle; self.marking = marking; self.footer = footer
        self.createdAt = createdAt; self.blocks = blocks
    }
}

/// Cairo could not make the PDF (out of memory, a font system that would not start).
public struct PDFRenderingFailed: Error, Sendable {
    public let status: String
}
