import Foundation

/// A trust's performance-management policy as data: every number and choice the five seed
/// policies disagree on (PRODUCT.md "Policy as configuration"). Versioned by the store; a
/// cycle keeps the version it was opened under. JSON is snake_case like the rest of the API.
public struct PolicyDocument: Sendable, Equatable, Codable {
    public var name: String
    public var model: AppraisalModel
    public var cycle: CycleRule
    public var deadlines: [DeadlineRule]
    /// Present exactly when `model` is `objectives`.
    public var objectives: ObjectiveRules?
    /// Present exactly when `model` is `conversations`.
    public var conversations: ConversationRules?
    public var appointment: AppointmentRules
    public var observations: ObservationRules
    public var meetings: MeetingRules
    public var pay: PayRules
    public var support: SupportRules
    public var eligibility: EligibilityRules
    public var retention: RetentionRules
    public var standards: StandardsRules
    /// Who reads the record's text (absent: `ConfidentialityRules.productDefault`).
    public var confidentiality: ConfidentialityRules?
    /// The annual review's written statement (absent: `StatementRules.productDefault`; never
    /// under the conversations model).
    public var statements: StatementRules? = nil
    /// Sections replaced for some units, staff groups or job titles (001: June–May for
    /// learning support staff at named schools; 000 §4.1: 31 December for the head).
    public var overrides: [PolicyOverride]
    /// Where each value comes from in the policy text: `{"path": "cycle.start_month", "section": "000 §4.1"}`.
    public var sources: [SourceNote]
}

public enum AppraisalModel: String, Sendable, Codable, CaseIterable {
    /// Objectives set, monitored and assessed, with a pay link (000–003).
    case objectives
    /// Twice-yearly protected conversations, no objectives, no pay link (004 §6).
    case conversations
}

public struct SourceNote: Sendable, Equatable, Codable {
    public var path: String
    public var section: String
    public init(_ path: String, _ section: String) {
        self.path = path
        self.section = section
    }
}

/// When a cycle runs: from `start_month`/`start_day` for `length_months`.
public struct CycleRule: Sendable, Equatable, Codable {
    public var startMonth: Int
    public var startDay: Int
    public var lengthMonths: Int
    public init(startMonth: Int, startDay: Int = 1, lengthMonths: Int = 12) {
        self.startMonth = startMonth
        self.startDay = startDay
        self.lengthMonths = lengthMonths
    }
}

/// A deadline every appraisal of the cycle carries (final review, a conversation).
public struct DeadlineRule: Sendable, Equatable, Codable {
    public var key: String
    public var rule: DateRule
    public init(key: String, rule: DateRule) {
        self.key = key
        self.rule = rule
    }
}

/// How a deadline's date follows from an appraisal's period and the unit's calendar.
public struct DateRule: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        /// The first `month`/`day` after `from` ("by 31 October" after a cycle ending 31 August).
        case nextDate = "next_date"
        /// `months` months after `from` (003 §5.3.2: an interim review half way through).
        case months
        /// The last school day before `term`'s half term, in the academic year the period
        /// starts (004 §6.3: "before October half term").
        case beforeHalfTerm = "before_half_term"
        /// The last day of `term`, in the academic year the period starts.
        case termEnd = "term_end"
        /// The half-way point of the appraisal's own period, or the last school day before it
        /// (002 §2.2.5: at least one formal interim review).
        case halfWay = "half_way"
    }

    public enum Anchor: String, Sendable, Codable, CaseIterable {
        case cycleStart = "cycle_start"
        case cycleEnd = "cycle_end"
    }

    public var kind: Kind
    public var from: Anchor?
    public var month: Int?
    public var day: Int?
    public var months: Int?
    public var term: SchoolYear.TermName?

    public init(kind: Kind, from: Anchor? = nil, month: Int? = nil, day: Int? = nil, months: Int? = nil,
                term: SchoolYear.TermName? = nil) {
        self.kind = kind
        self.from = from
        self.month = month
        self.day = day
        self.months = months
        self.term = term
    }

    public static func next(_ month: Int, _ day: Int, after anchor: Anchor) -> DateRule {
        DateRule(kind: .nextDate, from: anchor, month: month, day: day)
    }
}

public enum ObjectiveKind: String, Sendable, Codable, CaseIterable {
    case pupilOutcomes = "pupil_outcomes"
    case practice
    case professionalDevelopment = "professional_development"
    case leadership
    case widerContribution = "wider_contribution"
    case role
}

public struct ObjectiveRules: Sendable, Equatable, Codable {
    public enum Decider: String, Sendable, Codable, CaseIterable {
        /// 000 §5.3, 002 §2.2.3: the reviewer determines them.
        case reviewer
        /// 001 "Setting Objectives": the headteacher or operations director determines them.
        case headteacherOrOperationsDirector = "headteacher_or_operations_director"
        /// 003 §4.1: the governing body sets the head's objectives.
        case governingBody = "governing_body"
    }

