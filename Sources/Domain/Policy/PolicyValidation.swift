import Foundation

/// A policy is checked whole on every write: each problem is a 422 naming the field and the rule.
extension PolicyDocument {
    public func validate() throws {
        var check = Validator()
        check.text(name, "name", max: 200)
        switch model {
        case .objectives:
            check.check(objectives != nil, "objectives", "required", "is required when model is objectives")
            check.check(conversations == nil, "conversations", "forbidden", "must be absent when model is objectives")
        case .conversations:
            // 004 §6.1, §6.7: the conversations model has no objectives and no pay link.
            check.check(objectives == nil, "objectives", "forbidden", "must be absent when model is conversations")
            check.check(conversations != nil, "conversations", "required", "is required when model is conversations")
            check.check(pay.mode != .performance, "pay.mode", "no_pay_link", "must not be performance when model is conversations")
        }
        if let conversations {
            check.check((1...4).contains(conversations.perYear), "conversations.per_year", "range", "must be 1 to 4")
        }
        checkSections(cycle: cycle, deadlines: deadlines, objectives: objectives, appointment: appointment,
                      observations: observations, meetings: meetings, support: support, eligibility: eligibility,
                      prefix: "", into: &check)
        check.check((1...50).contains(retention.yearsAfterCycleEnd), "retention.years_after_cycle_end", "range", "must be 1 to 50")
        for (path, text) in [("standards.teachers", standards.teachers), ("standards.headteachers", standards.headteachers),
                             ("standards.support", standards.support)] {
            check.text(text, path, max: 100)
        }
        statements?.validate(into: &check)
        if model == .conversations {
            // 004 §6, §8: the conversation year has no written statement to issue.
            check.check(statements == nil, "statements", "forbidden", "must be absent when model is conversations")
        }
        if let readers = confidentiality?.recordReaders {
            check.check(Set(readers).count == readers.count, "confidentiality.record_readers", "unique",
                        "must not name a reader twice")
        }
        check.check(overrides.count <= 200, "overrides", "max_items", "must have at most 200 items")
        for (index, override) in overrides.enumerated() {
            let at = "overrides[\(index)]"
            check.check(override.unitId != nil || !(override.staffGroups ?? []).isEmpty || !(override.jobTitles ?? []).isEmpty,
                        at, "selector_required", "must name a unit_id, staff_groups or job_titles")
            for (titleIndex, title) in (override.jobTitles ?? []).enumerated() {
                check.text(title, "\(at).job_titles[\(titleIndex)]", max: 200)
            }
            checkSections(cycle: override.cycle, deadlines: override.deadlines, objectives: override.objectives,
                          appointment: override.appointment, observations: override.observations, meetings: override.meetings,
                          support: override.support, eligibility: override.eligibility, prefix: at + ".", into: &check)
            if model == .conversations {
                check.check(override.objectives == nil, "\(at).objectives", "forbidden", "must be absent when model is conversations")
                check.check(override.pay.map { $0.mode != .performance } ?? true, "\(at).pay.mode", "no_pay_link",
                            "must not be performance when model is conversations")
            }
        }
        check.check(sources.count <= 500, "sources", "max_items", "must have at most 500 items")
        for (index, note) in sources.enumerated() {
            check.text(note.path, "sources[\(index)].path", max: 200)
            check.text(note.section, "sources[\(index)].section", max: 200)
        }
        try check.result()
    }

