import Domain
import Foundation
import Postgres
import Store

/// Opening cycles and enrolling the eligible (issue 4 §3).
public struct CycleService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func create(_ input: CycleInput, in trust: UUID, audit: AuditContext) async throws -> Cycle {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let policy = try PolicyStore.current(on: db) else {
                throw ValidationFailure(field: "year", rule: "policy_required", message: "the trust has no policy yet: PUT /v1/policy first")
            }
            if let unit = input.unitId, try UnitStore.find(unit, on: db) == nil {
                throw ValidationFailure(field: "unit_id", rule: "exists", message: "must be a unit of this trust")
            }
            let cycle = Cycle(id: id, trustId: trust, name: input.name, year: input.year, unitId: input.unitId, staffGroup: input.staffGroup,
                              state: .planned, policyVersionId: policy.id, policyVersion: policy.version, enrolledCount: 0, excludedCount: 0,
                              openedAt: nil, version: 1, createdAt: now, updatedAt: now)
            try CycleStore.insert(cycle, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "cycle", resourceId: id,
                                        changedFields: FieldNames.set(input)), audit, at: now, on: db)
            return cycle
        }
    }

    public func get(_ id: UUID, in trust: UUID) async throws -> Cycle? {
        try await environment.pool.read(trustID: trust, CycleStore.findQuery(id), CycleStore.decode).first
    }

    public func list(year: Int?, state: Cycle.State?, updatedSince: Date? = nil, page: PageRequest,
                     in trust: UUID) async throws -> Page<Cycle> {
        let query = CycleStore.listQuery(year: year, state: state, updatedSince: updatedSince, page: page)
        let cycles = try await environment.pool.read(trustID: trust, query, CycleStore.decode)
        return makePage(cycles, limit: page.limit, id: \.id)
    }

    public enum TransitionResult: Sendable {
        case moved(Cycle)
        case notFound, stale
    }

    /// Moves a cycle on; opening it pins the current policy and enrols everyone in scope.
    public func transition(_ id: UUID, to state: Cycle.State, reason: String? = nil, expectedVersion: Int,
                           in trust: UUID, audit: AuditContext) async throws -> TransitionResult {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            guard let cycle = try CycleStore.find(id, forUpdate: true, on: db) else { return .notFound }
            guard cycle.state.canMove(to: state) else {
                throw ValidationFailure(field: "to", rule: "transition",
                                        message: "a \(cycle.state.rawValue) cycle cannot become \(state.rawValue)")
            }
            guard cycle.version == expectedVersion else { return .stale }
            var changed = ["state"]
            if cycle.state == .closing && state == .closed {
                changed += try checkStatementsLocked(cycle, reason: reason, on: db)
            }
            if cycle.state == .planned && state == .open {
                guard let policy = try PolicyStore.current(on: db) else { throw ValidationFailure(field: "to", rule: "policy_required", message: "the trust has no policy") }
                let counts = try enrol(cycle, under: policy, at: now, on: db)
                try carryForward(cycle, under: policy.document, audit: audit, at: now, on: db)
                try CycleStore.move(id, to: state, policyVersionId: policy.id, counts: counts, opened: now, at: now, on: db)
            } else {
                try CycleStore.move(id, to: state, at: now, on: db)
            }
            // The feed's `cycle.open` and `cycle.close` (issue 16 §3) are these actions.
            let action = state == .open ? "open" : state == .closed ? "close" : "transition"
            try environment.audit(.init(trustId: trust, action: action, resourceType: "cycle", resourceId: id,
                                        changedFields: changed), audit, at: now, on: db)
            return .moved(try CycleStore.find(id, on: db)!)
        }
    }

    /// Issue 13 §4: a cycle of the objectives model closes once every appraisal's statement is
    /// locked, or with the closer's reason, kept on the cycle with how many were not.
    private func checkStatementsLocked(_ cycle: Cycle, reason: String?, on db: Connection) throws -> [String] {
        guard try PolicyStore.byID(cycle.policyVersionId, on: db)?.document.model == .objectives else { return [] }
        let unlocked = try CycleStore.unlockedStatements(cycle: cycle.id, on: db)
        guard unlocked > 0 else { return [] }
        guard let reason, !reason.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw ValidationFailure(field: "reason", rule: "statements_unlocked",
                                    message: "\(unlocked) appraisals have no locked statement: "
                                        + "give the reason to close the cycle anyway")
        }
        try CycleStore.recordClose(cycle.id, reason: reason, unlocked: unlocked, on: db)
        return ["close_reason", "unlocked_statements_at_close"]
    }

    /// Decides every employment in scope and writes the appraisals and exclusions in bulk.
    func enrol(_ cycle: Cycle, under policy: PolicyVersion, at now: Date, on db: Connection) throws -> (Int, Int) {
        let candidates = try db.query(CycleStore.candidatesQuery(year: cycle.year, unit: cycle.unitId, staffGroup: cycle.staffGroup,
                                                                 cycle: cycle.id)).map(CycleStore.decodeCandidate)
        let units = Array(Set(candidates.map(\.facts.unitId)))
        let span = (cycle.year - 1)...(cycle.year + 2)
        var yearsByUnit: [UUID: [SchoolYear]] = [:]
        for row in try db.query(SchoolYearStore.forUnitsQuery(units, years: span)) {
            let stored = try SchoolYearStore.decode(row)
            yearsByUnit[stored.unitId, default: []].append(stored.year)
        }
        var calendars: [UUID: WorkingCalendar] = [:]
        struct PolicyKey: Hashable { let unit: UUID; let group: Employment.StaffGroup; let title: String }
        var resolved: [PolicyKey: PolicyDocument] = [:]
        var appraisals: [CycleStore.NewAppraisal] = []
        var exclusions: [CycleStore.NewExclusion] = []
        for candidate in candidates {
            let facts = candidate.facts
            func exclude(_ reason: ExclusionReason, _ detail: String) {
                exclusions.append(.init(employmentId: facts.employmentId, personId: candidate.personId, unitId: facts.unitId,
                                        reason: reason.rawValue, detail: detail))
            }
            if candidate.alreadyEnrolled {
                exclude(.alreadyEnrolled, "already appraised in another \(cycle.year) cycle")
                continue
            }
            let key = PolicyKey(unit: facts.unitId, group: facts.staffGroup, title: candidate.jobTitle.lowercased())
            let document = resolved[key] ?? policy.document.resolved(unitId: facts.unitId, staffGroup: facts.staffGroup, jobTitle: candidate.jobTitle)
            resolved[key] = document
            let citation = PolicyCitation(versionId: policy.id, version: policy.version, presetId: policy.presetId,
                                          document: document)
            let calendar = calendars[facts.unitId] ?? WorkingCalendar(schoolYears: yearsByUnit[facts.unitId] ?? [], span: span)
            calendars[facts.unitId] = calendar
            let period = AppraisalPeriod.cycle(document.cycle, year: cycle.year)
            switch Enrolment.decide(facts, cycle: period, rules: document.eligibility, calendar: calendar) {
            case .excluded(let reason, let detail):
                exclude(reason, detail)
            case .enrolled(let period, let adjustments):
                let category = RevieweeCategory(staffGroup: facts.staffGroup, unitKind: candidate.unitKind)
                appraisals.append(.init(id: environment.newID(), employmentId: facts.employmentId, personId: candidate.personId,
                                        unitId: facts.unitId, category: category.rawValue, periodStart: period.startDate.description,
                                        periodEnd: period.endDate.description, adjustments: adjustments,
                                        deadlines: citation.cite(document.deadlines(for: period, calendar: calendar))))
            }
        }
        try CycleStore.insertEnrolment(cycle: cycle, appraisals: appraisals, exclusions: exclusions, at: now, on: db)
        return (appraisals.count, exclusions.count)
    }

    /// The new-cycle statement (003 §5.3.3, second list; 000 §5.1): each newly enrolled
    /// appraisal whose employment's last locked statement proposed objectives for the next cycle
    /// starts with them as proposals — awaiting both sides' agreement, as any proposal does, up to
    /// the policy's maximum (001: three). One audit event per appraisal, naming no text.
    func carryForward(_ cycle: Cycle, under policy: PolicyDocument, audit: AuditContext, at now: Date,
                      on db: Connection) throws {
        guard policy.model == .objectives, let rules = policy.objectives else { return }
        for proposal in try CarryForwardStore.proposals(cycle: cycle.id, on: db) {
            let comment = "proposed in the statement of \(proposal.statementYear)/\(proposal.statementYear + 1)"
            for content in proposal.objectives.prefix(rules.maxCount ?? proposal.objectives.count) {
                let objective = Objective(id: environment.newID(), trustId: cycle.trustId,
                                          appraisalId: proposal.appraisalId, state: .proposed, content: content,
                                          proposedBy: proposal.proposedBy, agreedByReviewee: false,
                                          agreedByReviewer: false, determinedBy: nil, assessment: nil, version: 1,
                                          createdAt: now, updatedAt: now)
                try ObjectiveStore.insert(objective, on: db)
                try ObjectiveStore.appendHistory(objective, action: "proposed", actor: proposal.proposedBy,
                                                 comment: comment, at: now, on: db)
            }
            try environment.audit(.init(trustId: cycle.trustId, action: "carry_forward_objectives",
                                        resourceType: "objectives", resourceId: proposal.appraisalId,
                                        subjectPersonId: proposal.personId, changedFields: ["objectives"]),
                                  audit, at: now, on: db)
        }
    }

    public struct EnrolmentRow: Sendable, Encodable {
        public var employmentId: UUID
        public var personId: UUID
        public var unitId: UUID
        public var status: String
        public var appraisalId: UUID?
        public var reason: String?
        public var detail: String?
        public var periodStart: CalendarDate?
        public var periodEnd: CalendarDate?
        public var adjustments: [Adjustment]?
    }

    public func enrolment(_ cycle: UUID, status: String?, units: [UUID]?, page: PageRequest, in trust: UUID) async throws -> Page<EnrolmentRow> {
        let rows = try await environment.pool.read(trustID: trust, CycleStore.enrolmentQuery(cycle: cycle, status: status, units: units, page: page)) { row in
            EnrolmentRow(employmentId: try row.decode(UUID.self, "employment_id"), personId: try row.decode(UUID.self, "person_id"),
                         unitId: try row.decode(UUID.self, "unit_id"), status: try row.decode(String.self, "status"),
                         appraisalId: try row.decode(UUID?.self, "appraisal_id"), reason: try row.decode(String?.self, "reason"),
                         detail: try row.decode(String?.self, "detail"), periodStart: try row.decode(CalendarDate?.self, "period_start"),
                         periodEnd: try row.decode(CalendarDate?.self, "period_end"),
                         adjustments: try row.decode(String?.self, "adjustments").map { try SnakeCaseJSON.decode([Adjustment].self, from: $0) })
        }
        return makePage(rows, limit: page.limit, id: \.employmentId)
    }

    public struct Load: Sendable, Encodable {
        public var personId: UUID
        public var appraisals: Int
    }

    public func reviewerLoad(_ cycle: UUID, units: [UUID]?, in trust: UUID) async throws -> [Load] {
        try await environment.pool.read(trustID: trust, CycleStore.reviewerLoadQuery(cycle: cycle, units: units)) { row in
            Load(personId: try row.decode(UUID.self, "person_id"), appraisals: try row.decode(Int.self, "appraisals"))
        }
    }

    /// Where each appraisal of the cycle stands today, counted per unit and staff group, with
    /// the overdue ones listed (issue 13 §4); `units` narrows it to a head's units.
    public func progress(_ cycle: UUID, units: [UUID]?, in trust: UUID) async throws -> CycleProgress {
        let today = London.date(of: environment.clock.now())
        let standings = try await environment.pool.read(trustID: trust,
                                                        CycleProgressStore.standingsQuery(cycle: cycle, units: units),
                                                        CycleProgressStore.decode)
        return CycleProgress(standings, today: today)
    }

    public func headedUnits(by person: UUID, in trust: UUID) async throws -> [UUID] {
        try await environment.pool.read(trustID: trust, CycleStore.headedUnitsQuery(person)) { try $0.decode(UUID.self, "unit_id") }
    }
}