    public var maxCount: Int?
    public var requiredKinds: [ObjectiveKind]
    public var disagreementDecidedBy: Decider
    public var revisableInYear: Bool
    /// 001 "Setting Objectives": the reasons must be established when an objective is not met.
    public var reasonsRequiredWhenNotMet: Bool
}

public struct ConversationRules: Sendable, Equatable, Codable {
    public var perYear: Int
    /// 004 §6.4a: wellbeing notes are taken only with the employee's consent.
    public var wellbeingNotesNeedConsent: Bool
    /// Who leads the headteacher's conversations instead of their appraisers (004 §6.2: the
    /// CEO; a nominated governor or the Chair may attend). Absent: the appraisers.
    public var headteacherLead: Standing?
    /// 004 §6.2: after the head's conversation their professional-development commitments are
    /// shared with the local governing body (never the wellbeing part). Absent: not shared.
    public var headCommitmentsSharedWithGoverningBody: Bool?

    public init(perYear: Int, wellbeingNotesNeedConsent: Bool, headteacherLead: Standing? = nil,
                headCommitmentsSharedWithGoverningBody: Bool? = nil) {
        self.perYear = perYear
        self.wellbeingNotesNeedConsent = wellbeingNotesNeedConsent
        self.headteacherLead = headteacherLead
        self.headCommitmentsSharedWithGoverningBody = headCommitmentsSharedWithGoverningBody
    }
}

public struct MeetingRules: Sendable, Equatable, Codable {
    public enum InterimSchedule: String, Sendable, Codable, CaseIterable {
        case none, midYear = "mid_year", termly
    }
    public var annualReviewNoticeDays: Int?
    public var recordDueDays: Int?
    public var minimumFormalInterimReviews: Int
    public var interimSchedule: InterimSchedule

    public init(annualReviewNoticeDays: Int?, recordDueDays: Int?, minimumFormalInterimReviews: Int, interimSchedule: InterimSchedule) {
        self.annualReviewNoticeDays = annualReviewNoticeDays
        self.recordDueDays = recordDueDays
        self.minimumFormalInterimReviews = minimumFormalInterimReviews
        self.interimSchedule = interimSchedule
    }
}

public struct PayRules: Sendable, Equatable, Codable {
    public enum Mode: String, Sendable, Codable, CaseIterable {
        /// Pay progression decided on performance (000–003).
        case performance
        /// 004 §8.3: automatic unless a live capability process.
        case automaticUnlessCapability = "automatic_unless_capability"
    }
    public enum Recommendation: String, Sendable, Codable, CaseIterable {
        case progress, noProgression = "no_progression", honorarium, withholdIncrement = "withhold_increment"
    }
    public enum Approver: String, Sendable, Codable, CaseIterable {
        case headteacher, operationsDirector = "operations_director", payCommittee = "pay_committee"
    }
    /// Who makes the recommendation (issue 15 §2).
    public enum Recommender: String, Sendable, Codable, CaseIterable {
        /// The appraisal's reviewer (000 §3.1, 002 §2.2.7; 003 §3.4 where the head so determines).
        case reviewer
        /// The head for the school's staff, the operations director for central staff (001).
        case headOfUnit = "head_of_unit"
    }
    public var mode: Mode
    public var recommendations: [Recommendation]
    public var approvalChain: [Approver]
    /// 001 "Links to Pay": an increment is withheld only after concerns were raised and support given.
    public var withholdNeedsPriorSupport: Bool
    /// Who recommends; absent: the reviewer.
    public var recommenders: [Recommender]?
    /// When the pay committee must decide by (000 §4: 31 October; 31 December for the head).
    public var decisionBy: DateRule?
    /// From when a decided change takes effect (003 §2.3: September for teachers, 1 April for
    /// support staff).
    public var effectiveFrom: DateRule?
    /// Working days after the decision within which the employee may appeal (the pay policy).
    public var appealWorkingDays: Int?

    public init(mode: Mode, recommendations: [Recommendation], approvalChain: [Approver],
                withholdNeedsPriorSupport: Bool, recommenders: [Recommender]? = nil, decisionBy: DateRule? = nil,
                effectiveFrom: DateRule? = nil, appealWorkingDays: Int? = nil) {
        self.mode = mode; self.recommendations = recommendations; self.approvalChain = approvalChain
        self.withholdNeedsPriorSupport = withholdNeedsPriorSupport; self.recommenders = recommenders
        self.decisionBy = decisionBy; self.effectiveFrom = effectiveFrom; self.appealWorkingDays = appealWorkingDays
    }

    /// Who recommends under this policy (the reviewer when the policy does not say).
    public var recommendedBy: [Recommender] { recommenders ?? [.reviewer] }
}

/// A length of time in the policy's own unit (PRODUCT.md: calendar arithmetic, not ×7).
public struct Span: Sendable, Equatable, Codable {
    public enum Unit: String, Sendable, Codable, CaseIterable {
        case workingDays = "working_days", workingWeeks = "working_weeks", weeks, schoolWeeks = "school_weeks"
        case halfTerms = "half_terms", terms, months, years
    }
    public var value: Int
    public var unit: Unit
    public init(_ value: Int, _ unit: Unit) {
        self.value = value
        self.unit = unit
    }
}

