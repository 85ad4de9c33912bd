import Foundation

/// Retention (issue 17 §7): an appraisal's record is kept for the policy's years after its
/// period ends, then destroyed — 001 "Retention of Records" and 003 §1.9 say six years; 000
/// §9.1 points to the school's schedule and 002 says nothing (six, the product's default:
/// `RetentionRules`). A legal hold on the person stops it until released.
public enum Retention {
    /// Whether a record whose period ended on `periodEnd` is due for destruction on `today`:
    /// the day after the anniversary `years` on. (The migration's `retention_destroy` checks
    /// the same, so no caller can destroy early.)
    public static func isDue(periodEnd: CalendarDate, years: Int, today: CalendarDate) -> Bool {
        periodEnd.adding(months: 12 * years) < today
    }
}

/// A legal hold (issue 17 §7): a grievance, a tribunal or an investigation about a person
/// stops the destruction of every appraisal record of theirs until HR releases it.
public struct LegalHold: Sendable, Equatable {
    public enum Reason: String, Sendable, Codable, CaseIterable { case grievance, tribunal, investigation, other }

    public var id: UUID
    public var trustId: UUID
    public var personId: UUID
    public var reason: Reason
    /// Why, for HR: a case reference or a sentence — never the appraisal's text.
    public var detail: String
    /// Who answers for the hold and for releasing it.
    public var ownerId: UUID
    public var placedAt: Date
    public var releasedAt: Date?
    public var releasedBy: UUID?
    public var version: Int

    public init(id: UUID, trustId: UUID, personId: UUID, reason: Reason, detail: String, ownerId: UUID,
                placedAt: Date, releasedAt: Date? = nil, releasedBy: UUID? = nil, version: Int = 1) {
        self.id = id; self.trustId = trustId; self.personId = personId; self.reason = reason
        self.detail = detail; self.ownerId = ownerId; self.placedAt = placedAt
        self.releasedAt = releasedAt; self.releasedBy = releasedBy; self.version = version
    }
}

public struct LegalHoldInput: Sendable, Equatable, Codable, ValidatedInput {
    public var personId: UUID
    public var reason: LegalHold.Reason
    public var detail: String
    public var ownerId: UUID

    public static let fields: Set<String> = ["person_id", "reason", "detail", "owner_id"]

    public init(personId: UUID, reason: LegalHold.Reason, detail: String, ownerId: UUID) {
        self.personId = personId; self.reason = reason; self.detail = detail; self.ownerId = ownerId
    }

    public func validate() throws {
        var check = Validator()
        check.text(detail, "detail", max: 500)
        try check.result()
    }
}
