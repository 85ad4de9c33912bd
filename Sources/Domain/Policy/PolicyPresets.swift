import Foundation

/// The five seed policies transcribed as configuration (PRODUCT.md: "The five seed policies
/// ship as presets"). Each value's section is in the document's `sources`; where a policy is
/// silent the preset says so there and takes the product default.
public struct PolicyPreset: Sendable, Equatable, Codable {
    public var id: String
    public var seed: String
    public var summary: String
    public var document: PolicyDocument

    public static let all: [PolicyPreset] = [alphaTrust000, associateStaff001, lt2Trust002, hampshire003, aspire004]

    public static func named(_ id: String) -> PolicyPreset? { all.first { $0.id == id } }
}

extension PolicyPreset {
    /// Defaults every preset shares unless its policy says otherwise.
    static func observations(qts: Bool, dropIns: Bool) -> ObservationRules {
        ObservationRules(verbalFeedbackWorkingDays: nil, writtenFeedbackWorkingDays: nil, workObservationFeedbackHours: nil,
                         maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: nil, teacherObserverNeedsQts: qts,
                         workObservationNeedsNotice: false, learningWalksForPerformanceManagement: true,
                         seniorLeadersMayDropIn: dropIns)
    }

    /// 000 §3.1: the reviewer recommends in consultation with the head, who approves it.
    static func pay000(decisionBy: DateRule) -> PayRules {
        PayRules(mode: .performance, recommendations: [.progress, .noProgression], approvalChain: [.headteacher],
                 withholdNeedsPriorSupport: false, recommenders: [.reviewer], decisionBy: decisionBy,
                 effectiveFrom: .next(9, 1, after: .cycleEnd), appealWorkingDays: 10)
    }

    /// 003 §3.4, §5.3.6: the reviewer (or the head), approved by the head, decided by the pay committee.
    static func pay003(decisionBy: DateRule, effectiveFrom: DateRule) -> PayRules {
        PayRules(mode: .performance, recommendations: [.progress, .noProgression],
                 approvalChain: [.headteacher, .payCommittee], withholdNeedsPriorSupport: false,
                 recommenders: [.reviewer, .headOfUnit], decisionBy: decisionBy, effectiveFrom: effectiveFrom,
                 appealWorkingDays: 10)
    }

    static let teachersStandards = "teachers_standards_2011"
    static let headteachersStandards = "headteachers_standards_2020"

