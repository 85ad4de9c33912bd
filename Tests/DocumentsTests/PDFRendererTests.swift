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

    @Test func theSameDocumentPrintsTheSameBytes() throws {
        let blocks: [PrintedDocument.Block] = [.field(label: "Name", value: "Same"), .note("Twice")]
        #expect(try PDFRenderer.render(document(blocks)) == PDFRenderer.render(document(blocks)))
    }
}
