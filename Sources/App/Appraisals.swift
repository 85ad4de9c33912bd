import Domain
import Foundation
import Postgres
import Store

/// Appraisals and reviewer appointments (issue 4 §4).
public struct AppraisalService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(_ filter: AppraisalStore.Filter, page: PageRequest, in trust: UUID, audit: AuditContext) async throws -> Page<Appraisal> {
        let now = environment.clock.now()
        return try await environment.transaction(.trust(trust)) { [environment] db in
            let rows = try db.query(AppraisalStore.listQuery(filter, page: page)).map(AppraisalStore.decode)
            // A list of appraisals is a read of confidential data (who is reviewed by whom).
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "appraisals", resourceId: nil,
                                        subjectPersonId: filter.personId), audit, at: now, on: db)
            return makePage(rows, limit: page.limit, id: \.id)
        }
    }

    /// Reads one appraisal as the caller sees it, and audits the read in the same transaction.
    /// Out of the caller's reach (`RecordPermission.status`) it does not exist: `RecordRefusal`.
    public func read(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Appraisal {
        let now = environment.clock.now()
        return try await environment.onRecord(.appraisal(id), [.status], action: "read", in: trust,
                                              caller: caller) { [environment] _, db in
            guard let appraisal = try AppraisalStore.find(id,
                                                          on: db) else { throw RecordNotFound(resource: "appraisal") }
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "appraisal", resourceId: id,
                                        subjectPersonId: appraisal.personId), caller.audit, at: now, on: db)
            return appraisal
        }
    }

    public func appointments(of appraisal: UUID, in trust: UUID,
                             caller: RecordCaller) async throws -> [ReviewerAppointment] {
        let now = environment.clock.now()
        return try await environment.onRecord(.appraisal(appraisal), [.status], action: "read", in: trust,
                                              caller: caller) { [environment] context, db in
            let rows = try AppraisalStore.appointments(of: appraisal, on: db)
            try environment.audit(.init(trustId: trust, action: "read", resourceType: "reviewer_appointments",
                                        resourceId: appraisal,
                                        subjectPersonId: context.facts.personId), caller.audit, at: now, on: db)
            return rows
        }
    }

    /// Appoints (or re-delegates) an appraisal's reviewer under the policy the cycle was opened
    /// with. `appointer` is the person deciding; a caller who may not see the appraisal at all
    /// is told it does not exist (`RecordPermission.status`). Any broken rule is a 422 and nothing is
    /// written: a caller who may see the appraisal but holds no standing the policy names gets
    /// `appointer_not_allowed`.
    public func appoint(_ input: AppointmentInput, to appraisal: UUID, appointer: UUID,
                        namesSomeoneElse: Bool = false, in trust: UUID,
                        caller: RecordCaller) async throws -> ReviewerAppointment {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        // Whether the policy lets this appointer appoint is the appointment rule's (422) below.
        // The appraisal is locked: appointments to one appraisal are serialised.
        return try await environment.onRecord(.appraisal(appraisal), [.status], action: "appoint_reviewer", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            let facts = context.facts
            let (employment, reviewee, unit) = (facts.employmentId, facts.personId, facts.unitId)
            let named = [appointer] + input.reviewers + [input.externalAdviserId, input.consultedPersonId].compactMap { $0 }
            var standings: [UUID: Set<Standing>] = [:]
            var missing: Set<UUID> = []
            for row in try db.query(AppraisalStore.standingsQuery(people: Array(Set(named)), unit: unit, employment: employment)) {
                let person = try row.decode(UUID.self, "person_id")
                if !(try row.decode(Bool.self, "exists")) { missing.insert(person) }
                let roles = try SnakeCaseJSON.decode([String].self, from: try row.decode(String.self, "roles")).compactMap(Role.init(rawValue:))
                var standing = Self.standings(for: roles)
                if try row.decode(Bool.self, "line_manager") { standing.insert(.lineManager) }
                standings[person] = standing
            }
            if namesSomeoneElse {
                throw ValidationFailure(field: "appointed_by", rule: "self",
                                        message: "must be you, unless you record an appointment as HR or a trust administrator")
            }
            var unknown = Validator()
            unknown.check(!missing.contains(appointer), "appointed_by", "exists", "must be a person of this trust")
            for (index, person) in input.reviewers.enumerated() {
                unknown.check(!missing.contains(person), "reviewers[\(index)]", "exists", "must be a person of this trust")
            }
            if let adviser = input.externalAdviserId { unknown.check(!missing.contains(adviser), "external_adviser_id", "exists", "must be a person of this trust") }
            if let consulted = input.consultedPersonId { unknown.check(!missing.contains(consulted), "consulted_person_id", "exists", "must be a person of this trust") }
            try unknown.result()

            let current = try AppraisalStore.appointments(of: appraisal, on: db).first { $0.endedAt == nil }
            let reason = input.reason ?? .initial
            // Replacing a reviewer says why (a change, or concerns: 003 §3.5), so the history does.
            if current != nil && reason == .initial {
                throw ValidationFailure(field: "reason", rule: "already_appointed",
                                        message: "a reviewer is already appointed: send reason change or concerns to replace them")
            }
            let proposal = ProposedAppointment(category: facts.category, reviewee: reviewee, appointer: appointer,
                                               reviewers: input.reviewers, externalAdviser: input.externalAdviserId,
                                               consulted: input.consultedPersonId, reason: reason, standings: standings)
            try context.policy.appointment.check(proposal)
            _ = try AppraisalStore.endCurrentAppointment(appraisal: appraisal, at: now, on: db)
            let appointment = ReviewerAppointment(id: id, appraisalId: appraisal, reviewers: input.reviewers,
                                                  externalAdviserId: input.externalAdviserId, consultedPersonId: input.consultedPersonId,
                                                  appointedBy: appointer, reason: reason, startedAt: now, endedAt: nil)
            try AppraisalStore.insert(appointment, trust: trust, on: db)
            try environment.audit(.init(trustId: trust, action: "appoint_reviewer", resourceType: "appraisal", resourceId: appraisal,
                                        subjectPersonId: reviewee, changedFields: ["reviewer_appointment"]),
                                  caller.audit, at: now, on: db)
            return appointment
        }
    }

    /// The standings role grants give (unit roles only count in the reviewee's unit: the
    /// query already filtered them). A chair is also a member of their body.
    static func standings(for roles: [Role]) -> Set<Standing> {
        var result: Set<Standing> = []
        for role in roles {
            switch role {
            case .headteacher: result.insert(.headteacher)
            case .seniorLeader: result.insert(.seniorLeader)
            case .ceo: result.insert(.ceo)
            case .operationsDirector: result.insert(.operationsDirector)
            case .trustee: result.insert(.trustee)
            case .chairOfTrustees: result.formUnion([.chairOfTrustees, .trustee])
            case .governor: result.insert(.governor)
            case .chairOfGovernors: result.formUnion([.chairOfGovernors, .governor])
            case .hr: result.insert(.hr)
            case .externalAdviser: result.insert(.externalAdviser)
            case .trustAdmin, .committeeMember, .reporting, .payCommitteeMember: break
            }
        }
        return result
    }
}