    static let alphaTrust000 = PolicyPreset(
        id: "000-alpha-trust", seed: "000", summary: "Alpha Trust (MAT): September–August, board appoints the heads' and CEO's reviewers",
        document: PolicyDocument(
            name: "Alpha Trust Performance Management Procedure (AT P11)", model: .objectives,
            cycle: CycleRule(startMonth: 9),
            deadlines: [DeadlineRule(key: "final_review", rule: .next(10, 31, after: .cycleEnd))],
            objectives: ObjectiveRules(maxCount: nil, requiredKinds: [], disagreementDecidedBy: .reviewer, revisableInYear: true,
                                       reasonsRequiredWhenNotMet: false),
            conversations: nil,
            appointment: AppointmentRules(
                schoolStaff: .individual(appointedBy: [.headteacher]),
                centralStaff: .individual(appointedBy: [.ceo]),
                headteacher: .individual(appointedBy: [.trustee, .chairOfTrustees]),
                ceo: .individual(appointedBy: [.trustee, .chairOfTrustees])),
            observations: observations(qts: true, dropIns: true),
            meetings: MeetingRules(annualReviewNoticeDays: nil, recordDueDays: nil, minimumFormalInterimReviews: 0, interimSchedule: .none),
            pay: pay000(decisionBy: .next(10, 31, after: .cycleEnd)),
            support: SupportRules(monitoringMin: Span(4, .workingWeeks), monitoringMax: Span(8, .workingWeeks),
                                  extensionMax: Span(4, .workingWeeks), reviewMeetings: .regular, sustainMonths: nil,
                                  capabilityMeetingNoticeWorkingDays: nil, bypassToCapability: true,
                                  extensionReasons: ["significant_improvement", "significant_absence"],
                                  bypassReasons: ["particularly_serious"]),
            eligibility: EligibilityRules(staffGroups: nil, minimumContract: nil, excludeProbation: true, excludeInduction: true, excludeCapability: true,
                                          adjustForFixedTerm: true, adjustForMidCycleStarters: true),
            retention: RetentionRules(yearsAfterCycleEnd: 6),
            standards: StandardsRules(teachers: teachersStandards, headteachers: headteachersStandards, support: "job_role"),
            confidentiality: ConfidentialityRules(recordReaders: [.headOfUnit, .seniorLeaders]),
            // 000 §7.3: against the objectives, the job role and its standards, and training and its impact.
            statements: StatementRules(requiredSections: ["objectives_assessment", "standards_assessment",
                                                          "cpd_and_impact"]),
            overrides: [PolicyOverride(staffGroups: [.headteacher],
                                       deadlines: [DeadlineRule(key: "final_review",
                                                                rule: .next(12, 31, after: .cycleEnd))],
                                       pay: pay000(decisionBy: .next(12, 31, after: .cycleEnd)))],
            sources: [
                SourceNote("cycle", "000 §4.1, §4.2: September – August for teachers and support staff"),
                SourceNote("deadlines.final_review", "000 §4.1, §4.2: pay decisions by 31 October"),
                SourceNote("overrides[0]", "000 §4.1: 31 December for the Executive Principal / Principal / "
                           + "Headteacher / Head of School"),
                SourceNote("objectives.disagreement_decided_by", "000 §5.3: in the absence of agreement the reviewer "
                           + "determines"),
                SourceNote("objectives.revisable_in_year", "000 §5.5"),
                SourceNote("objectives.max_count", "000 §5.2: a reasonable number, no maximum"),
                SourceNote("appointment.headteacher", "000 §3.1: the Trust board appoints for the Principal / "
                           + "Headteacher and CEO"),
                SourceNote("appointment.ceo", "000 §3.1"),
                SourceNote("appointment.school_staff", "000 §3.1: the head appoints for other staff in their academy"),
                SourceNote("appointment.central_staff", "000 §3.1: the CEO appoints for centrally employed staff"),
                SourceNote("observations.teacher_observer_needs_qts", "000 §6.1"),
                SourceNote("observations.senior_leaders_may_drop_in", "000 §6: observed by their line manager, "
                           + "reviewer and/or senior leaders, 'drop-in' included"),
                SourceNote("meetings", "000 §7.2: informal meetings as necessary; formal review meetings may take "
                           + "place; §9.1 written record"),
                SourceNote("pay", "000 §1.1, §3.1 (in consultation with the head), §7.3 recommendation on pay"),
                SourceNote("pay.decision_by", "000 §4.1, §4.2: pay decisions by 31 October (31 December for the "
                           + "head)"),
                SourceNote("pay.appeal_working_days", "000 §1.1: appeals under the pay policy, not in the seed: 10 "
                           + "working days"),
                SourceNote("support", "000 §8.1: monitoring 4–8 working weeks, extended by at most 4 for "
                           + "significant improvement or absence; §8.2 capability, at once if particularly serious"),
                SourceNote("eligibility", "000 §2.1: fixed-term and under one year's service adjusted; probation and "
                           + "induction excluded; §8.2 suspended under capability"),
                SourceNote("retention", "000 §9.1: the school retention schedule (six years taken as the product "
                           + "default)"),
                SourceNote("standards", "000 §7.1: professional standards applicable to the role"),
                SourceNote("statements", "000 §7.3: a report on objectives, role and standards, and training; "
                           + "comment window not set: 10 working days"),
                SourceNote("confidentiality", "000 §9.2: shared beyond reviewer and reviewee with senior leaders "
                           + "(quality assurance) and the head (upper pay range, standards); trust-wide roles see "
                           + "status only"),
            ]))

