import Domain
import Foundation
import Testing

/// Policies as data: presets valid, overrides resolve, deadlines and eligibility follow the rules.
struct PolicyTests {
    func d(_ text: String) -> CalendarDate { CalendarDate(text)! }
    let calendar = WorkingCalendar(schoolYears: [], span: 2025...2028)

    @Test func everyPresetIsAValidPolicyCitingItsSeed() throws {
        #expect(PolicyPreset.all.map(\.seed) == ["000", "001", "002", "003", "004"])
        for preset in PolicyPreset.all {
            try preset.document.validate()
            #expect(preset.document.sources.allSatisfy { $0.section.contains(preset.seed) || $0.section.contains("not stated") })
        }
    }

    @Test func invalidPoliciesNameTheFieldAndRule() {
        var policy = PolicyPreset.named("004-aspire-mat")!.document
        policy.pay.mode = .performance
        policy.cycle.startMonth = 13
        policy.appointment.headteacher?.minMembers = 0
        policy.deadlines.append(policy.deadlines[0])
        do {
            try policy.validate()
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            let rules = Set(failure.errors.map { "\($0.field) \($0.rule)" })
            #expect(rules.isSuperset(of: ["pay.mode no_pay_link", "cycle.start_month range", "appointment.headteacher.min_members range",
                                          "deadlines[2].key unique"]))
        } catch { Issue.record("\(error)") }
    }

    @Test func theConversationsModelHasNoObjectives() {
        // 004 §6.1: conversations replace objectives.
        var policy = PolicyPreset.named("004-aspire-mat")!.document
        policy.objectives = PolicyPreset.named("000-alpha-trust")!.document.objectives
        #expect(throws: ValidationFailure([FieldError(field: "objectives", rule: "forbidden",
                                                      message: "must be absent when model is conversations")])) { try policy.validate() }
    }

    /// Issue 13 §2: each preset carries its own policy's list of what the statement must say;
    /// a trust's own statement rules are checked like the rest of the policy.
    @Test func statementRulesAreEachPolicysOwn() {
        func sections(_ preset: String) -> [String]? {
            PolicyPreset.named(preset)?.document.statements?.requiredSections
        }
        #expect(sections("000-alpha-trust") == ["objectives_assessment", "standards_assessment", "cpd_and_impact"])
        #expect(sections("002-lt2-trust")?.contains("recommended_action") == true)
        #expect(sections("003-hampshire-model")?.contains("evidence_summary") == true)
        #expect(PolicyPreset.named("003-hampshire-model")?.document.statements?.headRequiresAdviserConsultation == true)
        #expect(PolicyPreset.named("004-aspire-mat")?.document.statements == nil)
        var policy = PolicyPreset.named("000-alpha-trust")!.document
        policy.statements = StatementRules(commentWindowWorkingDays: 0, requiredSections: ["pay", "role_assessment",
                                                                                           "role_assessment"])
        do {
            try policy.validate()
            Issue.record("expected a validation failure")
        } catch let failure as ValidationFailure {
            #expect(Set(failure.errors.map { "\($0.field) \($0.rule)" }) == [
                "statements.comment_window_working_days range", "statements.required_sections[0] section",
                "statements.required_sections unique"])
        } catch { Issue.record("\(error)") }
        var conversations = PolicyPreset.named("004-aspire-mat")!.document
        conversations.statements = .productDefault
        #expect(throws: ValidationFailure.self) { try conversations.validate() }
    }

    @Test func overridesReplaceSectionsMostSpecificLast() {
        var policy = PolicyPreset.named("001-associate-staff")!.document
        let soham = UUID()
        policy.overrides = [
            PolicyOverride(unitId: soham, staffGroups: [.support], jobTitles: ["Learning Support Assistant"], cycle: CycleRule(startMonth: 6)),
            PolicyOverride(staffGroups: [.support], cycle: CycleRule(startMonth: 2)),
        ]
        #expect(policy.resolved(unitId: soham, staffGroup: .support, jobTitle: "learning support assistant").cycle.startMonth == 6)
        #expect(policy.resolved(unitId: soham, staffGroup: .support, jobTitle: "Receptionist").cycle.startMonth == 2)
        #expect(policy.resolved(unitId: UUID(), staffGroup: .central, jobTitle: "Learning Support Assistant").cycle.startMonth == 1)
    }

    @Test func deadlinesFollowThePolicyAndTheCalendar() {
        let year = AppraisalPeriod.cycle(CycleRule(startMonth: 9), year: 2026)
        #expect(year == AppraisalPeriod(startDate: d("2026-09-01"), endDate: d("2027-08-31")))
        let alpha = PolicyPreset.named("000-alpha-trust")!.document
        #expect(alpha.resolved(unitId: UUID(), staffGroup: .teacher, jobTitle: "T").deadlines(for: year, calendar: calendar)
                == [Deadline(key: "final_review", dueDate: d("2027-10-31"))])
        #expect(alpha.resolved(unitId: UUID(), staffGroup: .headteacher, jobTitle: "H").deadlines(for: year, calendar: calendar)
                == [Deadline(key: "final_review", dueDate: d("2027-12-31"))])
        let aspire = PolicyPreset.named("004-aspire-mat")!.document
        // Before October half term (26 Oct 2026): the last school day is Friday 23 October.
        #expect(aspire.deadlines(for: year, calendar: calendar).map(\.dueDate) == [d("2026-10-23"), d("2027-07-22")])
        // A January starter has no autumn conversation left.
        let starter = AppraisalPeriod(startDate: d("2027-01-11"), endDate: d("2027-08-31"))
        #expect(aspire.deadlines(for: starter, calendar: calendar).map(\.key) == ["mid_year_conversation"])
        let associate = AppraisalPeriod.cycle(CycleRule(startMonth: 1), year: 2027)
        #expect(PolicyPreset.named("001-associate-staff")!.document.deadlines(for: associate, calendar: calendar).map(\.dueDate) == [d("2028-01-31")])
    }

    func candidate(start: String = "2020-09-01", contractEnd: String? = nil, probation: String? = nil, end: String? = nil,
                   induction: Employment.InductionStatus = .notApplicable, capability: Bool = false,
                   group: Employment.StaffGroup = .teacher) -> EnrolmentCandidate {
        EnrolmentCandidate(employmentId: UUID(), unitId: UUID(), staffGroup: group, contractType: contractEnd == nil ? .permanent : .fixedTerm,
                           contractEndDate: contractEnd.map(d), startDate: d(start), endDate: end.map(d),
                           probationEndDate: probation.map(d), inductionStatus: induction, underCapability: capability)
    }

    @Test func eligibilityRecordsWhyEachIsOut() {
        let cycle = AppraisalPeriod.cycle(CycleRule(startMonth: 9), year: 2026)
        let hampshire = PolicyPreset.named("003-hampshire-model")!.document.eligibility
        let aspire = PolicyPreset.named("004-aspire-mat")!.document.eligibility
        let lt2 = PolicyPreset.named("002-lt2-trust")!.document.eligibility
        func reason(_ c: EnrolmentCandidate, _ rules: EligibilityRules) -> String {
            switch Enrolment.decide(c, cycle: cycle, rules: rules, calendar: calendar) {
            case .enrolled(let period, let adjustments): return "in \(period.startDate)…\(period.endDate) \(adjustments.map(\.rawValue))"
            case .excluded(let reason, _): return reason.rawValue
            }
        }
        #expect(reason(candidate(), hampshire) == "in 2026-09-01…2027-08-31 []")
        // Less than one term: 1 Sep – 30 Nov covers no whole term; 1 Sep – 18 Dec covers the autumn term.
        #expect(reason(candidate(start: "2026-09-01", contractEnd: "2026-11-30"), hampshire) == "contract_too_short")
        #expect(reason(candidate(start: "2026-09-01", contractEnd: "2026-12-18"), hampshire) == "in 2026-09-01…2026-12-18 [\"fixed_term_end\"]")
        // 002 §1.1 excludes fixed-term contracts under a year.
        #expect(reason(candidate(start: "2026-09-01", contractEnd: "2027-03-31"), lt2) == "contract_too_short")
        #expect(reason(candidate(induction: .inProgress), hampshire) == "induction")
        #expect(reason(candidate(capability: true), hampshire) == "capability")
        // 004 §12: under the Managing Underperformance Policy "the appraisal system will no longer apply".
        #expect(reason(candidate(capability: true), aspire) == "capability")
        #expect(reason(candidate(start: "2027-01-11", probation: "2027-07-10"), aspire) == "in 2027-07-11…2027-08-31 [\"mid_cycle_start\", \"after_probation\"]")
        #expect(reason(candidate(start: "2027-06-01", probation: "2027-11-30"), aspire) == "probation")
        #expect(reason(candidate(start: "2027-09-01"), aspire) == "not_started")
        #expect(reason(candidate(end: "2026-07-31"), aspire) == "left")
        #expect(reason(candidate(group: .teacher), PolicyPreset.named("001-associate-staff")!.document.eligibility) == "not_covered")
    }

    func standings(_ pairs: [(UUID, [Standing])]) -> [UUID: Set<Standing>] {
        Dictionary(uniqueKeysWithValues: pairs.map { ($0.0, Set($0.1)) })
    }

    func errors(_ rules: AppointmentRules, _ proposal: ProposedAppointment) -> [String] {
        do {
            try rules.check(proposal)
            return []
        } catch let failure as ValidationFailure {
            return failure.errors.map(\.rule)
        } catch { return ["\(error)"] }
    }

    @Test func appointmentsTheHampshirePolicyForbids() {
        let rules = PolicyPreset.named("003-hampshire-model")!.document.appointment
        let head = UUID(), g1 = UUID(), g2 = UUID(), g3 = UUID(), chair = UUID(), adviser = UUID(), teacher = UUID()
        let standing = standings([(g1, [.governor]), (g2, [.governor]), (g3, [.governor]), (chair, [.governor, .chairOfGovernors]),
                                  (adviser, [.externalAdviser]), (head, [.headteacher])])
        func hpmc(_ members: [UUID], adviser: UUID?) -> ProposedAppointment {
            ProposedAppointment(category: .headteacher, reviewee: head, appointer: g1, reviewers: members, externalAdviser: adviser,
                                consulted: nil, reason: .initial, standings: standing)
        }
        #expect(errors(rules, hpmc([g1, g2, g3], adviser: adviser)) == [])
        #expect(errors(rules, hpmc([g1, g2], adviser: adviser)) == ["min_members"]) // 003 §3.2
        #expect(errors(rules, hpmc([g1, g2, chair], adviser: adviser)) == ["excluded_standing"]) // 003 §3.3
        #expect(errors(rules, hpmc([g1, g2, g3], adviser: nil)) == ["required"]) // 003 §3.1
        // The head appoints a teacher's reviewer, but not themselves unless concerns have arisen (003 §3.5).
        let own = ProposedAppointment(category: .schoolStaff, reviewee: teacher, appointer: head, reviewers: [head], externalAdviser: nil,
                                      consulted: nil, reason: .initial, standings: standing)
        #expect(errors(rules, own) == ["self_appointment"])
        var concerns = own
        concerns.reason = .concerns
        #expect(errors(rules, concerns) == [])
        // §3.2: HPMC members are governors; a teacher on it is refused.
        #expect(errors(rules, hpmc([g1, g2, teacher], adviser: adviser)) == ["member_standing"])
        // An individual reviewer is one person.
        var two = own
        two.reviewers = [g1, g2]
        #expect(errors(rules, two) == ["max_members"])
    }

    @Test func aHeadCannotAppointTheCEOsReviewer() {
        let rules = PolicyPreset.named("000-alpha-trust")!.document.appointment
        let ceo = UUID(), head = UUID(), trustee = UUID()
        let standing = standings([(head, [.headteacher]), (trustee, [.trustee])])
        let byHead = ProposedAppointment(category: .ceo, reviewee: ceo, appointer: head, reviewers: [trustee], externalAdviser: nil,
                                         consulted: nil, reason: .initial, standings: standing)
        #expect(errors(rules, byHead) == ["appointer_not_allowed"])
        var byBoard = byHead
        byBoard.appointer = trustee
        byBoard.reviewers = [head]
        #expect(errors(rules, byBoard) == [])
        byBoard.reviewers = [ceo]
        #expect(errors(rules, byBoard) == ["not_reviewee"])
    }

    @Test func lt2AndAspireHeadAppraisers() {
        let lt2 = PolicyPreset.named("002-lt2-trust")!.document.appointment
        let head = UUID(), ceo = UUID(), chair = UUID(), adviser = UUID(), governor = UUID()
        let standing = standings([(ceo, [.ceo]), (chair, [.chairOfTrustees, .trustee]), (adviser, [.externalAdviser]), (governor, [.governor])])
        var proposal = ProposedAppointment(category: .headteacher, reviewee: head, appointer: ceo, reviewers: [ceo, chair],
                                           externalAdviser: adviser, consulted: nil, reason: .initial, standings: standing)
        #expect(errors(lt2, proposal) == [])
        proposal.reviewers = [ceo, governor]
        #expect(errors(lt2, proposal) == ["required_standing"])
        let aspire = PolicyPreset.named("004-aspire-mat")!.document.appointment
        var lgb = ProposedAppointment(category: .headteacher, reviewee: head, appointer: governor, reviewers: [governor],
                                      externalAdviser: nil, consulted: nil, reason: .initial, standings: standing)
        #expect(errors(aspire, lgb) == ["required"]) // 004 §5.1: in consultation with the CEO
        lgb.consulted = ceo
        #expect(errors(aspire, lgb) == [])
        #expect(errors(PolicyPreset.named("001-associate-staff")!.document.appointment, lgb) == ["not_covered"])
        // Only 003 §3.5 provides for re-delegating on concerns; 004's head appraisers cannot be.
        lgb.reason = .concerns
        #expect(errors(aspire, lgb) == ["redelegation_not_allowed"])
    }

    /// Issue 10 item 8: each preset carries its own policy's reading of who reads the record.
    @Test func eachPresetSaysWhoReadsTheRecord() throws {
        func readers(_ id: String) throws -> Set<ConfidentialityRules.Reader> {
            Set(try #require(PolicyPreset.named(id)).document.confidentialityRules.recordReaders)
        }
        // 000 §9.2: senior leaders (quality assurance) and the head.
        #expect(try readers("000-alpha-trust") == [.headOfUnit, .seniorLeaders])
        // 001: each of the reviewer's line managers, and the head or the operations director.
        #expect(try readers("001-associate-staff") == [.headOfUnit, .operationsDirector, .reviewersLineManagers])
        // 003 §1.8: the head and the senior leadership team; §3.2 the HPMC for the head.
        #expect(try readers("003-hampshire-model") == [.headOfUnit, .seniorLeaders, .headsCommittee])
        // 004 §1.3: the CEO takes the head's role for the head.
        #expect(try readers("004-aspire-mat") == [.headOfUnit, .ceoForHeads])
        // No policy shares the record with trust-wide roles as such, or down the whole chain.
        for preset in PolicyPreset.all {
            let readers = preset.document.confidentialityRules.recordReaders
            #expect(readers.allSatisfy { ![.trustRoles, .lineManagementChain].contains($0) })
        }
    }

    /// Issue 10 item 1: appointing yourself as someone else's reviewer.
    @Test func whenTheAppointerMayReview() {
        let hampshire = AppointmentRule.individual(appointedBy: [.headteacher], appointerAsReviewer: .onConcerns)
        // 003 §3.4: normally the line manager; §3.5 otherwise only when concerns arise.
        #expect(hampshire.appointerMayReview(asLineManager: true, reason: .initial))
        #expect(!hampshire.appointerMayReview(asLineManager: false, reason: .change))
        #expect(hampshire.appointerMayReview(asLineManager: false, reason: .concerns))
        // 000 §3.1, 002 §2.2.2, 004 §5.2: whoever decides who reviews may choose themselves.
        let alpha = AppointmentRule.individual(appointedBy: [.headteacher])
        #expect(alpha.appointerMayReview(asLineManager: false, reason: .initial))
        #expect(!AppointmentRule.individual(appointedBy: [.headteacher], appointerAsReviewer: .never)
            .appointerMayReview(asLineManager: true, reason: .initial))
    }
}
