import Foundation

/// An anonymised sample of a cycle's statements in one unit (issue 17 §2; 003 §1.8: governors
/// "may request an anonymised sample of performance management statements" to monitor the
/// system). The head draws it; the system removes identifiers (`Redaction`); the head checks
/// and edits each text, then releases it; governors read released samples only.
public struct StatementSample: Sendable, Equatable {
    public enum State: String, Sendable, Codable, CaseIterable { case draft, released }

    /// One statement, with nothing that names its reviewee: their staff group, how their
    /// objectives were assessed, the pay decision, and each section's text as redacted.
    public struct Item: Sendable, Equatable {
        public var position: Int
        public var staffGroup: String
        public var objectivesMet: Int
        public var objectivesPartlyMet: Int
        public var objectivesNotMet: Int
        public var payOutcome: String?
        public var sections: [String: String]

        public init(position: Int, staffGroup: String, objectivesMet: Int, objectivesPartlyMet: Int,
                    objectivesNotMet: Int, payOutcome: String?, sections: [String: String]) {
            self.position = position; self.staffGroup = staffGroup; self.objectivesMet = objectivesMet
            self.objectivesPartlyMet = objectivesPartlyMet; self.objectivesNotMet = objectivesNotMet
            self.payOutcome = payOutcome; self.sections = sections
        }
    }

    public var id: UUID
    public var trustId: UUID
    public var unitId: UUID
    public var cycleId: UUID
    public var state: State
    public var preparedBy: UUID?
    public var releasedBy: UUID?
    public var releasedAt: Date?
    public var items: [Item]
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, unitId: UUID, cycleId: UUID, state: State = .draft, preparedBy: UUID?,
                releasedBy: UUID? = nil, releasedAt: Date? = nil, items: [Item] = [], version: Int = 1,
                createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.unitId = unitId; self.cycleId = cycleId; self.state = state
        self.preparedBy = preparedBy; self.releasedBy = releasedBy; self.releasedAt = releasedAt
        self.items = items; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

/// Drawing a sample: which unit and cycle, and how many statements.
public struct StatementSampleInput: Sendable, Equatable, Codable, ValidatedInput {
    public var unitId: UUID
    public var cycleId: UUID
    public var size: Int

    public static let fields: Set<String> = ["unit_id", "cycle_id", "size"]
    public static let sizes = 1...20

    public init(unitId: UUID, cycleId: UUID, size: Int) {
        self.unitId = unitId; self.cycleId = cycleId; self.size = size
    }

    public func validate() throws {
        var check = Validator()
        check.check(Self.sizes.contains(size), "size", "range", "must be 1 to 20 statements")
        try check.result()
    }
}

/// The head's edit of a draft's texts: for each item named by position, its sections replaced.
public struct StatementSampleEdit: Sendable, Equatable {
    public var sections: [Int: [String: String]]
    public init(sections: [Int: [String: String]]) { self.sections = sections }
}

/// Identifiers the system removes from a statement's text before the head reads it for the
/// sample: the names of the people on the record, email addresses, and runs of six or more
/// digits (a staff, phone or case number). Dates and the school's own words stay: the head
/// checks what is left before releasing it.
public enum Redaction {
    public static let name = "[name]", email = "[email]", number = "[number]"

    public static func redact(_ text: String, names: [String]) -> String {
        var result = text.replacingOccurrences(of: #"[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}"#, with: email,
                                               options: .regularExpression)
        result = result.replacingOccurrences(of: #"\d[\d -]{4,}\d"#, with: number, options: .regularExpression)
        // Longest first, so "Amira Khan" goes whole before "Amira" alone.
        let words = Set(names.flatMap { [$0] + $0.split(separator: " ").map(String.init) })
            .filter { $0.count >= 2 }.sorted { $0.count > $1.count }
        for word in words {
            let escaped = NSRegularExpression.escapedPattern(for: word)
            result = result.replacingOccurrences(of: "(?i)\\b\(escaped)\\b", with: name, options: .regularExpression)
        }
        return result
    }
}

/// Who does what with statement samples (003 §1.8), decided once for every entry point from
/// the caller's grants in the unit: the head draws, edits and releases them and reads them in
/// any state; the unit's governors read them once released; no one else, and never a key.
public enum StatementSampleAccess {
    public enum Decision: Sendable, Equatable {
        case allow
        /// Not shown to this reader yet (a governor and a draft): answered as not found.
        case hidden
        case refused(reason: String)
    }

    static func holds(_ grants: [(role: String, unit: UUID?)], _ roles: Set<Role>, in unit: UUID) -> Bool {
        grants.contains { grant in
            (grant.unit == unit || grant.unit == nil) && Role(rawValue: grant.role).map(roles.contains) == true
        }
    }

    public static func prepares(_ grants: [(role: String, unit: UUID?)], unit: UUID) -> Decision {
        holds(grants, [.headteacher], in: unit) ? .allow
            : .refused(reason: "the unit's headteacher prepares its statement samples (003 §1.8)")
    }

    public static func reads(_ grants: [(role: String, unit: UUID?)], unit: UUID,
                             state: StatementSample.State) -> Decision {
        if holds(grants, [.headteacher], in: unit) { return .allow }
        if holds(grants, [.governor, .chairOfGovernors], in: unit) { return state == .released ? .allow : .hidden }
        return .refused(reason: "statement samples are read by the unit's headteacher and governors (003 §1.8)")
    }
}