    static let associateStaff001 = PolicyPreset(
        id: "001-associate-staff", seed: "001",
        summary: "A MAT's associate staff: January–December, at most 3 objectives, line managers review, 48-hour work-observation feedback",
        document: PolicyDocument(
            name: "Associate Staff Performance and Development Review", model: .objectives,
            cycle: CycleRule(startMonth: 1),
            deadlines: [DeadlineRule(key: "annual_review_meeting",
                                     rule: DateRule(kind: .months, from: .cycleEnd, months: 1))],
            objectives: ObjectiveRules(maxCount: 3, requiredKinds: [], disagreementDecidedBy: .headteacherOrOperationsDirector,
                                       revisableInYear: true, reasonsRequiredWhenNotMet: true),
            conversations: nil,
            appointment: AppointmentRules(
                schoolStaff: .individual(appointedBy: [.headteacher], mustBeLineManager: true),
                centralStaff: .individual(appointedBy: [.operationsDirector], mustBeLineManager: true),
                headteacher: nil, ceo: nil),
            observations: ObservationRules(verbalFeedbackWorkingDays: nil, writtenFeedbackWorkingDays: nil, workObservationFeedbackHours: 48,
                                           maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: 1, teacherObserverNeedsQts: false,
                                           workObservationNeedsNotice: true, learningWalksForPerformanceManagement: true),
            meetings: MeetingRules(annualReviewNoticeDays: 14, recordDueDays: 14, minimumFormalInterimReviews: 0, interimSchedule: .termly),
            pay: PayRules(mode: .performance, recommendations: PayRules.Recommendation.allCases,
                          approvalChain: [], withholdNeedsPriorSupport: true, recommenders: [.headOfUnit],
                          appealWorkingDays: 10),
            support: SupportRules(monitoringMin: Span(4, .weeks), monitoringMax: Span(4, .weeks), extensionMax: nil,
                                  reviewMeetings: .regular, sustainMonths: nil, capabilityMeetingNoticeWorkingDays: nil,
                                  bypassToCapability: false, pauseReasons: ["sickness", "grievance"]),
            eligibility: EligibilityRules(staffGroups: [.support, .central], minimumContract: Span(1, .terms), excludeProbation: true, excludeInduction: false,
                                          excludeCapability: true, adjustForFixedTerm: true,
                                          adjustForMidCycleStarters: true),
            retention: RetentionRules(yearsAfterCycleEnd: 6),
            standards: StandardsRules(teachers: teachersStandards, headteachers: headteachersStandards, support: "job_description"),
            confidentiality: ConfidentialityRules(recordReaders: [.headOfUnit, .operationsDirector,
                                                                  .reviewersLineManagers]),
            // 001 "Performance Management Review Meeting": the conclusions and actions for both parties.
            statements: StatementRules(requiredSections: ["objectives_assessment", "development_needs",
                                                          "recommended_action"]),
            overrides: [],
            sources: [
                SourceNote("cycle", "001 \"Performance and Development Period\": January – December"),
                SourceNote("overrides", "001: June – May for learning support staff and teaching assistants at the "
                           + "named schools: an override of those units and job titles with cycle.start_month 6"),
                SourceNote("deadlines.annual_review_meeting", "001 \"Performance Management Review Meeting\": in the "
                           + "month after the cycle ends — January for a January–December cycle, June for a "
                           + "June–May one"),
                SourceNote("observations.work_observation_feedback_hours", "001: within 48 hours, on the unit's "
                           + "calendar: the clock stops on weekends, bank holidays and closures (Friday 10:00 + 48 h "
                           + "= Tuesday 10:00)"),
                SourceNote("objectives.max_count", "001 \"Setting Objectives\": not normally more than 3"),
                SourceNote("objectives.disagreement_decided_by", "001 \"Setting Objectives\": the Headteachers or "
                           + "Operations Director determine"),
                SourceNote("objectives.reasons_required_when_not_met", "001 \"Setting Objectives\""),
                SourceNote("appointment", "001 \"Appointing Reviewers\": the head or Operations Director delegates to "
                           + "the relevant line manager; the policy covers associate staff only"),
                SourceNote("observations", "001 \"Regular Review Meetings\": work observation discussed in advance, "
                           + "formally once a cycle, feedback within 48 hours"),
                SourceNote("meetings", "001: two weeks' notice of the annual review, record within two weeks, termly "
                           + "review meetings"),
                SourceNote("pay.recommenders", "001 \"Links to Pay\": the head for the school's associate staff, the "
                           + "Operations Director for central staff"),
                SourceNote("pay.appeal_working_days", "001 \"Links to Pay\": appeal under the Trust's Pay Policy, "
                           + "not in the seed: 10 working days"),
                SourceNote("pay", "001 \"Links to Pay\": honorarium; withholding an increment only after concerns "
                           + "raised and support given"),
                SourceNote("support", "001 \"Employees Experiencing Difficulties\": normally four weeks; \"Sickness\": "
                           + "occupational health referral; \"Grievance\": the head or operations director may pause"),
                SourceNote("eligibility", "001 \"Scope\": not fixed-term contracts under one term nor the six-month "
                           + "probation; fixed-term under a year adjusted; suspended under capability"),
                SourceNote("retention", "001 \"Retention of Records\": six years, then destroyed"),
                SourceNote("statements", "001 \"Performance Management Review Meeting\": conclusions and actions; "
                           + "comment window not set: 10 working days"),
                SourceNote("confidentiality", "001 \"Confidentiality and Professional Relationships\": each of the "
                           + "reviewer's line managers and the Headteacher (school staff) or Operations Director "
                           + "(central staff)"),
            ]))

