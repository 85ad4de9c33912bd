import App
import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 11 §3: the chain hashes keyed pseudonyms of identifiers, so a person's identifiers
/// can be erased (001, 003 §1.9: destroyed after six years) and every chain still verifies —
/// while a changed identifier, a changed pseudonym or any other change is still caught.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AuditErasureTests {
    let api = TestAPI()
    let owner = TestDatabase.ownerPool

    /// The chain as every reader sees it: pending reads linked first (migration 0014).
    func events(_ trust: UUID) async throws -> [AuditEvent] {
        try await TestDatabase.pool.transaction(trustID: trust) { db in
            try AuditStore.link(trust: trust, on: db)
            return try AuditStore.chain(of: trust, afterSequence: 0, limit: 10_000, on: db)
        }
    }

    /// A trust with a person who has an account, has logged in and has been written about.
    func trustWithAPerson() async throws -> (trust: UUID, person: UUID) {
        let trust = try await api.makeTrust()
        let person = try await api.create("/v1/people", #"{"given_name": "Erin", "family_name": "Ashe"}"#, trust: trust)
        _ = try await api.create("/v1/accounts", """
            {"person_id": "\(person)", "email": "erin-\(UUID())@erasure.example", "password": "erasure password 1"}
            """, trust: trust)
        _ = await api.send("PATCH", "/v1/people/\(person)", json: #"{"family_name": "Ash"}"#, trust: trust,
                           headers: [("If-Match", "\"1\"")])
        return (trust, person)
    }

    @Test func erasingAPersonsIdentifiersKeepsTheChainVerifiable() async throws {
        let (trust, person) = try await trustWithAPerson()
        let id = person.uuidString.lowercased()
        let before = try await events(trust)
        #expect(before.allSatisfy { $0.hashVersion == 2 })
        #expect(before.contains { $0.subjectPersonId == person || $0.resourceId == person })
        // The pseudonyms are keyed: not a plain hash of the identifier anyone could recompute.
        #expect(!before.contains { $0.pseudonyms.subject == id || $0.pseudonyms.resource == id })

        let erased = try await AuditLogService(api.environment).erase(person: person, in: trust, audit: .system)
        #expect(erased >= 2)
        let after = try await events(trust)
        #expect(!after.contains { $0.subjectPersonId == person || $0.resourceId == person })
        #expect(after.last?.action == "erase_identifiers" && after.last?.subjectPersonId == nil)
        // Nothing the hash covers changed: the chain, its head and its pseudonyms verify.
        #expect(try await AuditVerifier(pool: owner).verify(trust: trust) == nil)
        #expect(zip(before, after).allSatisfy { $0.hash == $1.hash && $0.pseudonyms == $1.pseudonyms })
    }

    @Test func theApplicationRoleMayOnlyEraseIdentifiers() async throws {
        let (trust, person) = try await trustWithAPerson()
        let other = UUID()
        let refused = ["UPDATE audit_events SET subject_person_id = '\(other)' WHERE subject_person_id = '\(person)'",
                       "UPDATE audit_events SET action = 'read' WHERE subject_person_id = '\(person)'",
                       "UPDATE audit_events SET subject_pseudonym = NULL WHERE subject_person_id = '\(person)'"]
        for statement in refused {
            await #expect(throws: PostgresError.self) {
                try await TestDatabase.pool.transaction(trustID: trust) { db in
                    _ = try db.query(SQL(unsafeSQL: statement))
                }
            }
        }
        #expect(try await AuditVerifier(pool: owner).verify(trust: trust) == nil)
    }

    /// As the owner with the trigger off: an identifier swapped for another person's no longer
    /// matches the pseudonym the chain hashed.
    @Test func aChangedIdentifierIsReported() async throws {
        let (trust, person) = try await trustWithAPerson()
        let target = try #require(try await events(trust).first { $0.subjectPersonId == person })
        try await setSubject(of: target.sequence, to: UUID(), in: trust)
        let broken = try await AuditVerifier(pool: owner).verify(trust: trust)
        #expect(broken?.sequence == target.sequence && broken?.problem.contains("pseudonym") == true)
        // Put back, so the suite-wide `appraise audit verify` stays green.
        try await setSubject(of: target.sequence, to: person, in: trust)
        #expect(try await AuditVerifier(pool: owner).verify(trust: trust) == nil)
    }

    /// As the owner, with the append-only trigger switched off: what verify must catch.
    func setSubject(of sequence: Int64, to person: UUID, in trust: UUID) async throws {
        try await owner.transaction(trustID: trust) { db in
            try db.query("ALTER TABLE audit_events DISABLE TRIGGER audit_events_append_only")
            try db.query(SQL(unsafeSQL: """
                UPDATE audit_events SET subject_person_id = '\(person)'
                WHERE trust_id = '\(trust)' AND sequence = \(sequence)
                """))
            try db.query("ALTER TABLE audit_events ENABLE TRIGGER audit_events_append_only")
        }
    }
}
