import Foundation

/// The written statement of the annual review (issue 13 §2): what the reviewer found against
/// the objectives, the role and the standards, the evidence considered, CPD and development
/// needs — 000 §7.3 and Appendix A, 002 §2.2.7, 003 §5.3.3. Drafted by the reviewer, issued
/// (which is the reviewer's signature), commented on within the policy's window and signed by
/// the reviewee — or declined with a comment — and then locked for good. A correction of a
/// locked statement is a new statement (`number` + 1) that names the one it corrects and why.
public struct Statement: Sendable, Equatable, Codable {
    public enum State: String, Sendable, Codable, CaseIterable { case draft, issued, locked }
    /// How the reviewee answered: signed, declined with a comment, or nothing by the window's end
    /// (`none` on the wire; not `.none`, which Swift reads as an absent optional).
    public enum Response: String, Sendable, Codable, CaseIterable { case signed, declined, noAnswer = "none" }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var number: Int
    public var correctsId: UUID?
    public var correctionReason: String?
    public var supersededById: UUID?
    public var state: State
    public var content: StatementContent
    public var draftedBy: UUID?
    public var issuedAt: Date?
    public var issuedBy: UUID?
    /// The last day the reviewee may comment (issue date + the policy's working days).
    public var commentDue: CalendarDate?
    public var revieweeComment: String?
    public var revieweeCommentedAt: Date?
    public var revieweeResponse: Response?
    /// The formal interim reviews the policy requires and those held, counted when it was issued
    /// (002 §2.2.5, 003 §5.3.2): fewer held needs `content.interimExceptionReason`.
    public var interimReviewsRequired: Int?
    public var interimReviewsHeld: Int?
    public var respondedAt: Date?
    public var lockedAt: Date?
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, number: Int, correctsId: UUID? = nil,
                correctionReason: String? = nil, content: StatementContent, draftedBy: UUID?, at now: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.number = number
        self.correctsId = correctsId; self.correctionReason = correctionReason; self.supersededById = nil
        self.state = .draft; self.content = content; self.draftedBy = draftedBy
        self.issuedAt = nil; self.issuedBy = nil; self.commentDue = nil; self.revieweeComment = nil
        self.revieweeCommentedAt = nil; self.revieweeResponse = nil; self.respondedAt = nil; self.lockedAt = nil
        self.interimReviewsRequired = nil; self.interimReviewsHeld = nil
        self.version = 1; self.createdAt = now; self.updatedAt = now
    }
}

/// The statement's sections, each free text the reviewer writes (the reviewee's comment is
/// theirs, apart). Which must be written before it is issued is the policy's
/// (`statements.required_sections`).
public struct StatementContent: Sendable, Equatable, Codable, ValidatedInput {
    /// 000 §7.3, 002 §2.2.7, 003 §5.3.3: performance against the objectives.
    public var objectivesAssessment: String?
    /// 003 §4.6, 003 §5.3.3: against the role and its key accountabilities.
    public var roleAssessment: String?
    /// 000 §7.3, 002 §2.2.7, 003 §5.3.3: against the standards relevant to the role.
    public var standardsAssessment: String?
    /// 003 §5.3.3: a summary of the evidence considered.
    public var evidenceSummary: String?
    /// 000 §7.3 and Appendix A: training and development, and the impact of learning.
    public var cpdAndImpact: String?
    /// 002 §2.2.7: development needs and aspirations …
    public var developmentNeeds: String?
    /// … and any action recommended to progress them.
    public var recommendedAction: String?
    /// 000 §7.4, 003 §1.11: how absence in the cycle was taken into account.
    public var absenceConsidered: String?
    /// 003 §5.3.1: the governing body consults the external adviser on the head's assessment.
    public var adviserConsultedOn: CalendarDate?
    /// Why fewer formal interim reviews were held than the policy requires (absence: 000 §7.4,
    /// 003 §1.11); without it such a statement is not issued.
    public var interimExceptionReason: String?
    /// The new-cycle statement (003 §5.3.3, second list; 000 §5.1): the next cycle's objectives —
    /// proposed in the next appraisal when its cycle opens — its development needs, and when
    /// monitoring will take place.
    public var nextCycleObjectives: [ObjectiveContent]?
    public var nextCycleDevelopmentNeeds: String?
    public var nextCycleMonitoring: String?

