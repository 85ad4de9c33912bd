import Domain
import Foundation
import Postgres
import Store

/// The demo trust's appraisal year, built through the same use cases a front would call, so
/// every rule and audit event applies: Riverside runs preset 000, its 2026/27 cycle is open,
/// the deputy reviews a class teacher and has proposed an objective. The head, the deputy
/// and the teacher can log in (`DemoAppraisalYear.logins`, printed by `make run`).
public struct DemoAppraisalYear: Sendable {
    public static let password = "demo password 2026"
    /// Email → role in the demo, for the start-up message.
    public static let logins: [(email: String, who: String)] = [
        ("staff5@demo-trust.example", "Riverside headteacher"),
        ("staff6@demo-trust.example", "Riverside deputy head, reviewer of staff7"),
        ("staff7@demo-trust.example", "Riverside class teacher"),
    ]

    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Builds the year once; returns false when it is already there (its logins exist).
    @discardableResult
    public func load() async throws -> Bool {
        let trust = DemoTrust.trustID
        let audit = AuditContext.system
        let existing = try await environment.pool.read(trustID: trust,
                                                       DemoStore.accountExistsQuery(email: Self.logins[0].email)) {
            try $0.decode(Int.self, "one")
        }
        if !existing.isEmpty { return false }
        func person(_ email: String) async throws -> (person: UUID, employment: UUID, unit: UUID) {
            let rows = try await environment.pool.read(trustID: trust, DemoStore.staffQuery(email: email),
                                                       DemoStore.decodeStaff)
            guard let found = rows.first else { throw RecordNotFound(resource: "demo person \(email)") }
            return found
        }
        let head = try await person(Self.logins[0].email), deputy = try await person(Self.logins[1].email)
        let teacher = try await person(Self.logins[2].email)
        _ = try await PolicyService(environment).put(PolicyInput(presetId: "000-alpha-trust"), expectedVersion: nil, in: trust, audit: audit)
        _ = try await GrantService(environment).create(GrantInput(personId: head.person, role: .headteacher, unitId: head.unit), in: trust, audit: audit)
        for (email, _) in Self.logins {
            let who = try await person(email)
            _ = try await AccountService(environment).create(AccountInput(personId: who.person, email: email, password: Self.password),
                                                             in: trust, audit: audit)
        }
        let cycles = CycleService(environment)
        let cycle = try await cycles.create(CycleInput(name: "Riverside 2026/27", year: 2026, unitId: head.unit), in: trust, audit: audit)
        _ = try await cycles.transition(cycle.id, to: .open, expectedVersion: cycle.version, in: trust, audit: audit)
        let appraisals = try await AppraisalService(environment).list(AppraisalStore.Filter(employmentId: teacher.employment),
                                                                      page: PageRequest(), in: trust, audit: audit)
        guard let appraisal = appraisals.items.first else { return true }
        _ = try await AppraisalService(environment).appoint(AppointmentInput(reviewers: [deputy.person]), to: appraisal.id,
                                                            appointer: head.person, in: trust,
                                                            caller: RecordCaller(person: nil, audit: audit))
        _ = try await ObjectiveService(environment).propose(
            ObjectiveContent(title: "Questioning in Year 4 maths", description: "Use hinge questions to check understanding mid-lesson.",
                             successCriteria: "Seen in two observed lessons; fewer pupils needing same-day intervention.",
                             milestones: [Objective.Milestone(description: "Mid-year review", dueDate: CalendarDate(year: 2027, month: 2, day: 12))],
                             dueDate: CalendarDate(year: 2027, month: 7, day: 16), kind: .practice, standards: ["TS4", "TS6"]),
            appraisal: appraisal.id, in: trust, caller: RecordCaller(person: deputy.person, audit: audit))
        return true
    }
}