    static let lt2Trust002 = PolicyPreset(
        id: "002-lt2-trust", seed: "002",
        summary: "LT2 Trust: September–August, the head appraised by the CEO, the Chair and an external adviser",
        document: PolicyDocument(
            name: "LT2 Performance Management Policy", model: .objectives,
            cycle: CycleRule(startMonth: 9),
            deadlines: [DeadlineRule(key: "interim_review", rule: DateRule(kind: .halfWay))],
            objectives: ObjectiveRules(maxCount: nil, requiredKinds: [.professionalDevelopment], disagreementDecidedBy: .reviewer,
                                       revisableInYear: true, reasonsRequiredWhenNotMet: false),
            conversations: nil,
            appointment: AppointmentRules(
                schoolStaff: .individual(appointedBy: [.headteacher]),
                centralStaff: .individual(appointedBy: [.ceo]),
                headteacher: AppointmentRule(appointers: [.ceo, .chairOfTrustees], form: .panel, minMembers: 2, maxMembers: nil,
                                             memberStandings: nil, requiredStandings: [.ceo, .chairOfTrustees], excludedStandings: [],
                                             externalAdviser: .required, reviewerMustBeLineManager: false, appointerAsReviewer: .always,
                                             consult: nil, mayRedelegateOnConcerns: false),
                ceo: .individual(appointedBy: [.chairOfTrustees], appointerAsReviewer: .always, members: [.chairOfTrustees])),
            observations: observations(qts: true, dropIns: true),
            meetings: MeetingRules(annualReviewNoticeDays: nil, recordDueDays: nil, minimumFormalInterimReviews: 1, interimSchedule: .none),
            pay: PayRules(mode: .performance, recommendations: [.progress, .noProgression], approvalChain: [],
                          withholdNeedsPriorSupport: false, recommenders: [.reviewer], appealWorkingDays: 10),
            support: SupportRules(monitoringMin: nil, monitoringMax: nil, extensionMax: nil, reviewMeetings: .regular, sustainMonths: nil,
                                  capabilityMeetingNoticeWorkingDays: nil, bypassToCapability: false),
            eligibility: EligibilityRules(staffGroups: nil, minimumContract: Span(1, .years), excludeProbation: false, excludeInduction: true,
                                          excludeCapability: true, adjustForFixedTerm: false, adjustForMidCycleStarters: true),
            retention: RetentionRules(yearsAfterCycleEnd: 6),
            standards: StandardsRules(teachers: "career_stage_expectations", headteachers: "national_standards_of_excellence_2015",
                                      support: "appendix_b_objectives"),
            confidentiality: ConfidentialityRules(recordReaders: [.headOfUnit, .seniorLeaders]),
            // 002 §2.2.7: objectives, role and standards, CPD needs and the action recommended.
            statements: StatementRules(requiredSections: ["objectives_assessment", "standards_assessment",
                                                          "development_needs", "recommended_action"]),
            overrides: [],
            sources: [
                SourceNote("cycle", "002 §2.2.1: twelve months from September to August"),
                SourceNote("deadlines", "002 §2.2.7: assessed at or around the end of the period (no fixed date)"),
                SourceNote("deadlines.interim_review", "002 §2.2.5: at least one formal interim review, due by the "
                           + "half-way point of the period"),
                SourceNote("objectives.required_kinds", "002 §2.2.3: it will usually be appropriate to include a "
                           + "professional development objective"),
                SourceNote("objectives.disagreement_decided_by", "002 §2.2.3: the appraiser determines"),
                SourceNote("appointment.headteacher", "002 §2.2.2: the CEO, the Chair of the Trust and an external "
                           + "adviser"),
                SourceNote("appointment.school_staff", "002 §2.2.2: the Headteacher decides who appraises other "
                           + "employees"),
                SourceNote("appointment.central_staff", "002 §1.5: the CEO manages centrally appointed staff"),
                SourceNote("appointment.ceo", "002 §1.4: the Chair of the Trust manages the CEO"),
                SourceNote("observations.teacher_observer_needs_qts", "002 §2.2.4"),
                SourceNote("observations.senior_leaders_may_drop_in", "002 §2.2.4: the Headteacher or other senior "
                           + "leaders may drop in"),
                SourceNote("meetings.minimum_formal_interim_reviews", "002 §2.2.5: at least one formal interim review"),
                SourceNote("pay", "002 §2.2.7: a recommendation on pay, which may be 'no progression'"),
                SourceNote("pay.appeal_working_days", "002 §2.2.7: a right of appeal as set out in the Pay Policy, "
                           + "not in the seed: 10 working days"),
                SourceNote("eligibility", "002 §1.1: not fixed-term under one year, nor teachers in their induction "
                           + "year"),
                SourceNote("retention", "not stated in 002: six years (product default)"),
                SourceNote("statements", "002 §2.2.7: a final written report the employee may append comments to; "
                           + "comment window not set: 10 working days"),
                SourceNote("confidentiality", "not stated in 002 beyond §2.2.4: the head and the senior leaders who "
                           + "evaluate teaching (drop-ins) besides the appraiser and appraisee"),
                SourceNote("standards.headteachers", "002 Appendix A: National Standards of Excellence for "
                           + "Headteachers (four domains × six)"),
            ]))