    public static let sections = ["objectives_assessment", "role_assessment", "standards_assessment",
                                  "evidence_summary", "cpd_and_impact", "development_needs", "recommended_action",
                                  "absence_considered"]
    public static let fields = Set(sections + ["adviser_consulted_on", "interim_exception_reason",
                                               "next_cycle_objectives", "next_cycle_development_needs",
                                               "next_cycle_monitoring"])

    public init(objectivesAssessment: String? = nil, roleAssessment: String? = nil, standardsAssessment: String? = nil,
                evidenceSummary: String? = nil, cpdAndImpact: String? = nil, developmentNeeds: String? = nil,
                recommendedAction: String? = nil, absenceConsidered: String? = nil,
                adviserConsultedOn: CalendarDate? = nil, interimExceptionReason: String? = nil) {
        self.objectivesAssessment = objectivesAssessment; self.roleAssessment = roleAssessment
        self.standardsAssessment = standardsAssessment; self.evidenceSummary = evidenceSummary
        self.cpdAndImpact = cpdAndImpact; self.developmentNeeds = developmentNeeds
        self.recommendedAction = recommendedAction; self.absenceConsidered = absenceConsidered
        self.adviserConsultedOn = adviserConsultedOn; self.interimExceptionReason = interimExceptionReason
    }

    /// Each section by its JSON name, for the policy's list of required ones.
    public func section(_ name: String) -> String? {
        switch name {
        case "objectives_assessment": objectivesAssessment
        case "role_assessment": roleAssessment
        case "standards_assessment": standardsAssessment
        case "evidence_summary": evidenceSummary
        case "cpd_and_impact": cpdAndImpact
        case "development_needs": developmentNeeds
        case "recommended_action": recommendedAction
        case "absence_considered": absenceConsidered
        default: nil
        }
    }

    public func validate() throws {
        var check = Validator()
        for name in Self.sections { check.optionalText(section(name), name, max: 20_000) }
        check.optionalText(interimExceptionReason, "interim_exception_reason", max: 4000)
        check.optionalText(nextCycleDevelopmentNeeds, "next_cycle_development_needs", max: 20_000)
        check.optionalText(nextCycleMonitoring, "next_cycle_monitoring", max: 4000)
        let proposed = nextCycleObjectives ?? []
        check.check(proposed.count <= 10, "next_cycle_objectives", "max_items", "must have at most 10 items")
        for (index, objective) in proposed.enumerated() {
            do { try objective.validate() } catch let failure as ValidationFailure {
                for error in failure.errors {
                    check.fail("next_cycle_objectives[\(index)].\(error.field)", error.rule, error.message)
                }
            }
        }
        try check.result()
    }
}

/// A transition of a statement: `issued` by the reviewer; `signed` or `declined` (with a
/// comment) by the reviewee; `closed` by the reviewer once the comment window has passed
/// with no answer.
public struct StatementTransition: Sendable, Equatable, Codable, ValidatedInput {
    public enum Target: String, Sendable, Codable, CaseIterable { case issued, signed, declined, closed }
    public var to: Target
    public var comment: String?
    public static let fields: Set<String> = ["to", "comment"]
    public func validate() throws {
        var check = Validator()
        check.optionalText(comment, "comment", max: 4000)
        try check.result()
    }
}

/// The reviewee's comment on an issued statement (000 §7.3, 002 §2.2.7, 003 §5.3.3).
public struct StatementCommentInput: Sendable, Equatable, Codable, ValidatedInput {
    public var comment: String
    public static let fields: Set<String> = ["comment"]
    public func validate() throws {
        var check = Validator()
        check.text(comment, "comment", max: 4000)
        try check.result()
    }
}

/// Why a locked statement is corrected; the correction starts as a copy of it.
public struct StatementCorrectionInput: Sendable, Equatable, Codable, ValidatedInput {
    public var reason: String
    public static let fields: Set<String> = ["reason"]
    public func validate() throws {
        var check = Validator()
        check.text(reason, "reason", max: 4000)
        try check.result()
    }
}
