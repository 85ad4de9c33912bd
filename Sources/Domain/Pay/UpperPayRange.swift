import Foundation

/// An application to progress to the upper pay range (004 §6.7, §8.4: it "continues to follow
/// the process set out in the Pay Policy", outside the conversations; 000 §9.2 through the pay
/// policy): the teacher applies with evidence, the pay committee decides (issue 15 §2).
public struct UpperPayRangeApplication: Sendable, Equatable, Codable {
    public enum Outcome: String, Sendable, Codable, CaseIterable { case approved, declined }
    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var employmentId: UUID
    public var appliedBy: UUID?
    public var appliedOn: CalendarDate
    public var evidence: String
    public var outcome: Outcome?
    public var reasons: String?
    public var point: String?
    public var decidedBy: UUID?
    public var decidedOn: CalendarDate?
    public var effectiveFrom: CalendarDate?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, employmentId: UUID, appliedBy: UUID?,
                input: UpperPayRangeApplicationInput, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.employmentId = employmentId
        self.appliedBy = appliedBy; self.appliedOn = input.appliedOn; self.evidence = input.evidence
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

public struct UpperPayRangeApplicationInput: Sendable, Equatable, Codable, ValidatedInput {
    public var appliedOn: CalendarDate
    public var evidence: String
    public static let fields: Set<String> = ["applied_on", "evidence"]
    public init(appliedOn: CalendarDate, evidence: String) { self.appliedOn = appliedOn; self.evidence = evidence }
    public func validate() throws {
        var check = Validator()
        check.text(evidence, "evidence", max: 8000)
        try check.result()
    }
}

public struct UpperPayRangeDecisionInput: Sendable, Equatable, Codable, ValidatedInput {
    public var outcome: UpperPayRangeApplication.Outcome
    public var decidedOn: CalendarDate
    public var reasons: String
    public var point: String?
    public var effectiveFrom: CalendarDate?
    public static let fields: Set<String> = ["outcome", "decided_on", "reasons", "point", "effective_from"]
    public init(outcome: UpperPayRangeApplication.Outcome, decidedOn: CalendarDate, reasons: String, point: String?,
                effectiveFrom: CalendarDate?) {
        self.outcome = outcome; self.decidedOn = decidedOn; self.reasons = reasons; self.point = point
        self.effectiveFrom = effectiveFrom
    }
    public func validate() throws {
        var check = Validator()
        check.text(reasons, "reasons", max: 8000)
        check.optionalText(point, "point", max: 20)
        check.check(outcome == .approved || point == nil, "point", "not_allowed", "is only for an approved application")
        check.check(outcome == .declined || point != nil, "point", "required",
                    "is required when the application is approved: the upper pay range point")
        try check.result()
    }
}

public enum UpperPayRangeRules {
    /// The teacher applies, once a year, from below the upper pay range, not in the future.
    public static func checkApplication(_ input: UpperPayRangeApplicationInput, current: PayPoint?,
                                        today: CalendarDate) throws {
        var check = Validator()
        let below: Set<PayRange> = [.unqualified, .main]
        check.check(current.map { below.contains($0.payRange) } ?? true, "applied_on", "on_upper_range_already",
                    "the employee's pay point is not below the upper pay range")
        check.check(input.appliedOn <= today, "applied_on", "not_in_future", "must not be in the future")
        try check.result()
    }

    public static func checkDecision(_ input: UpperPayRangeDecisionInput, on application: UpperPayRangeApplication,
                                     today: CalendarDate) throws {
        guard application.outcome == nil else { throw UpperPayRangeDecided() }
        var check = Validator()
        check.check(input.decidedOn >= application.appliedOn && input.decidedOn <= today, "decided_on",
                    "after_application", "must be between the application (\(application.appliedOn)) and today")
        try check.result()
    }
}

/// The application has its decision: 409.
public struct UpperPayRangeDecided: Error, Sendable { public init() {} }
/// The appraisal's year has an application already: 409.
public struct UpperPayRangeApplied: Error, Sendable { public init() {} }