    static let hampshire003 = PolicyPreset(
        id: "003-hampshire-model", seed: "003",
        summary: "Hampshire model policy (maintained schools): HPMC of at least three governors, not the Chair, with an external adviser",
        document: PolicyDocument(
            name: "Hampshire Model Performance Management Policy", model: .objectives,
            cycle: CycleRule(startMonth: 9),
            deadlines: [DeadlineRule(key: "interim_review", rule: DateRule(kind: .months, from: .cycleStart, months: 6)),
                        DeadlineRule(key: "final_review", rule: .next(10, 31, after: .cycleEnd))],
            objectives: ObjectiveRules(maxCount: nil, requiredKinds: [], disagreementDecidedBy: .reviewer, revisableInYear: true,
                                       reasonsRequiredWhenNotMet: false),
            conversations: nil,
            appointment: AppointmentRules(
                schoolStaff: .individual(appointedBy: [.headteacher], appointerAsReviewer: .onConcerns),
                centralStaff: .individual(appointedBy: [.headteacher], appointerAsReviewer: .onConcerns),
                headteacher: AppointmentRule(appointers: [.governor, .chairOfGovernors], form: .panel, minMembers: 3, maxMembers: nil,
                                             memberStandings: [.governor], requiredStandings: [], excludedStandings: [.chairOfGovernors],
                                             externalAdviser: .required, reviewerMustBeLineManager: false, appointerAsReviewer: .always,
                                             consult: nil, mayRedelegateOnConcerns: false),
                ceo: nil),
            observations: ObservationRules(verbalFeedbackWorkingDays: 5, writtenFeedbackWorkingDays: 7, workObservationFeedbackHours: nil,
                                           maxHoursPerYear: nil, maxFormalWorkObservationsPerCycle: nil, teacherObserverNeedsQts: true,
                                           workObservationNeedsNotice: false,
                                           learningWalksForPerformanceManagement: true,
                                           seniorLeadersMayDropIn: true),
            meetings: MeetingRules(annualReviewNoticeDays: nil, recordDueDays: nil, minimumFormalInterimReviews: 1, interimSchedule: .midYear),
            pay: pay003(decisionBy: .next(10, 31, after: .cycleEnd), effectiveFrom: .next(9, 1, after: .cycleEnd)),
            support: SupportRules(monitoringMin: Span(4, .schoolWeeks), monitoringMax: Span(1, .halfTerms), extensionMax: nil,
                                  reviewMeetings: .regular, sustainMonths: 6, capabilityMeetingNoticeWorkingDays: nil,
                                  bypassToCapability: true, extensionWithinMonitoringMax: true,
                                  bypassReasons: ["health_and_safety_at_risk", "education_in_serious_jeopardy",
                                                  "improvement_not_sustained"],
                                  bypassNeedsAdvice: true, pauseReasons: ["sickness"]),
            eligibility: EligibilityRules(staffGroups: nil, minimumContract: Span(1, .terms), excludeProbation: false, excludeInduction: true,
                                          excludeCapability: true, adjustForFixedTerm: true,
                                          adjustForMidCycleStarters: true),
            retention: RetentionRules(yearsAfterCycleEnd: 6),
            standards: StandardsRules(teachers: teachersStandards, headteachers: headteachersStandards, support: "key_accountabilities"),
            confidentiality: ConfidentialityRules(recordReaders: [.headOfUnit, .seniorLeaders, .headsCommittee]),
            // 003 §5.3.3: objectives, standards / accountabilities, the evidence; §5.3.1: the adviser.
            statements: StatementRules(requiredSections: ["objectives_assessment", "role_assessment",
                                                          "standards_assessment", "evidence_summary"],
                                       headRequiresAdviserConsultation: true),
            overrides: [
                PolicyOverride(staffGroups: [.headteacher],
                               deadlines: [DeadlineRule(key: "interim_review", rule: DateRule(kind: .months, from: .cycleStart, months: 6)),
                                           DeadlineRule(key: "final_review", rule: .next(12, 31, after: .cycleEnd))],
                               objectives: ObjectiveRules(maxCount: nil, requiredKinds: [.pupilOutcomes], disagreementDecidedBy: .governingBody,
                                                          revisableInYear: true, reasonsRequiredWhenNotMet: false),
                               pay: pay003(decisionBy: .next(12, 31, after: .cycleEnd),
                                           effectiveFrom: .next(9, 1, after: .cycleEnd))),
                PolicyOverride(staffGroups: [.support],
                               deadlines: [DeadlineRule(key: "interim_review", rule: DateRule(kind: .months, from: .cycleStart, months: 6)),
                                           DeadlineRule(key: "final_review", rule: .next(12, 31, after: .cycleEnd))],
                               pay: pay003(decisionBy: .next(12, 31, after: .cycleEnd),
                                           effectiveFrom: .next(4, 1, after: .cycleEnd))),
            ],
            sources: [
                SourceNote("cycle", "003 §2.1, §2.3: twelve months, the academic year ending 31 August"),
                SourceNote("deadlines.final_review", "003 §2.1, §2.3, §5.3.3: teachers by 31 October"),
                SourceNote("deadlines.interim_review", "003 §5.3.2: interim meetings half way through the year"),
                SourceNote("overrides[0]", "003 §2.1, §5.3.3: the Headteacher by 31 December; §4.1 at least one "
                           + "objective on outcomes for pupils, set by the Governing Body"),
                SourceNote("overrides[1]", "003 §2.1, §2.3: support staff by December"),
                SourceNote("appointment.headteacher", "003 §3.1–§3.3: the HPMC, at least 3 governors, not the "
                           + "Chair of Governors, with an external adviser"),
                SourceNote("appointment.school_staff", "003 §3.4: the Headteacher decides, normally the line manager; "
                           + "§3.5, §6.3 re-delegation, or the head themselves, when concerns arise"),
                SourceNote("observations", "003 §5.1.1: verbal feedback within 5 and written within 7 working days; "
                           + "observers with QTS; the head or other leaders may drop in"),
                SourceNote("meetings", "003 §5.3.2: interim meetings half way through the year"),
                SourceNote("pay.approval_chain", "003 §5.3.6: approved by the Headteacher before sharing and before "
                           + "the pay committee"),
                SourceNote("pay.recommenders", "003 §3.4: the Headteacher determines whether the reviewer recommends"),
                SourceNote("pay.decision_by", "003 §2.3: by the end of October (December for the head and support "
                           + "staff)"),
                SourceNote("pay.effective_from", "003 §2.3: teachers from September, support staff from 1 April"),
                SourceNote("pay.appeal_working_days", "003 §5.3.7: as set out in the school's Pay Policy, not in the "
                           + "seed: 10 working days"),
                SourceNote("support", "003 §6.12.2: four school weeks to half a term; §6.10.4 six-month sustain; "
                           + "§6.11 by-pass; §1.10 sickness and occupational health"),
                SourceNote("eligibility", "003 \"Application\": not contracts under one term, induction, or the "
                           + "Capability Policy; §2.2 fixed-term adjusted"),
                SourceNote("retention", "003 §1.9: six years, then destroyed"),
                SourceNote("statements", "003 §5.3.3: the contents; §5.3.1: the adviser on the head's; "
                           + "comment window not set: 10 working days"),
                SourceNote("confidentiality", "003 §1.8: normally only the reviewer, reviewee and the Headteacher; "
                           + "the Senior Leadership Team for moderation; §3.2 the HPMC for the head"),
                SourceNote("standards.support", "003 §4.6: key accountabilities in the role profile"),
            ]))

