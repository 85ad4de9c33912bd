import Foundation

/// The pay ranges an employment's point sits on (the School Teachers' Pay and Conditions
/// Document's ranges; `support` for associate staff grades and points).
public enum PayRange: String, Sendable, Codable, CaseIterable {
    case unqualified, main, upper, leadingPractitioner = "leading_practitioner", leadership, support
}

/// One pay range and point an employment held from a date (issue 15 §1). Insert-only: the
/// history is every row; the current point is the latest that has taken effect.
public struct PayPoint: Sendable, Equatable, Codable {
    public enum Source: String, Sendable, Codable {
        /// Recorded by HR or the HR system.
        case recorded
        /// The pay committee's decision on a recommendation.
        case decision
        /// An appeal upheld.
        case appeal
    }
    public var id: UUID
    public var trustId: UUID
    public var employmentId: UUID
    public var payRange: PayRange
    public var point: String
    public var effectiveFrom: CalendarDate
    public var source: Source
    public var recommendationId: UUID?
    public var recordedBy: UUID?
    public var recordedAt: Date

    public init(id: UUID, trustId: UUID, employmentId: UUID, payRange: PayRange, point: String,
                effectiveFrom: CalendarDate, source: Source, recommendationId: UUID?, recordedBy: UUID?,
                recordedAt: Date) {
        self.id = id; self.trustId = trustId; self.employmentId = employmentId; self.payRange = payRange
        self.point = point; self.effectiveFrom = effectiveFrom; self.source = source
        self.recommendationId = recommendationId; self.recordedBy = recordedBy; self.recordedAt = recordedAt
    }
}

public struct PayPointInput: Sendable, Equatable, Codable, ValidatedInput {
    public var payRange: PayRange
    public var point: String
    public var effectiveFrom: CalendarDate
    public static let fields: Set<String> = ["pay_range", "point", "effective_from"]
    public init(payRange: PayRange, point: String, effectiveFrom: CalendarDate) {
        self.payRange = payRange; self.point = point; self.effectiveFrom = effectiveFrom
    }
    public func validate() throws {
        var check = Validator()
        check.text(point, "point", max: 20)
        try check.result()
    }
}

/// An employment's pay as its readers see it: the point in effect today and every change.
public struct PayHistory: Sendable {
    public var employmentId: UUID
    public var current: PayPoint?
    public var history: [PayPoint]
    public init(employmentId: UUID, history: [PayPoint], today: CalendarDate) {
        self.employmentId = employmentId; self.history = history
        self.current = history.last { $0.effectiveFrom <= today }
    }
}
