import Foundation

/// The rules of raising a concern, each from the policy version in force (issue 14 §1–2, §4).
public enum ConcernRules {
    /// In what standing the caller raises a concern about this appraisal's reviewee, and whom
    /// they must tell. 000 §8.1: "the reviewer or other relevant manager"; 003 §6.3: the reviewer
    /// or a senior manager or the head, and a reviewer tells the head; 003 §6.4–6.5: for the
    /// head, the HPMC or the Chair of Governors, each telling the other; 004 §1.3: the CEO or
    /// the Chair of the Local Governing Body takes the head's part for a head.
    public static func raisedAs(_ who: Participation, lineManages: Bool,
                                category: RevieweeCategory) throws -> (Concern.RaisedAs, notify: [Role]) {
        guard !who.isReviewee else { throw NotAParticipant("A concern is raised about the employee, not by them.") }
        if category == .headteacher {
            if who.isChairOfGovernors { return (.chairOfGovernors, [.committeeMember]) }
            if who.isCommitteeMember { return (.committeeMember, [.chairOfGovernors]) }
            if who.isCEO { return (.ceo, [.chairOfGovernors]) }
            if who.isReviewer { return (.reviewer, [.chairOfGovernors]) }
            throw NotAParticipant("A concern about the head is raised by their reviewer, the committee, the Chair of "
                                  + "Governors or the CEO.")
        }
        // 001 "Appointing Reviewers": the operations director stands as the head for central staff.
        let head: Role = category == .centralStaff ? .operationsDirector : .headteacher
        if category == .centralStaff ? who.isOperationsDirector : who.isHeadOfUnit {
            return (category == .centralStaff ? .operationsDirector : .headteacher, [])
        }
        if who.isReviewer { return (.reviewer, [head]) }
        if who.isSeniorLeader { return (.seniorLeader, [head]) }
        if lineManages { return (.lineManager, [head]) }
        throw NotAParticipant("A concern is raised by the reviewer, a line manager, a senior leader or the head.")
    }

    /// The response chosen (003 §6.9) and, for going straight to the formal stages, the
    /// policy's by-pass rules (003 §6.11.1; 000 §8.2).
    public static func check(_ input: ConcernInput, rules: SupportRules, today: CalendarDate) throws {
        var check = Validator()
        check.check(input.raisedOn <= today, "raised_on", "not_in_future", "must not be in the future")
        if input.response == .formalCapability {
            check.check(rules.bypassToCapability, "response", "support.bypass_to_capability",
                        "the policy puts informal support before the formal stages: it lists no reason to by-pass it",
                        policy: "support.bypass_to_capability")
            if rules.bypassToCapability, let allowed = rules.bypassReasons, let reason = input.bypassReason {
                check.check(allowed.contains(reason), "bypass_reason", "support.bypass_reasons",
                            "must be one of the policy's reasons: \(allowed.joined(separator: ", "))",
                            policy: "support.bypass_reasons")
            }
            if rules.bypassNeedsAdvice == true {
                check.check(input.bypassAdvice != nil, "bypass_advice", "required",
                            "the policy by-passes informal support only after advice is taken: record it",
                            policy: "support.bypass_needs_advice")
            }
        }
        try check.result()
    }
}

/// The monitoring period and the plan's changes (issue 14 §3–4), on the calendar of the
/// appraisal's unit and the employee's working pattern.
public enum SupportPlanRules {
    /// The earliest and latest end the policy allows for a period starting `start` (000 §8.1:
    /// 4–8 working weeks; 001: four weeks; 003 §6.12.2: four school weeks to half a term; 004
    /// §11.2: 12 working weeks). Nil bounds: the policy sets none.
    public static func bounds(from start: CalendarDate, rules: SupportRules, calendar: WorkingCalendar,
                              pattern: Employment.WorkingPattern) throws -> (min: CalendarDate?, max: CalendarDate?) {
        (try rules.monitoringMin.map { try end(of: $0, from: start, calendar: calendar, pattern: pattern) },
         try rules.monitoringMax.map { try end(of: $0, from: start, calendar: calendar, pattern: pattern) })
    }

