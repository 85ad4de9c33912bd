import Foundation

/// What a bulk sync sends (issue 16 §1): units and people as their resources, each with its
/// `external_id`; employments naming their person, unit and line manager by external id, so a
/// source system never needs Appraise's ids.
public enum StaffSync {
    public enum Kind: String, Sendable, CaseIterable { case unit, person, employment }
    public enum Outcome: String, Sendable { case created, updated, unchanged, failed, left }

    /// One row as decoded: its value, or what was wrong with its fields.
    public struct Row<Value: Sendable>: Sendable {
        public var value: Value?
        public var errors: [FieldError]
        /// The row's `external_id` when it is a string, even if other fields failed: a failed
        /// row is still listed, so a full sync does not take its employee for a leaver.
        public var externalId: String?
        public init(value: Value?, errors: [FieldError], externalId: String?) {
            self.value = value; self.errors = errors; self.externalId = externalId
        }
    }

    public struct Batch: Sendable {
        public var units: [Row<UnitInput>]?
        public var people: [Row<PersonInput>]?
        public var employments: [Row<EmploymentSyncRow>]?
        public init(units: [Row<UnitInput>]?, people: [Row<PersonInput>]?, employments: [Row<EmploymentSyncRow>]?) {
            self.units = units; self.people = people; self.employments = employments
        }
        public var count: Int { (units?.count ?? 0) + (people?.count ?? 0) + (employments?.count ?? 0) }
    }

    public struct Options: Sendable, Equatable {
        /// Write nothing unless every row succeeds.
        public var allOrNothing = false
        /// Report what would change; write nothing.
        public var dryRun = false
        /// The employments listed are all there are: those with an external id not listed leave.
        public var full = false
        /// The leavers' last day (default: today).
        public var leavingOn: CalendarDate?
        public init() {}
    }

    /// What happened, or would happen, to one row (or one leaver, who has no row).
    public struct Result: Sendable, Equatable {
        public var kind: Kind
        public var index: Int?
        public var externalId: String?
        public var outcome: Outcome
        public var id: UUID?
        public var changedFields: [String]
        public var errors: [FieldError]
        public init(kind: Kind, index: Int?, externalId: String?, outcome: Outcome, id: UUID? = nil,
                    changedFields: [String] = [], errors: [FieldError] = []) {
            self.kind = kind; self.index = index; self.externalId = externalId; self.outcome = outcome
            self.id = id; self.changedFields = changedFields; self.errors = errors
        }
    }

    /// The most rows one request syncs across its three lists.
    public static let maximumRows = 30_000
}

/// An employment as a source system knows it: every field of the resource but the ids, which
/// it names by external id. Fields Appraise keeps itself — the pay point (HR's pay-point
/// history, issue 15) and `under_capability` (the capability procedure) — keep their value
/// when a row leaves them out; every other field left out takes its default, as in a create.
public struct EmploymentSyncRow: Sendable, Equatable, Decodable {
    public var externalId: String
    public var personExternalId: String
    public var unitExternalId: String
    public var lineManagerExternalId: String?
    /// The fields of `EmploymentInput` (its `person_id`, `unit_id` and `line_manager_id` are
    /// placeholders until the references resolve).
    public var fields: EmploymentInput
    public var sendsPayPoint: Bool
    public var sendsUnderCapability: Bool

    public static let fields: Set<String> = EmploymentInput.fields
        .subtracting(["person_id", "unit_id", "line_manager_id"])
        .union(["person_external_id", "unit_external_id", "line_manager_external_id"])

    enum CodingKeys: String, CodingKey {
        case externalId, personExternalId, unitExternalId, lineManagerExternalId, payPoint, underCapability
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        externalId = try c.decode(String.self, forKey: .externalId)
        personExternalId = try c.decode(String.self, forKey: .personExternalId)
        unitExternalId = try c.decode(String.self, forKey: .unitExternalId)
        lineManagerExternalId = try c.decodeIfPresent(String.self, forKey: .lineManagerExternalId)
        sendsPayPoint = c.contains(.payPoint)
        sendsUnderCapability = c.contains(.underCapability)
        fields = try EmploymentInput(from: decoder, referencesResolvedLater: true)
        fields.externalId = externalId
    }

    /// The input this row asks for once its references are known, over the current one.
    public func input(person: UUID, unit: UUID, lineManager: UUID?, current: EmploymentInput?) -> EmploymentInput {
        var input = fields
        input.personId = person
        input.unitId = unit
        input.lineManagerId = lineManager
        if let current {
            if !sendsPayPoint { input.payPoint = current.payPoint }
            if !sendsUnderCapability { input.underCapability = current.underCapability }
        }
        return input
    }
}

/// A sync found a row changed by another writer since it read it: nothing was written; retry.
public struct ConcurrentChange: Error, Sendable {
    public init() {}
}
