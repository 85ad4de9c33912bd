import App
import Domain
import Foundation
import Postgres
import Store
import Testing
import TestSupport

/// Issue 11 §3: a transaction that only audits reads commits without waiting for the disk;
/// any write or refusal in it keeps it durable.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AuditDurabilityTests {
    let api = TestAPI()

    /// `synchronous_commit` after appending these events, in order, in one transaction.
    func durability(after events: [(action: String, outcome: AuditEvent.Outcome)]) async throws -> String {
        let trust = try await api.makeTrust()
        return try await TestDatabase.pool.transaction(trustID: trust) { db in
            for event in events {
                try AuditStore.record(.init(trustId: trust, action: event.action, resourceType: "objectives",
                                            resourceId: nil, outcome: event.outcome),
                                      context: .system, id: UUID(), at: Date(), on: db)
            }
            try db.sendQueuedStatements() // what the COMMIT's round trip would carry
            return try db.query("SELECT current_setting('synchronous_commit') AS value")[0].decode(String.self, "value")
        }
    }

    @Test func onlyReadsCommitWithoutWaitingForTheDisk() async throws {
        #expect(try await durability(after: [("read", .allowed)]) == "off")
        #expect(try await durability(after: [("read", .allowed), ("read", .allowed)]) == "off")
        #expect(try await durability(after: [("read", .allowed), ("update", .allowed)]) == "on")
        #expect(try await durability(after: [("update", .allowed), ("read", .allowed)]) == "on")
        #expect(try await durability(after: [("read", .denied)]) == "on")
    }
}