    /// `span` after `start`, in the span's own unit: calendar arithmetic, never ×7.
    public static func end(of span: Span, from start: CalendarDate, calendar: WorkingCalendar,
                           pattern: Employment.WorkingPattern) throws -> CalendarDate {
        switch span.unit {
        case .workingDays: return try calendar.adding(workingDays: span.value, to: start, for: pattern)
        case .workingWeeks: return try calendar.adding(workingWeeks: span.value, to: start, for: pattern)
        case .schoolWeeks: return try calendar.adding(schoolWeeks: span.value, to: start)
        case .weeks: return start.adding(days: 7 * span.value)
        case .halfTerms, .terms:
            var end = start
            for _ in 0..<(span.unit == .terms ? 2 : 1) * span.value { end = try calendar.adding(halfTermTo: end) }
            return end
        case .months: return start.adding(months: span.value)
        case .years: return start.adding(months: 12 * span.value)
        }
    }

    /// The end of a new plan: as asked, or the shortest the policy allows; refused outside the
    /// policy's bounds, naming the bound.
    public static func end(of input: SupportPlanInput, rules: SupportRules, calendar: WorkingCalendar,
                           pattern: Employment.WorkingPattern) throws -> CalendarDate {
        let (min, max) = try bounds(from: input.startsOn, rules: rules, calendar: calendar, pattern: pattern)
        guard let end = input.endsOn ?? min ?? max else {
            throw ValidationFailure(field: "ends_on", rule: "required",
                                    message: "is required: the policy sets no length for the monitoring period")
        }
        var check = Validator()
        if let min {
            check.check(end >= min, "ends_on", "support.monitoring_min",
                        "must be on or after \(min): the monitoring period is at least "
                            + describe(rules.monitoringMin!),
                        policy: "support.monitoring_min")
        }
        if let max {
            check.check(end <= max, "ends_on", "support.monitoring_max",
                        "must be on or before \(max): the monitoring period is at most "
                            + describe(rules.monitoringMax!),
                        policy: "support.monitoring_max")
        }
        try check.result()
        return end
    }

    /// 004 §11.2: "weekly meetings": one a week from the start to the end, each on the first
    /// working day of its week for the employee (a week with none, a holiday, has no meeting).
    public static func weeklyMeetings(from start: CalendarDate, to end: CalendarDate, calendar: WorkingCalendar,
                                      pattern: Employment.WorkingPattern) -> [CalendarDate] {
        var meetings: [CalendarDate] = []
        var weekStart = start.adding(days: 7)
        while weekStart <= end {
            let week = (0..<7).map { weekStart.adding(days: $0) }.filter { $0 <= end }
            if let day = week.first(where: { calendar.isWorkingDay($0, for: pattern) }) { meetings.append(day) }
            weekStart = weekStart.adding(days: 7)
        }
        return meetings
    }

    /// An extension (000 §8.1: "exceptionally … not normally more than 4 weeks … where there has
    /// been significant improvement or significant absence"): a reason is always required,
    /// one of the policy's where it lists them; the new end within the policy's bound.
    public static func extend(_ plan: SupportPlan, _ input: SupportExtensionInput, rules: SupportRules,
                              calendar: WorkingCalendar, pattern: Employment.WorkingPattern) throws {
        try requireRunning(plan)
        var check = Validator()
        check.check(input.endsOn > plan.endsOn, "ends_on", "after_current_end", "must be after \(plan.endsOn)")
        if let reasons = rules.extensionReasons {
            check.check(reasons.contains(input.reason), "reason", "support.extension_reasons",
                        "must be one of the policy's reasons: \(reasons.joined(separator: ", "))",
                        policy: "support.extension_reasons")
        }
        if let span = rules.extensionMax {
            let latest = try end(of: span, from: plan.endsOn, calendar: calendar, pattern: pattern)
            check.check(input.endsOn <= latest, "ends_on", "support.extension_max",
                        "must be on or before \(latest): an extension is at most \(describe(span))",
                        policy: "support.extension_max")
        }
        if rules.extensionWithinMonitoringMax == true, let max = try bounds(from: plan.startsOn, rules: rules,
                                                                            calendar: calendar, pattern: pattern).max {
            check.check(input.endsOn <= max, "ends_on", "support.monitoring_max",
                        "must be on or before \(max): the whole period is at most \(describe(rules.monitoringMax!))",
                        policy: "support.monitoring_max")
        }
        try check.result()
    }

