import Foundation

/// The written statement of the annual review, as each policy describes it (issue 13 §2).
public struct StatementRules: Sendable, Equatable, Codable {
    /// Working days the reviewee has, from the day it is issued, to comment on it. None of the
    /// five policies gives a number ("an opportunity to comment": 000 §7.3, 003 §5.3.3); each
    /// preset carries the product's default and a trust may set its own.
    public var commentWindowWorkingDays: Int
    /// The sections that must be written before the statement is issued, by their JSON names
    /// (`StatementContent.sections`): each policy's own list of what the statement includes.
    public var requiredSections: [String]
    /// 003 §5.3.1: the head's assessment is made after consulting the external adviser, so the
    /// date of that consultation must be recorded before the head's statement is issued.
    public var headRequiresAdviserConsultation: Bool

    public init(commentWindowWorkingDays: Int = StatementRules.defaultCommentWindow, requiredSections: [String],
                headRequiresAdviserConsultation: Bool = false) {
        self.commentWindowWorkingDays = commentWindowWorkingDays
        self.requiredSections = requiredSections
        self.headRequiresAdviserConsultation = headRequiresAdviserConsultation
    }

    /// Ten working days — two school weeks — where a policy names no window.
    public static let defaultCommentWindow = 10

    /// Where a policy has no statement section: the objectives assessed, nothing else required.
    public static let productDefault = StatementRules(requiredSections: ["objectives_assessment"])

    func validate(into check: inout Validator) {
        check.check((1...60).contains(commentWindowWorkingDays), "statements.comment_window_working_days", "range",
                    "must be between 1 and 60 working days")
        for (index, name) in requiredSections.enumerated() {
            check.check(StatementContent.sections.contains(name), "statements.required_sections[\(index)]", "section",
                        "must be one of \(StatementContent.sections.joined(separator: ", "))")
        }
        check.check(Set(requiredSections).count == requiredSections.count, "statements.required_sections", "unique",
                    "must not repeat a section")
    }
}

extension PolicyDocument {
    /// The policy's statement rules, or the product default for one that has none.
    public var statementRules: StatementRules { statements ?? .productDefault }
}
