@testable import App
import Domain
import Foundation
import Testing

/// The bulk sync's written-out field names (`AuditedFields`) say what the audit of a single
/// write says (`FieldNames`, by JSON): the same names for the same changes.
@Suite struct FieldNamesTests {
    static let person = UUID()
    static let unit = UUID()
    static let full = EmploymentInput(
        personId: person, unitId: unit, staffGroup: .teacher, jobTitle: "Teacher", lineManagerId: UUID(),
        contractType: .fixedTerm, contractEndDate: CalendarDate(year: 2031, month: 8, day: 31),
        startDate: CalendarDate(year: 2029, month: 9, day: 1)!, endDate: nil, probationEndDate: nil,
        inductionStatus: .inProgress, qts: true, fte: Decimal(string: "0.6")!, payPoint: "M3",
        workingPattern: .termTime, underCapability: false, externalId: "E1")

    @Test func aCreateNamesWhatItSets() {
        let sparse = EmploymentInput(personId: Self.person, unitId: Self.unit, staffGroup: .support, jobTitle: "TA",
                                     startDate: CalendarDate(year: 2030, month: 1, day: 6)!)
        for input in [Self.full, sparse] {
            #expect(input.setFieldNames == FieldNames.set(input))
        }
        let unit = UnitInput(name: "Oak", kind: .school, urn: "140001", externalId: "U1")
        #expect(unit.setFieldNames == FieldNames.set(unit))
        let person = PersonInput(givenName: "Ada", familyName: "Shaw", email: nil, externalId: "P1")
        #expect(person.setFieldNames == FieldNames.set(person))
    }

    @Test func aChangeNamesWhatDiffers() {
        var changed = Self.full
        changed.jobTitle = "Head of Year"
        changed.fte = Decimal(string: "0.6000")!   // the same number, as the database returns it
        changed.lineManagerId = nil
        changed.payPoint = "M4"
        #expect(Self.full.changedFieldNames(to: changed)
                == FieldNames.changed(from: Self.full, to: changed))
        #expect(Self.full.changedFieldNames(to: changed) == ["job_title", "line_manager_id", "pay_point"])
        // Every field of each input is listed, once.
        #expect(EmploymentInput.auditedFields.map(\.name) == EmploymentInput.fields.sorted())
        #expect(UnitInput.auditedFields.map(\.name) == UnitInput.fields.sorted())
        #expect(PersonInput.auditedFields.map(\.name) == PersonInput.fields.sorted())
        #expect(Self.full.changedFieldNames(to: Self.full).isEmpty)
    }
}
