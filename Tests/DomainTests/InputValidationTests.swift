import Domain
import Foundation
import Testing

private func fields(_ body: () throws -> Void) -> [String] {
    do {
        try body()
        return []
    } catch let failure as ValidationFailure {
        return failure.errors.map { "\($0.field):\($0.rule)" }
    } catch {
        return ["unexpected \(error)"]
    }
}

/// A text is blank when trimming white space leaves nothing; a visible first character is
/// answered without trimming, and every other start still trims. Lengths count code points.
@Suite struct TextValidationTests {
    func rules(_ value: String, max: Int = 5) -> [String] {
        var validator = Validator()
        validator.text(value, "name", max: max)
        return fields { try validator.result() }
    }

    @Test func blankIsWhatTrimmingEmpties() {
        for blank in ["", " ", "\t\n", "\u{00A0}", "\u{2003}\u{3000}"] { #expect(rules(blank) == ["name:required"]) }
        for present in ["a", " a", "\u{00A0}b", "é", "~", "\u{1F600}"] { #expect(rules(present) == []) }
    }

    @Test func lengthCountsCodePointsNotBytes() {
        #expect(rules("ééééé") == [])
        #expect(rules("éééééé") == ["name:max_length"])
        #expect(rules("abcdef") == ["name:max_length"])
    }
}

/// The email check's ASCII fast path answers as the rule over Characters does.
@Suite struct EmailFormatTests {
    /// The rule as written for any text: one `@`, a non-empty local part, a dotted domain of
    /// non-empty labels, no white space, at most 254 characters.
    func rule(_ text: String) -> Bool {
        guard text.count <= 254, !text.contains(where: { $0.isWhitespace || $0.isNewline }) else { return false }
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty else { return false }
        let labels = parts[1].split(separator: ".", omittingEmptySubsequences: false)
        return labels.count >= 2 && labels.allSatisfy { !$0.isEmpty }
    }

    @Test func everyShortCombinationAnswersAsTheRule() {
        let pieces = ["", "a", "@", ".", " ", "\t", "\r\n", "é", "\u{0B}"]
        var texts = [""]
        for _ in 1...5 { texts = texts.flatMap { text in pieces.map { text + $0 } } }
        for text in texts { #expect(PersonInput.looksLikeEmail(text) == rule(text), "\(text.debugDescription)") }
    }

    @Test func lengthLimitAndTypicalAddresses() {
        let domain = "@trust.example"
        let longest = String(repeating: "x", count: 254 - domain.count) + domain
        #expect(PersonInput.looksLikeEmail(longest))
        #expect(!PersonInput.looksLikeEmail("x" + longest))
        for good in ["ana.ng@oak-academy.sch.uk", "o'neil+hr@trust.example", "zoë@école.example"] {
            #expect(PersonInput.looksLikeEmail(good), "\(good)")
        }
        for bad in ["ana@trust", "@trust.example", "ana@@trust.example", "ana@trust..example", "an a@t.example"] {
            #expect(!PersonInput.looksLikeEmail(bad), "\(bad)")
        }
    }
}

@Suite struct UnitValidationTests {
    @Test func schoolNeedsSixDigitURN() {
        #expect(fields { try UnitInput(name: "Riverside", kind: .school, urn: "123456").validate() } == [])
        #expect(fields { try UnitInput(name: "Riverside", kind: .school).validate() } == ["urn:required"])
        #expect(fields { try UnitInput(name: "Riverside", kind: .school, urn: "12345").validate() } == ["urn:pattern"])
        #expect(fields { try UnitInput(name: "Riverside", kind: .school, urn: "12345a").validate() } == ["urn:pattern"])
        #expect(fields { try UnitInput(name: "Riverside", kind: .school, urn: "١٢٣٤٥٦").validate() } == ["urn:pattern"])
    }

    @Test func centralTeamHasNoURNOrPhase() {
        #expect(fields { try UnitInput(name: "Central", kind: .centralTeam).validate() } == [])
        #expect(fields { try UnitInput(name: "Central", kind: .centralTeam, urn: "123456", phase: .primary).validate() }
                == ["urn:forbidden", "phase:forbidden"])
    }

    @Test func namesAreNonBlankAndBounded() {
        #expect(fields { try UnitInput(name: "  \n", kind: .centralTeam).validate() } == ["name:required"])
        #expect(fields { try UnitInput(name: String(repeating: "a", count: 201), kind: .centralTeam).validate() } == ["name:max_length"])
        #expect(fields { try UnitInput(name: String(repeating: "a", count: 200), kind: .centralTeam).validate() } == [])
    }
}

@Suite struct EmploymentValidationTests {
    let person = UUID()
    let unit = UUID()
    func input(_ change: (inout EmploymentInput) -> Void = { _ in }) -> EmploymentInput {
        var input = EmploymentInput(personId: person, unitId: unit, staffGroup: .teacher, jobTitle: "Teacher",
                                    startDate: CalendarDate("2025-09-01")!)
        change(&input)
        return input
    }

    @Test func fixedTermNeedsAnEndDateNotBeforeStart() {
        #expect(fields { try input { $0.contractType = .fixedTerm }.validate() } == ["contract_end_date:required"])
        #expect(fields { try input { $0.contractType = .fixedTerm; $0.contractEndDate = CalendarDate("2025-08-31") }.validate() }
                == ["contract_end_date:after_start"])
        #expect(fields { try input { $0.contractType = .fixedTerm; $0.contractEndDate = CalendarDate("2025-09-01") }.validate() } == [])
        #expect(fields { try input { $0.contractEndDate = CalendarDate("2026-07-31") }.validate() } == ["contract_end_date:forbidden"])
    }

    @Test func fteIsAFractionWithFourDecimals() {
        #expect(fields { try input { $0.fte = 0 }.validate() } == ["fte:range"])
        #expect(fields { try input { $0.fte = Decimal(string: "1.0001")! }.validate() } == ["fte:range"])
        #expect(fields { try input { $0.fte = Decimal(string: "0.12345")! }.validate() } == ["fte:precision"])
        #expect(fields { try input { $0.fte = Decimal(string: "0.6")! }.validate() } == [])
    }

    @Test func datesAreNotBeforeStart() {
        #expect(fields { try input { $0.endDate = CalendarDate("2025-08-01"); $0.probationEndDate = CalendarDate("2025-01-01") }.validate() }
                == ["end_date:after_start", "probation_end_date:after_start"])
    }
}

@Suite struct PersonValidationTests {
    @Test(arguments: ["a@b.co", "first.last+tag@school.sch.uk"])
    func acceptsEmails(_ email: String) {
        #expect(fields { try PersonInput(givenName: "A", familyName: "B", email: email).validate() } == [])
    }

    @Test(arguments: ["plain", "a@b", "@b.co", "a b@c.co", "a@b..co", "a@@b.co"])
    func refusesNonEmails(_ email: String) {
        #expect(fields { try PersonInput(givenName: "A", familyName: "B", email: email).validate() } == ["email:format"])
    }
}
