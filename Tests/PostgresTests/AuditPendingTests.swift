import App
import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Allowed reads are audited without locking their trust's chain head, and linked onto the
/// chain afterwards in the order they were written (issue 11 §3, migration 0014).
// Serialized: two tests link every trust's pending events (`linkPending`, and signing
// checkpoints in AuditTests.swift), which raced the test counting its own trust's pending
// event (flakes seen in `make test`). Nothing else in the test run links all trusts.
@Suite(.serialized, .enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AuditPendingTests {
    let api = TestAPI()

    func pending(_ trust: UUID) async throws -> Int {
        try await TestDatabase.pool.transaction(trustID: trust) { db in
            try db.query("SELECT count(*) AS n FROM audit_pending WHERE trust_id = \(trust)")[0].decode(Int.self, "n")
        }
    }

    func chain(_ trust: UUID) async throws -> [AuditEvent] {
        try await TestDatabase.pool.transaction(trustID: trust) { db in
            try AuditStore.chain(of: trust, afterSequence: 0, limit: 10_000, on: db)
        }
    }

    @Test func aReadWaitsOffTheChainAndTheNextWriteLinksItFirst() async throws {
        let trust = try await api.makeTrust()
        // Reading the audit log is itself an audited read.
        #expect(await api.send("GET", "/v1/audit-events", trust: trust).status == 200)
        #expect(try await pending(trust) == 1)
        #expect(try await chain(trust).map(\.action) == ["create"])
        _ = try await api.create("/v1/units", #"{"name": "Hillside", "kind": "central_team"}"#, trust: trust)
        #expect(try await pending(trust) == 0)
        let linked = try await chain(trust)
        #expect(linked.map(\.action) == ["create", "read", "create"])
        #expect(linked.map(\.resourceType) == ["trust", "audit_events", "unit"])
        #expect(linked.map(\.sequence) == [1, 2, 3])
        #expect(linked.allSatisfy { $0.hashVersion == 2 })
        #expect(try await AuditVerifier(pool: TestDatabase.ownerPool).verify(trust: trust) == nil)
    }

    @Test func concurrentReadersAndWritersOfOneTrustLeaveAGapFreeChain() async throws {
        let trust = try await api.makeTrust()
        await withTaskGroup(of: Void.self) { group in
            for index in 0..<30 {
                group.addTask {
                    if index % 3 == 0 {
                        let person = #"{"given_name": "P\#(index)", "family_name": "Q"}"#
                        _ = await api.send("POST", "/v1/people", json: person, trust: trust)
                    } else {
                        _ = await api.send("GET", "/v1/audit-events?limit=5", trust: trust)
                    }
                }
            }
        }
        // The linker's work, as the worker does it every second.
        let linked = try await AuditVerifier(pool: TestDatabase.pool).linkPending()
        #expect(linked >= 0)
        #expect(try await pending(trust) == 0)
        let events = try await chain(trust)
        #expect(events.map(\.sequence) == Array(1...31))
        #expect(events.filter { $0.action == "read" }.count == 20)
        #expect(try await AuditVerifier(pool: TestDatabase.ownerPool).verify(trust: trust) == nil)
    }

    @Test func theApplicationRoleCannotChangeAPendingEvent() async throws {
        let trust = try await api.makeTrust()
        #expect(await api.send("GET", "/v1/audit-events", trust: trust).status == 200)
        await #expect(throws: PostgresError.self) {
            try await TestDatabase.pool.transaction(trustID: trust) { db in
                try db.query("UPDATE audit_pending SET action = 'nothing' WHERE trust_id = \(trust)")
            }
        }
        #expect(try await pending(trust) == 1)
    }

    /// The pending insert travels with the COMMIT; with no transaction to carry it the call
    /// fails rather than losing the event.
    @Test func aPendingEventOutsideATransactionFailsRatherThanVanishing() async throws {
        let trust = try await api.makeTrust()
        await #expect(throws: StatementsNotSent.self) {
            try await TestDatabase.pool.withConnection { db in
                let read = AuditStore.Entry(trustId: trust, action: "read", resourceType: "objectives", resourceId: nil)
                try AuditStore.record(read, context: .system, id: UUID(), at: Date(), on: db)
            }
        }
        #expect(try await pending(trust) == 0)
    }
}
