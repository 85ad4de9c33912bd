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
                                        .appraisalRead, .appoint, .appraisalRecordWrite, .eventsRead, .webhooksManage,
                                        .reportsRead, .legalHoldsManage, .subjectAccessExport,
                                        .statementSamples]
    // anyone authn platform admin audit read related write | trustRead configWrite cycleRead cycleWrite appraisalRead appoint
    // recordWrite eventsRead webhooksManage reportsRead legalHolds subjectAccess samples
    /// Each row's cells in column order: Y allowed, n denied.
    static let table: [(String, Caller, String)] = [
        ("platform admin", .platformAdministrator, "YYYYYYYYYYYYYYYYYYYYY"),
        ("key staff:read", key([.staffRead]), "YYnnnYYnYnnnnnnnnnnnn"),
        ("key staff:write", key([.staffWrite]), "YYnnnYYYYnnnnnnnnnnnn"),
        ("key reports:read", key([.reportsRead]), "YYnnnnnnYnnnnnnnnYnnn"),
        ("key events:read", key([.eventsRead]), "YYnnnnnnYnnnnnnYnnnnn"),
        ("key appraisals:read", key([.appraisalsRead]), "YYnnnnnnYnYnYnnnnnnnn"),
        ("user, no role", user([]), "YYnnnnYnYnYnYYYnnYnnY"),
        ("user trust_admin", user([.trustAdmin]), "YYnYYYYYYYYYYYYYYYYnY"),
        ("user hr", user([.hr]), "YYnnYYYYYYYYYYYYYYYYY"),
        ("user ceo", user([.ceo]), "YYnnYYYnYnYYYYYnnYnnY"),
        ("user operations_director", user([.operationsDirector]), "YYnnnYYnYnYnYYYnnYnnY"),
        ("user headteacher (unit role)", user([.headteacher]), "YYnnnnYnYnYnYYYnnYnnY"),
        ("user governor (unit role)", user([.governor]), "YYnnnnYnYnYnYYYnnYnnY"),
        ("user reporting", user([.reporting]), "YYnnnnYnYnYnYYYnnYnnY"),
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
            #expect(expected.count == Self.columns.count, "\(name): one cell per column")
            for (permission, allowed) in zip(Self.columns, expected.map { $0 == "Y" }) {
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
