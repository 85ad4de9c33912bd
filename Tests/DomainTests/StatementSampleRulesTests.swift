import Domain
import Foundation
import Testing

/// Issue 17 §2 (003 §1.8): what the system removes from a sampled statement, and who does what.
@Suite struct StatementSampleRulesTests {
    let oak = UUID(), elm = UUID()

    @Test func namesEmailsAndNumbersAreRemovedWholeWordsOnly() {
        let text = "Priya Shah agreed with Mr Shah; Shahid led. Email p.shah@elm.example, call 0161 496 0000, "
            + "Year 7 in 2031."
        let redacted = Redaction.redact(text, names: ["Priya Shah", "Tom Reed"])
        #expect(redacted == "[name] agreed with Mr [name]; Shahid led. Email [email], call [number], Year 7 in 2031.")
        #expect(Redaction.redact("REED and reed", names: ["Tom Reed"]) == "[name] and [name]")
    }

    @Test func theHeadPreparesAndGovernorsReadOnlyReleased() {
        let head = [(role: "headteacher", unit: Optional(oak))]
        let governor = [(role: "governor", unit: Optional(oak))]
        #expect(StatementSampleAccess.prepares(head, unit: oak) == .allow)
        #expect(StatementSampleAccess.prepares(head, unit: elm) != .allow, "another school's head")
        #expect(StatementSampleAccess.prepares(governor, unit: oak) != .allow)
        #expect(StatementSampleAccess.reads(governor, unit: oak, state: .draft) == .hidden)
        #expect(StatementSampleAccess.reads(governor, unit: oak, state: .released) == .allow)
        #expect(StatementSampleAccess.reads(governor, unit: elm, state: .released) != .allow)
        #expect(StatementSampleAccess.reads([(role: "hr", unit: nil)], unit: oak, state: .released) != .allow)
    }
}