public struct SupportRules: Sendable, Equatable, Codable {
    public enum ReviewMeetings: String, Sendable, Codable, CaseIterable { case regular, weekly }
    public var monitoringMin: Span?
    public var monitoringMax: Span?
    /// How far past the planned end one extension may go (000 §8.1: not normally more than 4 weeks).
    public var extensionMax: Span?
    public var reviewMeetings: ReviewMeetings
    public var sustainMonths: Int?
    public var capabilityMeetingNoticeWorkingDays: Int?
    public var bypassToCapability: Bool
    /// The only reasons an extension is granted for (000 §8.1: significant improvement or
    /// significant absence); nil: any reason, stated.
    public var extensionReasons: [String]?
    /// An extended period still ends within `monitoringMax` (003 §6.12.2: half a term at most).
    public var extensionWithinMonitoringMax: Bool?
    /// The reasons informal support may be by-passed for (003 §6.11.1; 000 §8.2: concerns
    /// "particularly serious"); used only when `bypassToCapability`.
    public var bypassReasons: [String]?
    /// The advice taken must be recorded with a by-pass (003 §6.11.1: after advice from
    /// Education Personnel Services).
    public var bypassNeedsAdvice: Bool?
    /// What may pause a plan's monitoring period (001 "Sickness", "Grievance"; 003 §1.10:
    /// sickness, with a referral to occupational health); nil: nothing pauses it.
    public var pauseReasons: [String]?

    public init(monitoringMin: Span?, monitoringMax: Span?, extensionMax: Span?, reviewMeetings: ReviewMeetings,
                sustainMonths: Int?, capabilityMeetingNoticeWorkingDays: Int?, bypassToCapability: Bool,
                extensionReasons: [String]? = nil, extensionWithinMonitoringMax: Bool? = nil,
                bypassReasons: [String]? = nil, bypassNeedsAdvice: Bool? = nil, pauseReasons: [String]? = nil) {
        self.monitoringMin = monitoringMin; self.monitoringMax = monitoringMax; self.extensionMax = extensionMax
        self.reviewMeetings = reviewMeetings; self.sustainMonths = sustainMonths
        self.capabilityMeetingNoticeWorkingDays = capabilityMeetingNoticeWorkingDays
        self.bypassToCapability = bypassToCapability; self.extensionReasons = extensionReasons
        self.extensionWithinMonitoringMax = extensionWithinMonitoringMax; self.bypassReasons = bypassReasons
        self.bypassNeedsAdvice = bypassNeedsAdvice; self.pauseReasons = pauseReasons
    }
}

public struct EligibilityRules: Sendable, Equatable, Codable {
    /// The staff groups the policy covers (001 "Scope": associate staff only); nil: everyone.
    public var staffGroups: [Employment.StaffGroup]?
    /// Contracts shorter than this are out of the cycle (001, 003 "Application", 004 §3: one term; 002 §1.1: one year).
    public var minimumContract: Span?
    public var excludeProbation: Bool
    public var excludeInduction: Bool
    public var excludeCapability: Bool
    /// 000 §2, 001, 003 §2.2, 004 §4.2: a fixed-term contract under a year gets a period of its own length.
    public var adjustForFixedTerm: Bool
    /// 000 §2, 004 §4.3: a starter part way through gets a shorter first cycle.
    public var adjustForMidCycleStarters: Bool
}

public struct RetentionRules: Sendable, Equatable, Codable {
    public var yearsAfterCycleEnd: Int
}

public struct StandardsRules: Sendable, Equatable, Codable {
    public var teachers: String
    public var headteachers: String
    public var support: String
}

/// Sections replaced where the selector matches. Every selector given must match; the most
/// specific override wins a section (unit and staff group and job title, over fewer).
public struct PolicyOverride: Sendable, Equatable, Codable {
    public var unitId: UUID?
    public var staffGroups: [Employment.StaffGroup]?
    public var jobTitles: [String]?
    public var cycle: CycleRule?
    public var deadlines: [DeadlineRule]?
    public var objectives: ObjectiveRules?
    public var appointment: AppointmentRules?
    public var observations: ObservationRules?
    public var meetings: MeetingRules?
    public var pay: PayRules?
    public var support: SupportRules?
    public var eligibility: EligibilityRules?

    public init(unitId: UUID? = nil, staffGroups: [Employment.StaffGroup]? = nil, jobTitles: [String]? = nil,
                cycle: CycleRule? = nil, deadlines: [DeadlineRule]? = nil, objectives: ObjectiveRules? = nil,
                pay: PayRules? = nil) {
        self.pay = pay
        self.unitId = unitId
        self.staffGroups = staffGroups
        self.jobTitles = jobTitles
        self.cycle = cycle
        self.deadlines = deadlines
        self.objectives = objectives
    }
}
