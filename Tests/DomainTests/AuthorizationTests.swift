import Domain
import Foundation
import Testing

/// Who may do what, as one table: caller × permission → allowed? Extend the table, not code.
@Suite struct AuthorizationTests {
    static let trust = UUID()
    static let readKey = Caller.apiKey(id: UUID(), trust: trust, scopes: [.staffRead])
    static let writeKey = Caller.apiKey(id: UUID(), trust: trust, scopes: [.staffWrite])
    static let reportKey = Caller.apiKey(id: UUID(), trust: trust, scopes: [.reportsRead])

    //                                                        anyone authenticated platform staffRead staffWrite
    static let table: [(String, Caller, [Bool])] = [
        ("platform admin", .platformAdministrator, [true, true, true, true, true]),
        ("key staff:read", readKey, [true, true, false, true, false]),
        ("key staff:write", writeKey, [true, true, false, true, true]),
        ("key reports:read", reportKey, [true, true, false, false, false]),
        ("user, no grants", .user(account: UUID(), person: UUID(), trust: trust), [true, true, false, false, false]),
    ]
    static let columns: [Permission] = [.anyone, .authenticated, .platform, .staffRead, .staffWrite]

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
}
