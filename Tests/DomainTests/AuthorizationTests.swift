import Domain
import Foundation
import Testing

/// Who may do what, as one table: caller × permission → allowed? Extend the table, not code.
@Suite struct AuthorizationTests {
    static let trust = UUID()
    static func key(_ scopes: Set<APIScope>) -> Caller { .apiKey(id: UUID(), trust: trust, scopes: scopes) }
    static func user(_ roles: Set<Role>) -> Caller { .user(account: UUID(), person: UUID(), trust: trust, roles: roles) }

    static let columns: [Permission] = [.anyone, .authenticated, .platform, .trustAdministration, .auditRead, .staffRead,
                                        .relatedStaffRead, .staffWrite, .trustRead, .configurationWrite, .cycleRead, .cycleWrite,
                                        .appraisalRead, .appoint, .appraisalRecordWrite]
    // anyone authn platform admin audit read related write | trustRead configWrite cycleRead cycleWrite appraisalRead appoint
    // recordWrite
    static let table: [(String, Caller, [Bool])] = [
        ("platform admin", .platformAdministrator, [true, true, true, true, true, true, true, true, true, true, true, true, true, true, true]),
        ("key staff:read", key([.staffRead]), [true, true, false, false, false, true, true, false, true, false, false, false, false, false, false]),
        ("key staff:write", key([.staffWrite]), [true, true, false, false, false, true, true, true, true, false, false, false, false, false, false]),
        ("key reports:read", key([.reportsRead]), [true, true, false, false, false, false, false, false, true, false, false, false, false, false, false]),
        ("key appraisals:read", key([.appraisalsRead]), [true, true, false, false, false, false, false, false, true, false, true, false, true, false, false]),
        ("user, no role", user([]), [true, true, false, false, false, false, true, false, true, false, true, false, true, true, true]),
        ("user trust_admin", user([.trustAdmin]), [true, true, false, true, true, true, true, true, true, true, true, true, true, true, true]),
        ("user hr", user([.hr]), [true, true, false, false, true, true, true, true, true, true, true, true, true, true, true]),
        ("user ceo", user([.ceo]), [true, true, false, false, true, true, true, false, true, false, true, true, true, true, true]),
        ("user operations_director", user([.operationsDirector]), [true, true, false, false, false, true, true, false, true, false, true, false, true, true, true]),
        ("user headteacher (unit role)", user([.headteacher]), [true, true, false, false, false, false, true, false, true, false, true, false, true, true, true]),
        ("user governor (unit role)", user([.governor]), [true, true, false, false, false, false, true, false, true, false, true, false, true, true, true]),
        ("user reporting", user([.reporting]), [true, true, false, false, false, false, true, false, true, false, true, false, true, true, true]),
    ]

    /// A staff record, for a user without a trust-wide role: relationship × allowed?
    static let relationshipTable: [(Relationship, Bool)] = [
        (.own, true), (.lineManager, true), (.headOfUnit, true), (.reviewer, true), (.committeeMember, true),
        (.sameUnit, false), (.otherUnit, false),
    ]

    @Test func staffRecordsFollowTheRelationship() {
        #expect(Self.relationshipTable.count == Relationship.allCases.count)
        for (relationship, allowed) in Self.relationshipTable {
            #expect((Authorization.decide(Self.user([]), readingStaffRecordWith: [relationship]) == .allow) == allowed,
                    "\(relationship.rawValue)")
        }
        #expect(Authorization.decide(Self.user([]), readingStaffRecordWith: []) != .allow)
        #expect(Authorization.decide(Self.user([.hr]), readingStaffRecordWith: [.otherUnit]) == .allow)
        #expect(Authorization.decide(Self.key([.reportsRead]), readingStaffRecordWith: [.own]) != .allow)
    }

    @Test func everyCellOfTheTableHolds() {
        #expect(Self.columns.count == Permission.allCases.count, "a new permission needs a column in the table")
        for (name, caller, expected) in Self.table {
            for (permission, allowed) in zip(Self.columns, expected) {
                let decision = Authorization.decide(caller, permission)
                #expect((decision == .allow) == allowed, "\(name) × \(permission.rawValue)")
                if case .deny(let reason) = decision { #expect(!reason.isEmpty) }
            }
        }
    }

    @Test func grantsCheckTheirScope() {
        #expect(throws: ValidationFailure.self) { try GrantInput(personId: UUID(), role: .headteacher).validate() }
        #expect(throws: ValidationFailure.self) { try GrantInput(personId: UUID(), role: .hr, unitId: UUID()).validate() }
        #expect(throws: Never.self) { try GrantInput(personId: UUID(), role: .governor, unitId: UUID()).validate() }
        #expect(throws: Never.self) { try GrantInput(personId: UUID(), role: .committeeMember).validate() }
    }
}