    static let aspire004 = PolicyPreset(
        id: "004-aspire-mat", seed: "004",
        summary: "Aspire MAT \"Aspire & Grow\": two protected conversations a year, no objectives, no pay link",
        document: PolicyDocument(
            name: "Aspire MAT Performance Management Policy v2.1", model: .conversations,
            cycle: CycleRule(startMonth: 9),
            deadlines: [DeadlineRule(key: "autumn_conversation", rule: DateRule(kind: .beforeHalfTerm, term: .autumn)),
                        DeadlineRule(key: "mid_year_conversation", rule: DateRule(kind: .termEnd, term: .summer))],
            objectives: nil,
            // 004 §6.2: the CEO leads the head's conversation; the commitments go to the LGB.
            conversations: ConversationRules(perYear: 2, wellbeingNotesNeedConsent: true, headteacherLead: .ceo,
                                             headCommitmentsSharedWithGoverningBody: true),
            appointment: AppointmentRules(
                schoolStaff: .individual(appointedBy: [.headteacher]),
                centralStaff: .individual(appointedBy: [.ceo]),
                headteacher: AppointmentRule(appointers: [.governor, .chairOfGovernors], form: .panel, minMembers: 1, maxMembers: nil,
                                             memberStandings: [.governor, .chairOfGovernors], requiredStandings: [], excludedStandings: [],
                                             externalAdviser: .optional, reviewerMustBeLineManager: false, appointerAsReviewer: .always,
                                             consult: .ceo, mayRedelegateOnConcerns: false),
                ceo: AppointmentRule(appointers: [.trustee, .chairOfTrustees], form: .panel, minMembers: 1, maxMembers: nil,
                                     memberStandings: [.trustee, .chairOfTrustees], requiredStandings: [], excludedStandings: [],
                                     externalAdviser: .optional, reviewerMustBeLineManager: false, appointerAsReviewer: .always,
                                     consult: nil, mayRedelegateOnConcerns: false)),
            observations: ObservationRules(verbalFeedbackWorkingDays: nil, writtenFeedbackWorkingDays: nil, workObservationFeedbackHours: nil,
                                           maxHoursPerYear: 3, maxFormalWorkObservationsPerCycle: nil, teacherObserverNeedsQts: true,
                                           workObservationNeedsNotice: false,
                                           learningWalksForPerformanceManagement: false,
                                           qtsObserverFor: .everyoneInClass),
            meetings: MeetingRules(annualReviewNoticeDays: nil, recordDueDays: nil, minimumFormalInterimReviews: 0, interimSchedule: .none),
            pay: PayRules(mode: .automaticUnlessCapability, recommendations: [], approvalChain: [],
                          withholdNeedsPriorSupport: false, effectiveFrom: .next(9, 1, after: .cycleEnd)),
            support: SupportRules(monitoringMin: Span(12, .workingWeeks), monitoringMax: Span(12, .workingWeeks), extensionMax: nil,
                                  reviewMeetings: .weekly, sustainMonths: nil, capabilityMeetingNoticeWorkingDays: 10,
                                  bypassToCapability: false),
            eligibility: EligibilityRules(staffGroups: nil, minimumContract: Span(1, .terms), excludeProbation: true, excludeInduction: true,
                                          excludeCapability: true, adjustForFixedTerm: true,
                                          adjustForMidCycleStarters: true),
            retention: RetentionRules(yearsAfterCycleEnd: 6),
            standards: StandardsRules(teachers: teachersStandards, headteachers: headteachersStandards, support: "role_adapted_focus"),
            confidentiality: ConfidentialityRules(recordReaders: [.headOfUnit, .ceoForHeads]),
            overrides: [PolicyOverride(staffGroups: [.headteacher],
                                       deadlines: [DeadlineRule(key: "autumn_conversation", rule: .next(12, 31, after: .cycleStart)),
                                                   DeadlineRule(key: "mid_year_conversation", rule: DateRule(kind: .termEnd, term: .summer))])],
            sources: [
                SourceNote("model", "004 §6.1: Aspire & Grow conversations replace objectives and performance-related "
                           + "pay"),
                SourceNote("cycle", "004 §4.1: 1 September – 31 August"),
                SourceNote("deadlines.autumn_conversation", "004 §6.3: during the autumn term, normally before "
                           + "October half term"),
                SourceNote("deadlines.mid_year_conversation", "004 §6.3: in the spring/summer term"),
                SourceNote("overrides[0]", "004 §6.3: by 31 December for headteachers"),
                SourceNote("conversations", "004 §6.1 twice a year; §6.4a wellbeing notes only with consent, never "
                           + "used for decisions; §6.2 the CEO leads the head's conversation (a nominated governor or "
                           + "the Chair may attend)"),
                SourceNote("conversations.head_commitments_shared_with_governing_body", "004 §6.2: the head's "
                           + "professional development commitments are shared with the Local Governing Body"),
                SourceNote("appointment.headteacher", "004 §5.1: the Local Governing Body in consultation with the CEO"),
                SourceNote("appointment.ceo", "004 §5.1: nominated representatives of the Board of Directors"),
                SourceNote("appointment.school_staff", "004 §5.2: the Headteacher decides and monitors each "
                           + "appraiser's load"),
                SourceNote("appointment.central_staff", "004 §5.2: the CEO, for the central function"),
                SourceNote("observations", "004 §7.2 at most three hours a year; §7.3 QTS for everyone employed to "
                           + "work in class, teaching assistants included; §7.4 learning walks not for performance "
                           + "management"),
                SourceNote("pay.mode", "004 §6.7, §8.3: automatic unless a live capability process"),
                SourceNote("support", "004 §11.2: 12 working weeks, weekly meetings, 10 working days' notice of a "
                           + "capability meeting"),
                SourceNote("eligibility", "004 §3: not contracts under one term, teachers in induction, or probation; "
                           + "§4.2–4.3 adjusted periods; §12 staff under the Managing Underperformance "
                           + "(capability) policy leave the appraisal system"),
                SourceNote("retention", "not stated in 004: six years (product default)"),
                SourceNote("confidentiality", "not stated in 004 (wellbeing notes aside, §6.4a): the head of the unit "
                           + "(product default); §1.3, §6.2 the CEO takes the head's role for the head"),
            ]))
}