    private func checkSections(cycle: CycleRule?, deadlines: [DeadlineRule]?, objectives: ObjectiveRules?,
                               appointment: AppointmentRules?, observations: ObservationRules?, meetings: MeetingRules?,
                               support: SupportRules?, eligibility: EligibilityRules?, prefix: String, into check: inout Validator) {
        if let cycle {
            check.check((1...12).contains(cycle.startMonth), prefix + "cycle.start_month", "range", "must be 1 to 12")
            let maxDay = (1...12).contains(cycle.startMonth) ? CalendarDate.daysIn(month: cycle.startMonth, year: 2001) : 31
            check.check((1...maxDay).contains(cycle.startDay), prefix + "cycle.start_day", "range", "must be a day of start_month")
            check.check((1...24).contains(cycle.lengthMonths), prefix + "cycle.length_months", "range", "must be 1 to 24")
        }
        if let deadlines {
            var keys: Set<String> = []
            for (index, deadline) in deadlines.enumerated() {
                let at = "\(prefix)deadlines[\(index)]"
                check.check(deadline.key.range(of: "^[a-z][a-z0-9_]{0,49}$", options: .regularExpression) != nil, at + ".key",
                            "pattern", "must be lower-case letters, digits and underscores, starting with a letter")
                check.check(keys.insert(deadline.key).inserted, at + ".key", "unique", "is already used by another deadline")
                deadline.rule.check(at + ".rule", into: &check)
            }
        }
        if let objectives {
            if let max = objectives.maxCount {
                check.check((1...20).contains(max), prefix + "objectives.max_count", "range", "must be 1 to 20")
                check.check(objectives.requiredKinds.count <= max, prefix + "objectives.required_kinds", "within_max_count",
                            "must not require more kinds than max_count allows")
            }
        }
        if let appointment {
            for category in RevieweeCategory.allCases {
                guard let rule = appointment.rule(for: category) else { continue }
                rule.check("\(prefix)appointment.\(category.rawValue)", into: &check)
            }
        }
        if let observations {
            for (field, value) in [("verbal_feedback_working_days", observations.verbalFeedbackWorkingDays),
                                   ("written_feedback_working_days", observations.writtenFeedbackWorkingDays),
                                   ("work_observation_feedback_hours", observations.workObservationFeedbackHours),
                                   ("max_formal_work_observations_per_cycle", observations.maxFormalWorkObservationsPerCycle)] {
                if let value { check.check((0...365).contains(value), "\(prefix)observations.\(field)", "range", "must be 0 to 365") }
            }
            if let hours = observations.maxHoursPerYear {
                check.check(hours > 0 && hours <= 200, prefix + "observations.max_hours_per_year", "range", "must be above 0 and at most 200")
            }
            if let verbal = observations.verbalFeedbackWorkingDays, let written = observations.writtenFeedbackWorkingDays {
                check.check(verbal <= written, prefix + "observations.written_feedback_working_days", "after_verbal",
                            "must not be earlier than verbal_feedback_working_days")
            }
        }
        if let meetings {
            for (field, value) in [("annual_review_notice_days", meetings.annualReviewNoticeDays), ("record_due_days", meetings.recordDueDays)] {
                if let value { check.check((0...365).contains(value), "\(prefix)meetings.\(field)", "range", "must be 0 to 365") }
            }
            check.check((0...6).contains(meetings.minimumFormalInterimReviews), prefix + "meetings.minimum_formal_interim_reviews",
                        "range", "must be 0 to 6")
        }
        if let support {
            for (field, span) in [("monitoring_min", support.monitoringMin), ("monitoring_max", support.monitoringMax),
                                  ("extension_max", support.extensionMax)] {
                if let span { check.check((1...104).contains(span.value), "\(prefix)support.\(field).value", "range", "must be 1 to 104") }
            }
            if let min = support.monitoringMin, let max = support.monitoringMax, min.unit == max.unit {
                check.check(min.value <= max.value, prefix + "support.monitoring_max", "not_below_min", "must not be shorter than monitoring_min")
            }
            let lists = [("extension_reasons", support.extensionReasons), ("bypass_reasons", support.bypassReasons),
                         ("pause_reasons", support.pauseReasons)]
            for (field, reasons) in lists {
                guard let reasons else { continue }
                check.check((1...10).contains(reasons.count), "\(prefix)support.\(field)", "max_items",
                            "must have 1 to 10 reasons")
                for (index, reason) in reasons.enumerated() {
                    check.text(reason, "\(prefix)support.\(field)[\(index)]", max: 60)
                }
            }
            if let months = support.sustainMonths {
                check.check((1...36).contains(months), prefix + "support.sustain_months", "range", "must be 1 to 36")
            }
            if let notice = support.capabilityMeetingNoticeWorkingDays {
                check.check((0...60).contains(notice), prefix + "support.capability_meeting_notice_working_days", "range", "must be 0 to 60")
            }
        }
        if let minimum = eligibility?.minimumContract {
            check.check((1...24).contains(minimum.value), prefix + "eligibility.minimum_contract.value", "range", "must be 1 to 24")
            check.check([.terms, .months, .years, .weeks].contains(minimum.unit), prefix + "eligibility.minimum_contract.unit",
                        "allowed", "must be terms, months, years or weeks")
        }
    }
}

extension DateRule {
    func check(_ at: String, into check: inout Validator) {
        switch kind {
        case .nextDate:
            check.check(from != nil, at + ".from", "required", "is required for next_date")
            let month = month ?? 0
            check.check((1...12).contains(month), at + ".month", "range", "must be 1 to 12")
            let maxDay = (1...12).contains(month) ? CalendarDate.daysIn(month: month, year: 2001) : 31
            check.check((1...maxDay).contains(day ?? 0), at + ".day", "range", "must be a day of month")
        case .months:
            check.check(from != nil, at + ".from", "required", "is required for months")
            check.check((1...36).contains(months ?? 0), at + ".months", "range", "must be 1 to 36")
        case .beforeHalfTerm, .termEnd:
            check.check(term != nil, at + ".term", "required", "is required for \(kind.rawValue)")
        case .halfWay:
            break
        }
    }
}

extension AppointmentRule {
    func check(_ at: String, into check: inout Validator) {
        check.check(!appointers.isEmpty, at + ".appointers", "min_items", "must name at least one standing")
        check.check((1...12).contains(minMembers), at + ".min_members", "range", "must be 1 to 12")
        if let maxMembers {
            check.check(maxMembers >= minMembers && maxMembers <= 12, at + ".max_members", "range",
                        "must be at least min_members and at most 12")
        }
        if form == .individual {
            check.check(minMembers == 1 && (maxMembers ?? 1) == 1, at + ".max_members", "individual",
                        "an individual reviewer is one person: min_members and max_members must be 1")
        }
        check.check(Set(requiredStandings).isDisjoint(with: excludedStandings), at + ".excluded_standings", "conflict",
                    "must not exclude a standing that is required")
        if let members = memberStandings {
            check.check(!members.isEmpty, at + ".member_standings", "min_items", "must name at least one standing, or be absent")
        }
    }
}
