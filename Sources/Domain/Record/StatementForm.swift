import Foundation

/// Everything the printed statement shows (000 Appendix A, the form for the personnel file —
/// 001 "retained on the employee's personnel file"): who and when, the year's objectives with
/// their assessments, the development recorded, then the statement itself and how it was
/// signed. Read in one transaction through the same access decision as the statement.
public struct StatementForm: Sendable {
    public struct Header: Sendable, Equatable {
        public var trustName: String
        public var unitName: String
        public var revieweeName: String
        public var jobTitle: String
        public var reviewerNames: [String]
        public var period: AppraisalPeriod
        /// Who issued it: the reviewer's signature.
        public var issuedByName: String?
        public init(trustName: String, unitName: String, revieweeName: String, jobTitle: String,
                    reviewerNames: [String], period: AppraisalPeriod, issuedByName: String?) {
            self.trustName = trustName; self.unitName = unitName; self.revieweeName = revieweeName
            self.jobTitle = jobTitle; self.reviewerNames = reviewerNames; self.period = period
            self.issuedByName = issuedByName
        }
    }

    public var header: Header
    public var statement: Statement
    /// The objectives set for the year (agreed or determined), in the order they were set.
    public var objectives: [Objective]
    public var development: [DevelopmentActivity]
    /// The version the statement corrects, when it is a correction: the form says so.
    public var correctsNumber: Int?

    public init(header: Header, statement: Statement, objectives: [Objective], development: [DevelopmentActivity],
                correctsNumber: Int?) {
        self.header = header; self.statement = statement; self.objectives = objectives
        self.development = development; self.correctsNumber = correctsNumber
    }
}
