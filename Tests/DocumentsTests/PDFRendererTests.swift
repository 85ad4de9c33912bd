import Documents
import Foundation
import Testing
import TestSupport

/// The PDF printer on its own: text longer than a page flows onto the next, nothing is lost or
/// read as markup, and the same document prints the same bytes.
struct PDFRendererTests {
    func document(_ blocks: [PrintedDocument.Block]) -> PrintedDocument {
        PrintedDocument(title: "A long statement", subtitle: "Test trust", marking: "CONFIDENTIAL",
                        footer: "Footer line", createdAt: "2031-03-04T05:06:07", blocks: blocks)
    }

    @Test func textLongerThanAPageFlowsOntoTheNextWithEveryLineKept() throws {
        let paragraph = (1...160).map { "Line \($0) of the evidence considered." }.joined(separator: "\n")
        let pdf = Data(try PDFRenderer.render(document([
            .section("End of year review"),
            .text(label: "Evidence considered", body: paragraph),
            .field(label: "A long value", value: (1...120).map { "Row \($0)" }.joined(separator: "\n")),
            .field(label: "Afterwards", value: "The last field"),
        ])))
        let text = try PDFTools.text(of: pdf)
        for number in [1, 80, 160] { #expect(text.contains("Line \(number) of the evidence considered.")) }
        for number in [1, 60, 120] { #expect(text.contains("Row \(number)\n") || text.contains("Row \(number) ")) }
        #expect(text.contains("The last field"))
        #expect(text.contains("Footer line · page 1") && text.contains("Footer line · page 3"))
        #expect(try PDFTools.pngPages(of: pdf).count >= 4)
    }

    @Test func markupAndControlCharactersArePrintedAsTheyAre() throws {
        let comment = PrintedDocument.Block.text(label: "Comment", body: "<b>not bold</b> & 5 < 6 \u{7}")
        let pdf = Data(try PDFRenderer.render(document([comment])))
        #expect(try PDFTools.text(of: pdf).contains("<b>not bold</b> & 5 < 6"))
    }

    /// Issue 12 §4: a server that never prints does not map cairo, Pango, glib and the rest
    /// (4.6 MB of idle RSS), nor libcurl before its first delivery. This process is built as
    /// the server is: nothing names them in its ELF dynamic section; the first print opens them.
    @Test func cairoAndPangoAreOpenedByTheFirstPrintNotLinked() throws {
        let dynamicSection = try PDFTools.output(of: "readelf", ["--dynamic", "/proc/self/exe"])
        #expect(dynamicSection.contains("(NEEDED)"))
        for library in ["libpango", "libcairo", "libglib", "libgobject", "libcurl"] {
            #expect(!dynamicSection.contains(library), "linked: \(library)")
        }
        _ = try PDFRenderer.render(document([.note("Opened now")]))
        // cat, as a file of /proc has no size for Foundation to read up to.
        let mapped = try PDFTools.output(of: "cat", ["/proc/\(getpid())/maps"])
        #expect(mapped.contains("libpangocairo-1.0.so.0") && mapped.contains("libcairo.so.2"))
    }

    @Test func theSameDocumentPrintsTheSameBytes() throws {
        let blocks: [PrintedDocument.Block] = [.field(label: "Name", value: "Same"), .note("Twice")]
        #expect(try PDFRenderer.render(document(blocks)) == PDFRenderer.render(document(blocks)))
    }
}
