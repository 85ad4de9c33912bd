import Domain
import Foundation
import Postgres
import Store

/// A person's iCalendar feed (issue 16 §5: "there should be no surprises", 001): their
/// appraisal deadlines, meetings and observations, for Outlook or Google Calendar, at a URL
/// holding a random token that they can revoke by making a new one or deleting it. The feed
/// is theirs alone: it is made for the caller's own person, and lists only what they take part in.
public struct CalendarFeedService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// A new feed for the person, revoking any before it; its token, shown only now.
    public func create(for person: UUID, in trust: UUID, audit: AuditContext) async throws -> String {
        let token = Secrets.randomToken(bytes: 32)
        let now = environment.clock.now()
        let id = environment.newID()
        try await environment.transaction(.trust(trust)) { [environment] db in
            try CalendarFeedStore.revoke(person: person, at: now, on: db)
            try CalendarFeedStore.insert(id: id, trust: trust, person: person,
                                         tokenHash: Secrets.sha256Hex(token), at: now, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "calendar_feed",
                                        resourceId: id, subjectPersonId: person), audit, at: now, on: db)
        }
        return token
    }

    /// Revokes the person's feed; false when they had none.
    public func revoke(for person: UUID, in trust: UUID, audit: AuditContext) async throws -> Bool {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard try CalendarFeedStore.revoke(person: person, at: now, on: db) else { return false }
            try environment.audit(.init(trustId: trust, action: "revoke", resourceType: "calendar_feed",
                                        resourceId: nil, subjectPersonId: person), audit, at: now, on: db)
            return true
        }
    }

    /// The feed a token opens, as iCalendar text; nil for a token never issued or revoked.
    /// Each fetch is audited as a read by the person, from the client's address.
    public func feed(token: String, requestID: String?, clientAddress: String?) async throws -> String? {
        guard token.utf8.count == 43, token.utf8.allSatisfy({ $0 < 0x80 }) else { return nil }
        let hash = Secrets.sha256Hex(token)
        guard let owner = try await environment.pool.read(
            settings: [("app.calendar_token_hash", hash)], CalendarFeedStore.ownerQuery(tokenHash: hash),
            CalendarFeedStore.decodeOwner).first else { return nil }
        let now = environment.clock.now()
        let audit = AuditContext(actor: AuditActor(kind: .user, id: "person:" + owner.person.uuidString.lowercased(),
                                                   authMethod: "calendar_feed", effectiveRole: nil),
                                 requestID: requestID, clientAddress: clientAddress)
        let entries = try await environment.transaction(.trust(owner.trust)) { [environment] db in
            let entries = try db.query(CalendarFeedStore.entriesQuery(person: owner.person))
                .map(CalendarFeedStore.decodeEntry)
            try environment.audit(.init(trustId: owner.trust, action: "read", resourceType: "calendar_feed",
                                        resourceId: nil, subjectPersonId: owner.person), audit, at: now, on: db)
            return entries
        }
        return ICalendar.document(entries, name: "Appraisal", at: now)
    }
}