    /// The outcome: not before the plan started nor in the future; not improved only once the
    /// employee has been told in writing what follows (003 §6.10.3; 000 §8.1, 001 and 004 §11.2
    /// explain the consequences too). Returns the end of the sustain window (003 §6.10.4).
    public static func outcome(_ plan: SupportPlan, _ input: SupportOutcomeInput, rules: SupportRules,
                               today: CalendarDate) throws -> CalendarDate? {
        try requireRunning(plan)
        var check = Validator()
        check.check(input.on >= plan.startsOn, "on", "not_before_start", "must not be before \(plan.startsOn)")
        check.check(input.on <= today, "on", "not_in_future", "must not be in the future")
        if input.outcome == .notImproved {
            check.check(plan.consequencesExplainedOn != nil, "outcome", "consequences_not_recorded",
                        "the employee must first be told in writing what follows if performance does not improve "
                            + "(PUT …/consequences)")
        }
        try check.result()
        guard input.outcome == .improved, let months = rules.sustainMonths else { return nil }
        return input.on.adding(months: months)
    }

    public static func requireRunning(_ plan: SupportPlan) throws {
        guard plan.state == .active || plan.state == .paused else {
            throw SupportPlanClosed(state: plan.state)
        }
    }

    /// A pause, for a reason the policy lets pause the period (001 "Sickness", "Grievance"; 003
    /// §1.10): sickness that begins after monitoring starts; a grievance, paused by the head (the
    /// operations director for central staff; for a head, the committee or the Chair).
    public static func pause(_ plan: SupportPlan, _ input: SupportPauseInput, rules: SupportRules,
                             by who: Participation, category: RevieweeCategory, today: CalendarDate) throws {
        guard plan.state == .active else { throw SupportPlanClosed(state: plan.state) }
        var check = Validator()
        let reasons = rules.pauseReasons ?? []
        check.check(reasons.contains(input.reason.rawValue), "reason", "support.pause_reasons",
                    reasons.isEmpty ? "the policy lets nothing pause the monitoring period"
                        : "must be one of the policy's reasons: \(reasons.joined(separator: ", "))",
                    policy: "support.pause_reasons")
        check.check(input.from >= plan.startsOn && input.from <= plan.endsOn, "from", "within_period",
                    "must fall within the monitoring period (\(plan.startsOn) to \(plan.endsOn))")
        check.check(input.from <= today, "from", "not_in_future", "must not be in the future")
        try check.result()
        if input.reason == .grievance {
            let decides: Bool
            switch category {
            case .headteacher: decides = who.isChairOfGovernors || who.isCommitteeMember || who.isCEO
            case .centralStaff: decides = who.isOperationsDirector
            default: decides = who.isHeadOfUnit
            }
            guard decides else {
                throw NotAParticipant("The head (the operations director for central staff) decides whether a "
                                      + "grievance pauses the process (001 \"Grievance\").")
            }
        }
    }

    /// Monitoring starts again: the end moves by the employee's working days lost to the pause.
    public static func resume(_ plan: SupportPlan, _ input: SupportResumeInput, calendar: WorkingCalendar,
                              pattern: Employment.WorkingPattern, today: CalendarDate) throws -> CalendarDate {
        guard plan.state == .paused, let since = plan.pausedSince else { throw SupportPlanClosed(state: plan.state) }
        var check = Validator()
        check.check(input.on >= since && input.on <= today, "on", "within_pause",
                    "must be between the pause (\(since)) and today")
        try check.result()
        var lost = 0, day = since
        while day < input.on {
            if calendar.isWorkingDay(day, for: pattern) { lost += 1 }
            day = day.adding(days: 1)
        }
        return lost == 0 ? plan.endsOn : try calendar.adding(workingDays: lost, to: plan.endsOn, for: pattern)
    }

    static func describe(_ span: Span) -> String {
        "\(span.value) \(span.unit.rawValue.replacingOccurrences(of: "_", with: " "))"
    }
}

/// A plan in a state that does not take this change (an outcome recorded, already paused, not
/// paused): 409.
public struct SupportPlanClosed: Error, Sendable {
    public let state: SupportPlan.State
}
