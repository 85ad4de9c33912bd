import App
import Foundation
import Testing
import TestSupport

/// Exercises every cell of authorization/matrix.md over real HTTP against the real database.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct AuthorizationMatrixTests {
    struct Row { let method: String; let template: String; let expected: [String] }

    /// A cell's outcome; `403; allow: trustee, governor` lets the listed roles of the
    /// "user: other roles" column have their own.
    static func expected(_ cell: String, role: String?) -> String {
        let parts = cell.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces) }
        for exception in parts.dropFirst() {
            let outcome = exception.prefix { $0 != ":" }
            let roles = exception.drop { $0 != ":" }.dropFirst().split(separator: ",")
            if let role, roles.contains(where: { $0.trimmingCharacters(in: .whitespaces) == role }) {
                return String(outcome)
            }
        }
        return parts[0]
    }

    static func readMatrix() throws -> (columns: [String], rows: [Row]) {
        let text = try String(contentsOf: TestDatabase.repositoryRoot.appendingPathComponent("authorization/matrix.md"), encoding: .utf8)
        let tableLines = text.components(separatedBy: "\n").filter { $0.hasPrefix("| ") }
        func cells(_ line: String) -> [String] {
            line.split(separator: "|").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        }
        let columns = Array(cells(tableLines[0]).dropFirst())
        let rows = tableLines.dropFirst().map { line -> Row in
            let values = cells(line)
            let operation = values[0].split(separator: " ")
            return Row(method: String(operation[0]), template: String(operation[1]), expected: Array(values.dropFirst()))
        }
        return (columns, rows)
    }

    /// The people each fresh fixture is related to, for the relationship columns: the line
    /// manager of its employment, the head of its unit, a colleague in it, its reviewer.
    struct Related {
        let ceo: UUID, managerEmployment: UUID, head: UUID, colleague: UUID, reviewer: UUID
        let reviewerToken: String
        /// Operations director and pay committee member: approves and decides the fixture's pay.
        var payDeciderToken = ""
    }

    static let objectiveBody = #"{"title": "Matrix", "description": "D", "success_criteria": "S", "kind": "role"}"#
    static func observationBody(_ observer: UUID) -> String {
        #"{"kind": "drop_in", "observer_id": "\#(observer)", "observed_at": "2026-11-10T09:00:00Z", "duration_minutes": 30, "focus": "F"}"#
    }
    static let conversationBody = #"{"kind": "autumn", "held_on": "2026-10-14", "wellbeing_consent": true, "wellbeing_notes": "N"}"#
    static let meetingBody = #"{"kind": "planning", "held_on": "2026-11-02"}"#
    /// What 000 §7.3 requires before a statement is issued (`statements.required_sections`).
    static let interimReviewBody = #"{"held_on": "2026-11-20", "progress": [], "support_needed": "Coaching"}"#
    static let statementBody = #"{"objectives_assessment": "O", "standards_assessment": "S", "cpd_and_impact": "C"}"#
    static let developmentBody = #"{"need": "N", "planned_delivery": "P"}"#
    static let concernBody = #"{"raised_on": "2026-11-20", "nature": "N", "seriousness": "significant", "#
        + #""response": "informal_support"}"#
    /// 000 §8.2: straight to capability where concerns are particularly serious.
    static let bypassConcernBody = #"{"raised_on": "2026-11-20", "nature": "N", "seriousness": "serious", "#
        + #""response": "formal_capability", "bypass_reason": "particularly_serious"}"#
    static func capabilityBody(_ concern: UUID?) -> String {
        #"{"concern_id": "\#(concern?.uuidString ?? "-")", "notified_in_writing_on": "2026-11-20", "#
            + #""meeting_on": "2026-11-27", "right_to_be_accompanied_explained": true}"#
    }
    static func supportPlanBody(_ monitor: UUID) -> String {
        #"{"areas_of_concern": "A", "targets": ["T"], "support": [{"kind": "coaching"}], "#
            + #""monitored_by": "\#(monitor)", "monitoring": "M", "starts_on": "2026-11-23"}"#
    }
    static let evidenceBody = #"{"kind": "other", "summary": "S", "standard": "TS1"}"#
    static let payBody = #"{"outcome": "no_progression", "reasons": "R", "recommended_on": "2026-11-20"}"#
    static let payDecisionBody = #"{"outcome": "no_progression", "decided_on": "2026-11-23"}"#
    static let payAppealBody = #"{"lodged_on": "2026-11-24", "grounds": "G"}"#
    static let upperPayRangeBody = #"{"applied_on": "2026-11-20", "evidence": "E"}"#
    static let pdf = "%PDF-1.4\n%%EOF\n"

    /// Makes `preset` the trust's current policy (cycles opened now pin it).
    static func switchPolicy(_ api: TestAPI, _ trust: UUID, to preset: String) async throws {
        let current = await api.send("GET", "/v1/policy", trust: trust)
        let put = await api.send("PUT", "/v1/policy", json: #"{"preset_id": "\#(preset)"}"#, trust: trust,
                                 headers: [("If-Match", current.headers["ETag"] ?? "\"0\"")])
        #expect((200..<300).contains(put.status), "\(put.text)")
    }

    /// Records one cell may read, change or delete, made fresh for each cell.
    struct Fixture {
        let trust: UUID
        var unit: UUID, person: UUID, employment: UUID, spareUnit: UUID, sparePerson: UUID, apiKey: UUID, freshTrust: UUID
        /// An account with a live session, only for the rows that need one (hashing is slow).
        var account: UUID?, email: String?, refreshToken: String?
        var grant: UUID?, identityProvider: UUID?
        var cycle: UUID?, appraisal: UUID?
        var objective: UUID?, observation: UUID?, conversation: UUID?, meeting: UUID?, statement: UUID?
        var interimReview: UUID?
        var concern: UUID?, supportPlan: UUID?, capabilityCase: UUID?
        var payRecommendation: UUID?, payAppeal: UUID?, upperPayRange: UUID?
        var moderationRound: UUID?, moderationItem: UUID?
        /// A webhook subscription, and an event of the feed it delivers (for a replay).
        var webhookSubscription: UUID?, webhookEvent: UUID?
        /// A legal hold on the fixture's person, which they answer for themselves.
        var legalHold: UUID? = nil
        /// A subject access export of the fixture's person, built (issue 17 §8).
        var subjectAccessExport: UUID? = nil
        /// A draft statement sample of the fixture's unit, holding the reviewer's issued statement.
        var statementSample: UUID? = nil
        /// The fixture person's calendar feed token (the path is its own credential).
        var calendarToken: String?
        var development: UUID?, evidence: UUID?, planItem: UUID?
        /// The fixture person's own access token, for the "user: self" column.
        var selfToken: String?

        /// Gives a person an account and logs them in.
        static func login(_ api: TestAPI, person: UUID, in trust: UUID) async throws -> String {
            let email = "matrix-user-\(UUID())@school.example"
            _ = try await api.create("/v1/accounts", #"{"person_id": "\#(person)", "email": "\#(email)", "password": "\#(password)"}"#, trust: trust)
            let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
            return try #require(login.json["access_token"] as? String)
        }

        static let password = "matrix password 123"
        static var providerBody: String {
            #"{"issuer": "https://login.example/\#(UUID())", "audience": "appraise", "match_by": "email", "jwks": {"keys": [{"kty": "EC", "kid": "k1", "crv": "P-256", "x": "AA", "y": "AA"}]}}"#
        }

        static func make(_ api: TestAPI, in trust: UUID, for row: Row, column: String, related: Related) async throws -> Fixture {
            var fixture = try await make(api, in: trust, managedBy: related.managerEmployment)
            if column == "user: head of the unit" {
                _ = try await api.create("/v1/grants", #"{"person_id": "\#(related.head)", "role": "headteacher", "unit_id": "\#(fixture.unit)"}"#, trust: trust)
            }
            if column == "user: colleague" {
                _ = try await api.create("/v1/employments", """
                    {"person_id": "\(related.colleague)", "unit_id": "\(fixture.unit)", "staff_group": "central", "job_title": "Clerk", "start_date": "2025-09-01"}
                    """, trust: trust)
            }
            if column == "user: self" {
                fixture.selfToken = try await Self.login(api, person: fixture.person, in: trust)
            }
            if row.template.hasPrefix("/v1/webhook-subscriptions/") {
                try await webhook(api, &fixture, in: trust)
            }
            if row.template.hasPrefix("/v1/legal-holds/") {
                fixture.legalHold = try await api.create("/v1/legal-holds", Self.legalHoldBody(fixture), trust: trust)
            }
            if row.template.hasPrefix("/v1/subject-access-exports/") {
                let asked = await api.send("POST", "/v1/people/\(fixture.person)/subject-access-exports", trust: trust)
                fixture.subjectAccessExport = UUID(uuidString: asked.json["id"] as? String ?? "")
                try await SubjectAccessExporter(api.environment).runOnce()
            }
            if row.template.hasPrefix("/v1/calendar-feeds/") {
                var person = fixture.selfToken ?? ""
                if fixture.selfToken == nil { person = try await Self.login(api, person: fixture.person, in: trust) }
                let made = await api.send("POST", "/v1/me/calendar-feed",
                                          headers: [("Authorization", "Bearer \(person)")], authorised: false)
                fixture.calendarToken = (made.json["token"] as? String)
            }
            let recordRow = ["/v1/appraisals/", "/v1/objectives/", "/v1/observations/", "/v1/conversations/", "/v1/meetings/",
                             "/v1/development/", "/v1/evidence/", "/v1/statements/", "/v1/interim-reviews/",
                             "/v1/moderation-", "/v1/concerns/", "/v1/support-plans/", "/v1/capability-cases/",
                             "/v1/pay-", "/v1/upper-pay-range-", "/v1/statement-samples"]
                .contains { row.template.hasPrefix($0) }
            if recordRow || column == "user: reviewer" {
                // The fixture's employment is appraised in an open cycle and `related.reviewer` reviews
                // it; conversations need the conversations model, so their cycle opens under 004.
                let conversations = row.template.contains("conversation")
                if conversations { try await AuthorizationMatrixTests.switchPolicy(api, trust, to: "004-aspire-mat") }
                let cycle = try await api.create("/v1/cycles", #"{"name": "Reviewed", "year": 2026, "unit_id": "\#(fixture.unit)"}"#, trust: trust)
                _ = await api.send("POST", "/v1/cycles/\(cycle)/transitions", json: #"{"to": "open"}"#, trust: trust,
                                   headers: [("If-Match", "\"1\"")])
                if conversations { try await AuthorizationMatrixTests.switchPolicy(api, trust, to: "000-alpha-trust") }
                fixture.cycle = cycle
                let list = await api.send("GET", "/v1/appraisals?employment_id=\(fixture.employment)", trust: trust)
                fixture.appraisal = (list.items.first?["id"] as? String).flatMap(UUID.init(uuidString:))
                let appraisal = "/v1/appraisals/\(fixture.appraisal?.uuidString ?? "-")"
                let appointed = await api.send("POST", appraisal + "/reviewer-appointments",
                                               json: #"{"reviewers": ["\#(related.reviewer)"], "appointed_by": "\#(related.ceo)"}"#, trust: trust)
                #expect(appointed.status == 201, "\(appointed.text)")
                // The record's items are the reviewer's.
                let reviewer = [("Authorization", "Bearer \(related.reviewerToken)")]
                func make(_ path: String, _ body: String) async throws -> UUID? {
                    let made = await api.send("POST", appraisal + path, json: body, headers: reviewer, authorised: false)
                    #expect(made.status == 201, "\(path): \(made.text)")
                    return (made.json["id"] as? String).flatMap(UUID.init(uuidString:))
                }
                if row.template.hasPrefix("/v1/objectives/") {
                    fixture.objective = try await make("/objectives", AuthorizationMatrixTests.objectiveBody)
                    if row.template.hasSuffix("/assessment") { // assessed once agreed: the reviewee agrees
                        var reviewee = fixture.selfToken ?? ""
                        if fixture.selfToken == nil { reviewee = try await Self.login(api, person: fixture.person, in: trust) }
                        let agreed = await api.send("POST", "/v1/objectives/\(fixture.objective?.uuidString ?? "-")/transitions",
                                                    json: #"{"to": "agreed"}"#,
                                                    headers: [("Authorization", "Bearer \(reviewee)"), ("If-Match", "\"1\"")], authorised: false)
                        #expect(agreed.json["state"] as? String == "agreed", "\(agreed.text)")
                    }
                }
                if row.template.hasPrefix("/v1/observations/") { fixture.observation = try await make("/observations", AuthorizationMatrixTests.observationBody(related.reviewer)) }
                if row.template.hasPrefix("/v1/conversations/") { fixture.conversation = try await make("/conversations", AuthorizationMatrixTests.conversationBody) }
                if row.template.hasPrefix("/v1/meetings/") { fixture.meeting = try await make("/meetings", AuthorizationMatrixTests.meetingBody) }
                if row.template.hasPrefix("/v1/interim-reviews/") {
                    fixture.interimReview = try await make("/interim-reviews",
                                                           AuthorizationMatrixTests.interimReviewBody)
                }
                if row.template.hasPrefix("/v1/statements/") {
                    fixture.statement = try await Self.statement(api, row, &fixture, make: make, reviewer: reviewer,
                                                                 in: trust)
                }
                if row.template.hasPrefix("/v1/statement-samples") {
                    try await Self.statementSample(api, row, &fixture, make: make, reviewer: reviewer, in: trust)
                }
                if row.template.hasPrefix("/v1/moderation-") {
                    _ = try await make("/statements", AuthorizationMatrixTests.statementBody)
                    try await Self.moderationRound(api, &fixture, moderator: related.colleague, in: trust)
                }
                let support = ["/v1/concerns/", "/v1/support-plans/"].contains { row.template.hasPrefix($0) }
                if support {
                    fixture.concern = try await make("/concerns", AuthorizationMatrixTests.concernBody)
                }
                if row.template.contains("capability-cases") {
                    fixture.concern = try await make("/concerns", AuthorizationMatrixTests.bypassConcernBody)
                }
                if row.template.hasPrefix("/v1/capability-cases/") {
                    fixture.capabilityCase = try await make("/capability-cases",
                                                            AuthorizationMatrixTests.capabilityBody(fixture.concern))
                }
                if row.template.hasPrefix("/v1/support-plans/") {
                    let concern = fixture.concern?.uuidString ?? "-"
                    let made = await api.send("POST", "/v1/concerns/\(concern)/support-plans",
                                              json: AuthorizationMatrixTests.supportPlanBody(related.reviewer),
                                              headers: reviewer, authorised: false)
                    #expect(made.status == 201, "\(made.text)")
                    fixture.supportPlan = (made.json["id"] as? String).flatMap(UUID.init(uuidString:))
                }
                if row.template.hasPrefix("/v1/upper-pay-range-applications/") {
                    var reviewee = fixture.selfToken ?? ""
                    if fixture.selfToken == nil { reviewee = try await login(api, person: fixture.person, in: trust) }
                    let applied = await api.send("POST", appraisal + "/upper-pay-range-applications",
                                                 json: AuthorizationMatrixTests.upperPayRangeBody,
                                                 headers: [("Authorization", "Bearer \(reviewee)")], authorised: false)
                    #expect(applied.status == 201, "\(applied.text)")
                    fixture.upperPayRange = (applied.json["id"] as? String).flatMap(UUID.init(uuidString:))
                }
                if row.template.contains("/pay-recommendation") || row.template.hasPrefix("/v1/pay-") {
                    try await Self.pay(api, row, &fixture, related: related, reviewer: reviewer, in: trust)
                }
                if row.template.hasPrefix("/v1/development/") {
                    fixture.development = try await make("/development", AuthorizationMatrixTests.developmentBody)
                }
                if row.template.hasPrefix("/v1/evidence/") {
                    fixture.evidence = try await make("/evidence", AuthorizationMatrixTests.evidenceBody)
                    let uploaded = await api.send("PUT", "/v1/evidence/\(fixture.evidence?.uuidString ?? "-")/document?filename=f.pdf",
                                                  headers: reviewer, authorised: false, contentType: "application/pdf",
                                                  data: Data(AuthorizationMatrixTests.pdf.utf8))
                    #expect(uploaded.status == 200, "\(uploaded.text)")
                }
            }
            if row.template.hasPrefix("/v1/plan-items/") {
                fixture.planItem = try await api.create("/v1/plan-items", #"{"kind": "trust_priority", "title": "P"}"#, trust: trust)
            }
            if row.template.contains("/v1/identity-providers/") {
                fixture.identityProvider = try await api.create("/v1/identity-providers", Self.providerBody, trust: trust)
            }
            if row.template.hasPrefix("/v1/cycles/") || row.template.hasPrefix("/v1/reports/")
                || row.template == "/v1/governors-report" {
                fixture.cycle = try await api.create("/v1/cycles", #"{"name": "Matrix", "year": 2027, "unit_id": "\#(fixture.unit)"}"#, trust: trust)
            }
            if row.template.contains("/v1/grants/") {
                fixture.grant = try await api.create("/v1/grants", #"{"person_id": "\#(fixture.person)", "role": "reporting"}"#, trust: trust)
            }
            guard row.template.contains("/v1/accounts/") || row.template.hasPrefix("/v1/auth/") else { return fixture }
            let email = "matrix-\(UUID())@school.example"
            fixture.account = try await api.create("/v1/accounts", """
                {"person_id": "\(fixture.sparePerson)", "email": "\(email)", "password": "\(password)"}
                """, trust: trust)
            fixture.email = email
            let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(email)", "password": "\#(password)"}"#, authorised: false)
            fixture.refreshToken = login.json["refresh_token"] as? String
            return fixture
        }

        /// The reviewer's draft statement; issued for the comment row, and signed by the reviewee
        /// too (so locked) for the corrections row.
        static func statement(_ api: TestAPI, _ row: Row, _ fixture: inout Fixture,
                              make: (String, String) async throws -> UUID?, reviewer: [(String, String)],
                              in trust: UUID) async throws -> UUID? {
            let id = try await make("/statements", AuthorizationMatrixTests.statementBody)
            let path = "/v1/statements/\(id?.uuidString ?? "-")/transitions"
            guard row.template.hasSuffix("/comment") || row.template.hasSuffix("/corrections") else { return id }
            let issued = await api.send("POST", path, json: #"{"to": "issued"}"#,
                                        headers: reviewer + [("If-Match", "\"1\"")], authorised: false)
            #expect(issued.status == 200, "\(issued.text)")
            guard row.template.hasSuffix("/corrections") else { return id }
            var reviewee = fixture.selfToken ?? ""
            if fixture.selfToken == nil { reviewee = try await login(api, person: fixture.person, in: trust) }
            let signed = await api.send("POST", path, json: #"{"to": "signed"}"#,
                                        headers: [("Authorization", "Bearer \(reviewee)"), ("If-Match", "\"2\"")],
                                        authorised: false)
            #expect(signed.json["state"] as? String == "locked", "\(signed.text)")
            return id
        }

        /// The reviewer's recommendation (000 §3.1), unless the row makes it; approved by the
        /// operations director for the decision row, decided by the pay committee and appealed
        /// by the employee for the appeal rows.
        static func pay(_ api: TestAPI, _ row: Row, _ fixture: inout Fixture, related: Related,
                        reviewer: [(String, String)], in trust: UUID) async throws {
            guard !(row.method == "POST" && row.template.hasSuffix("/pay-recommendation")) else { return }
            let appraisal = "/v1/appraisals/\(fixture.appraisal?.uuidString ?? "-")"
            let made = await api.send("POST", appraisal + "/pay-recommendation", json: AuthorizationMatrixTests.payBody,
                                      headers: reviewer, authorised: false)
            #expect(made.status == 201, "\(made.text)")
            fixture.payRecommendation = (made.json["id"] as? String).flatMap(UUID.init(uuidString:))
            let path = "/v1/pay-recommendations/\(fixture.payRecommendation?.uuidString ?? "-")"
            let decider = [("Authorization", "Bearer \(related.payDeciderToken)")]
            guard row.template.hasSuffix("/decision") || row.template.hasSuffix("/appeal")
                    || row.template.hasPrefix("/v1/pay-appeals/") else { return }
            let approved = await api.send("PUT", path + "/approval", json: #"{"approved_on": "2026-11-20"}"#,
                                          headers: decider, authorised: false)
            #expect(approved.status == 200, "\(approved.text)")
            guard !row.template.hasSuffix("/decision") else { return }
            let decided = await api.send("PUT", path + "/decision", json: AuthorizationMatrixTests.payDecisionBody,
                                         headers: decider, authorised: false)
            #expect(decided.status == 200, "\(decided.text)")
            guard row.template.hasPrefix("/v1/pay-appeals/") else { return }
            var reviewee = fixture.selfToken ?? ""
            if fixture.selfToken == nil { reviewee = try await login(api, person: fixture.person, in: trust) }
            let appeal = await api.send("POST", path + "/appeal", json: AuthorizationMatrixTests.payAppealBody,
                                        headers: [("Authorization", "Bearer \(reviewee)")], authorised: false)
            #expect(appeal.status == 201, "\(appeal.text)")
            fixture.payAppeal = (appeal.json["id"] as? String).flatMap(UUID.init(uuidString:))
        }

        /// An issued statement in the fixture's cycle and unit, and (for the rows naming one) a
        /// sample of it the platform's administrator drew, as the head would.
        static func statementSample(_ api: TestAPI, _ row: Row, _ fixture: inout Fixture,
                                    make: (String, String) async throws -> UUID?, reviewer: [(String, String)],
                                    in trust: UUID) async throws {
            let statement = try await make("/statements", AuthorizationMatrixTests.statementBody)
            let issued = await api.send("POST", "/v1/statements/\(statement?.uuidString ?? "-")/transitions",
                                        json: #"{"to": "issued"}"#, headers: reviewer + [("If-Match", "\"1\"")],
                                        authorised: false)
            #expect(issued.status == 200, "\(issued.text)")
            guard row.template.contains("{sample_id}") else { return }
            let drawn = await api.send("POST", "/v1/statement-samples", json: sampleBody(fixture), trust: trust)
            fixture.statementSample = (drawn.json["id"] as? String).flatMap(UUID.init(uuidString:))
        }

        static func sampleBody(_ fixture: Fixture) -> String {
            #"{"unit_id": "\#(fixture.unit)", "cycle_id": "\#(fixture.cycle?.uuidString ?? "-")", "size": 3}"#
        }

        static func legalHoldBody(_ fixture: Fixture) -> String {
            #"{"person_id": "\#(fixture.person)", "reason": "grievance", "detail": "Case G-1", "#
                + #""owner_id": "\#(fixture.person)"}"#
        }

        /// A subscription made by the platform administrator, then a change it delivers.
        static func webhook(_ api: TestAPI, _ fixture: inout Fixture, in trust: UUID) async throws {
            fixture.webhookSubscription = try await api.create("/v1/webhook-subscriptions",
                                                               #"{"url": "https://hooks.example.org/matrix"}"#,
                                                               trust: trust)
            _ = try await api.create("/v1/units", #"{"name": "Hooked", "kind": "central_team"}"#, trust: trust)
            let events = await api.send("GET", "/v1/events?type=unit.create&limit=200", trust: trust)
            fixture.webhookEvent = (events.items.last?["id"] as? String).flatMap(UUID.init(uuidString:))
        }

        /// A round of the fixture's unit, opened by the platform administrator, moderated by the
        /// colleague: its one item is the fixture's appraisal (with its draft statement).
        static func moderationRound(_ api: TestAPI, _ fixture: inout Fixture, moderator: UUID,
                                    in trust: UUID) async throws {
            let body = #"{"cycle_id": "\#(fixture.cycle?.uuidString ?? "-")", "unit_id": "\#(fixture.unit)", "#
                + #""subject": "statements", "moderators": ["\#(moderator)"]}"#
            fixture.moderationRound = try await api.create("/v1/moderation-rounds", body, trust: trust)
            let round = await api.send("GET", "/v1/moderation-rounds/\(fixture.moderationRound!)", trust: trust)
            let items = round.json["items"] as? [[String: Any]] ?? []
            #expect(items.count == 1, "\(round.text)")
            fixture.moderationItem = (items.first?["id"] as? String).flatMap(UUID.init(uuidString:))
        }

        static func make(_ api: TestAPI, in trust: UUID, managedBy manager: UUID? = nil) async throws -> Fixture {
            let unit = try await api.create("/v1/units", #"{"name": "U", "kind": "central_team"}"#, trust: trust)
            let person = try await api.create("/v1/people", #"{"given_name": "A", "family_name": "B"}"#, trust: trust)
            let managerField = manager.map { #", "line_manager_id": "\#($0)""# } ?? ""
            let employment = try await api.create("/v1/employments", """
                {"person_id": "\(person)", "unit_id": "\(unit)", "staff_group": "central", "job_title": "Clerk", "start_date": "2025-09-01"\(managerField)}
                """, trust: trust)
            let spareUnit = try await api.create("/v1/units", #"{"name": "Spare", "kind": "central_team"}"#, trust: trust)
            let sparePerson = try await api.create("/v1/people", #"{"given_name": "Spare", "family_name": "P"}"#, trust: trust)
            let apiKey = try await api.create("/v1/api-keys", #"{"name": "K", "scopes": ["staff:read"]}"#, trust: trust)
            return Fixture(trust: trust, unit: unit, person: person, employment: employment, spareUnit: spareUnit,
                           sparePerson: sparePerson, apiKey: apiKey, freshTrust: try await api.makeTrust("Fresh"),
                           account: nil, email: nil, refreshToken: nil, grant: nil, identityProvider: nil, cycle: nil, appraisal: nil,
                           objective: nil, observation: nil, conversation: nil, meeting: nil, statement: nil,
                           interimReview: nil, concern: nil, supportPlan: nil, capabilityCase: nil,
                           payRecommendation: nil, payAppeal: nil, upperPayRange: nil,
                           moderationRound: nil, moderationItem: nil, webhookSubscription: nil, webhookEvent: nil,
                           calendarToken: nil,
                           development: nil, evidence: nil, planItem: nil, selfToken: nil)
        }

        func path(_ row: Row) -> String {
            let deleting = row.method == "DELETE"
            func text(_ id: UUID?) -> String { id?.uuidString.lowercased() ?? "-" }
            let ids: [(String, String)] = [
                ("{trust_id}", text(row.method == "PATCH" ? freshTrust : trust)),
                ("{unit_id}", text(deleting ? spareUnit : unit)),
                ("{person_id}", text(deleting ? sparePerson : person)),
                ("{employment_id}", text(employment)), ("{api_key_id}", text(apiKey)), ("{account_id}", text(account)),
                ("{grant_id}", text(grant)), ("{identity_provider_id}", text(identityProvider)),
                ("{preset_id}", "003-hampshire-model"), ("{version}", "1"), ("{academic_year}", "2026"),
                ("{cycle_id}", text(cycle)), ("{appraisal_id}", text(appraisal)), ("{objective_id}", text(objective)),
                ("{observation_id}", text(observation)), ("{conversation_id}", text(conversation)), ("{meeting_id}", text(meeting)),
                ("{framework_id}", "teachers_standards_2011"), ("{development_id}", text(development)),
                ("{evidence_id}", text(evidence)), ("{plan_item_id}", text(planItem)),
                ("{statement_id}", text(statement)), ("{interim_review_id}", text(interimReview)),
                ("{round_id}", text(moderationRound)), ("{item_id}", text(moderationItem)),
                ("{concern_id}", text(concern)), ("{support_plan_id}", text(supportPlan)),
                ("{capability_case_id}", text(capabilityCase)),
                ("{pay_recommendation_id}", text(payRecommendation)), ("{pay_appeal_id}", text(payAppeal)),
                ("{upper_pay_range_application_id}", text(upperPayRange)),
                ("{subscription_id}", text(webhookSubscription)), ("{token}", calendarToken ?? "-"),
                ("{file}", "swagger-ui.css"), ("{report}", "completion"), ("{legal_hold_id}", text(legalHold)),
                ("{export_id}", text(subjectAccessExport)), ("{sample_id}", text(statementSample)),
            ]
            var path = row.template
            for (parameter, value) in ids { path = path.replacingOccurrences(of: parameter, with: value) }
            switch row.template {
            case "/v1/me/permissions": return path + "?resource=/v1/units/\(text(unit))"
            case "/v1/bank-holidays": return path + "?year=2026"
            case "/v1/reports/{report}": return path + "?cycle_id=\(text(cycle))"
            case "/v1/governors-report": return path + "?cycle_id=\(text(cycle))"
            case "/v1/policy/resolved": return path + "?unit_id=\(text(unit))&staff_group=teacher"
            case "/v1/evidence/{evidence_id}/document" where row.method == "PUT": return path + "?filename=new.pdf"
            default: return path
            }
        }
    }

    static let schoolYear = """
        {"terms": [
          {"name": "autumn", "start_date": "2026-09-02", "end_date": "2026-12-18", "half_term_start_date": "2026-10-26", "half_term_end_date": "2026-10-30"},
          {"name": "spring", "start_date": "2027-01-05", "end_date": "2027-03-25", "half_term_start_date": "2027-02-15", "half_term_end_date": "2027-02-19"},
          {"name": "summer", "start_date": "2027-04-12", "end_date": "2027-07-21", "half_term_start_date": "2027-05-31", "half_term_end_date": "2027-06-04"}]}
        """

    /// The trust's CEO, who appoints central staff's reviewers under preset 000 (000 §3.1).
    nonisolated(unsafe) static var ceoPerson = UUID()

    static func body(_ row: Row, refs: Fixture, own: Fixture) -> String? {
        switch (row.method, row.template) {
        case ("POST", "/v1/auth/token"): return #"{"email": "\#(own.email ?? "")", "password": "\#(Fixture.password)"}"#
        case ("POST", "/v1/auth/refresh"), ("POST", "/v1/auth/logout"): return #"{"refresh_token": "\#(own.refreshToken ?? "")"}"#
        case ("POST", "/v1/accounts"):
            return #"{"person_id": "\#(refs.person)", "email": "new-\#(UUID())@school.example", "password": "\#(Fixture.password)"}"#
        case ("PATCH", "/v1/accounts/{account_id}"): return #"{"disabled": true}"#
        case ("PATCH", "/v1/api-keys/{api_key_id}"): return #"{"rate_limit_per_minute": 300}"#
        case ("POST", "/v1/grants"): return #"{"person_id": "\#(refs.person)", "role": "trustee"}"#
        case ("POST", "/v1/identity-providers"): return Fixture.providerBody
        case ("POST", "/v1/trusts"): return #"{"name": "Matrix Trust", "kind": "multi_academy_trust"}"#
        case ("POST", "/v1/units"): return #"{"name": "New", "kind": "central_team"}"#
        case ("POST", "/v1/people"): return #"{"given_name": "New", "family_name": "Person"}"#
        case ("POST", "/v1/employments"):
            return """
                {"person_id": "\(refs.person)", "unit_id": "\(refs.unit)", "staff_group": "support", "job_title": "TA", "start_date": "2025-09-01"}
                """
        case ("POST", "/v1/api-keys"): return #"{"name": "New key", "scopes": ["staff:read"]}"#
        case ("POST", "/v1/legal-holds"): return Fixture.legalHoldBody(refs)
        case ("POST", "/v1/statement-samples"): return Fixture.sampleBody(refs)
        case ("PATCH", "/v1/statement-samples/{sample_id}"): return #"{"items": []}"#
        case ("POST", "/v1/statement-samples/{sample_id}/release"): return #"{"redaction_confirmed": true}"#
        case ("PATCH", "/v1/legal-holds/{legal_hold_id}"): return #"{"released": true}"#
        case ("POST", "/v1/webhook-subscriptions"): return #"{"url": "https://hooks.example.org/new"}"#
        case ("PATCH", "/v1/webhook-subscriptions/{subscription_id}"): return #"{"description": "Renamed"}"#
        case ("POST", "/v1/webhook-subscriptions/{subscription_id}/replays"):
            return #"{"event_id": "\#(own.webhookEvent?.uuidString ?? "-")"}"#
        case ("POST", "/v1/staff-sync"):
            return #"{"people": [{"external_id": "matrix-\#(UUID())", "given_name": "N", "family_name": "P"}]}"#
        case ("PATCH", "/v1/trusts/{trust_id}"), ("PATCH", "/v1/units/{unit_id}"): return #"{"name": "Renamed"}"#
        case ("PATCH", "/v1/people/{person_id}"): return #"{"given_name": "Renamed"}"#
        case ("PATCH", "/v1/employments/{employment_id}"): return #"{"job_title": "Renamed"}"#
        case ("PUT", "/v1/policy"): return #"{"preset_id": "000-alpha-trust"}"#
        case ("PUT", "/v1/reminder-settings"): return #"{"emails": true, "days_before": 5}"#
        case ("PUT", "/v1/units/{unit_id}/school-years/{academic_year}"): return Self.schoolYear
        case ("POST", "/v1/cycles"): return #"{"name": "New cycle", "year": 2027}"#
        case ("POST", "/v1/cycles/{cycle_id}/transitions"): return #"{"to": "open"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/reviewer-appointments"):
            // The fixture's reviewer is replaced (000 §3.1: the CEO appoints central staff's reviewers).
            return #"{"reviewers": ["\#(own.sparePerson)"], "appointed_by": "\#(ceoPerson)", "reason": "change"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/objectives"): return objectiveBody
        case ("PATCH", "/v1/objectives/{objective_id}"): return #"{"title": "Renamed"}"#
        case ("POST", "/v1/objectives/{objective_id}/transitions"): return #"{"to": "agreed"}"#
        case ("PUT", "/v1/objectives/{objective_id}/assessment"): return #"{"outcome": "met"}"#
        case ("POST", "/v1/objectives/{objective_id}/progress-notes"): return #"{"note": "Progress"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/observations"): return observationBody(own.sparePerson)
        case ("POST", "/v1/observations/{observation_id}/feedback"): return #"{"kind": "verbal", "given_at": "2026-11-11T09:00:00Z"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/conversations"): return #"{"kind": "mid_year", "held_on": "2026-11-20"}"#
        case ("PUT", "/v1/conversations/{conversation_id}/wellbeing"): return #"{"consent": true, "notes": "Updated"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/meetings"): return meetingBody
        case ("PUT", "/v1/meetings/{meeting_id}/record"): return #"{"record": "Notes of the meeting"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/interim-reviews"): return interimReviewBody
        case ("PUT", "/v1/interim-reviews/{interim_review_id}/comment"): return #"{"comment": "Thank you"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/concerns"): return concernBody
        case ("PUT", "/v1/concerns/{concern_id}/confirmation"): return #"{"confirmed_in_writing_on": "2026-11-20"}"#
        case ("PUT", "/v1/concerns/{concern_id}/comment"): return #"{"comment": "My view"}"#
        case ("POST", "/v1/concerns/{concern_id}/support-plans"): return supportPlanBody(own.sparePerson)
        case ("POST", "/v1/support-plans/{support_plan_id}/extensions"):
            return #"{"ends_on": "2027-01-11", "reason": "significant_improvement"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/capability-cases"): return capabilityBody(own.concern)
        case ("PUT", "/v1/capability-cases/{capability_case_id}/end"): return #"{"ended_on": "2026-11-30"}"#
        case ("POST", "/v1/support-plans/{support_plan_id}/pauses"):
            return #"{"reason": "sickness", "from": "2026-11-24", "occupational_health_referral_on": "2026-11-25"}"#
        case ("POST", "/v1/support-plans/{support_plan_id}/resumptions"): return #"{"on": "2026-11-26"}"#
        case ("PUT", "/v1/support-plans/{support_plan_id}/consequences"): return #"{"explained_on": "2026-11-23"}"#
        case ("PUT", "/v1/support-plans/{support_plan_id}/outcome"):
            return #"{"outcome": "improved", "on": "2026-11-30"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/statements"): return statementBody
        case ("PATCH", "/v1/statements/{statement_id}"): return #"{"evidence_summary": "E"}"#
        case ("POST", "/v1/statements/{statement_id}/transitions"): return #"{"to": "issued"}"#
        case ("PUT", "/v1/statements/{statement_id}/comment"): return #"{"comment": "My comment"}"#
        case ("POST", "/v1/statements/{statement_id}/corrections"): return #"{"reason": "A date was wrong"}"#
        case ("POST", "/v1/moderation-rounds"):
            return #"{"cycle_id": "\#(own.cycle?.uuidString ?? "-")", "unit_id": "\#(own.unit)", "#
                + #""subject": "statements", "moderators": ["\#(own.sparePerson)"]}"#
        case ("POST", "/v1/moderation-items/{item_id}/transitions"): return #"{"to": "agreed"}"#
        case ("POST", "/v1/plan-items"): return #"{"kind": "trust_priority", "title": "New priority"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/development"): return developmentBody
        case ("PATCH", "/v1/development/{development_id}"): return #"{"completed_on": "2026-11-20"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/evidence"): return evidenceBody
        case ("PUT", "/v1/evidence/{evidence_id}/document"): return pdf
        case ("POST", "/v1/appraisals/{appraisal_id}/pay-recommendation"),
             ("PUT", "/v1/pay-recommendations/{pay_recommendation_id}"): return payBody
        case ("PUT", "/v1/pay-recommendations/{pay_recommendation_id}/approval"):
            return #"{"approved_on": "2026-11-20"}"#
        case ("PUT", "/v1/pay-recommendations/{pay_recommendation_id}/decision"): return payDecisionBody
        case ("POST", "/v1/pay-recommendations/{pay_recommendation_id}/appeal"): return payAppealBody
        case ("PUT", "/v1/pay-appeals/{pay_appeal_id}/hearing"): return #"{"hearing_on": "2026-11-25"}"#
        case ("PUT", "/v1/pay-appeals/{pay_appeal_id}/outcome"):
            return #"{"outcome": "dismissed", "outcome_on": "2026-11-25"}"#
        case ("POST", "/v1/appraisals/{appraisal_id}/upper-pay-range-applications"): return upperPayRangeBody
        case ("PUT", "/v1/upper-pay-range-applications/{upper_pay_range_application_id}/decision"):
            return #"{"outcome": "declined", "decided_on": "2026-11-21", "reasons": "R"}"#
        case ("POST", "/v1/employments/{employment_id}/pay-points"):
            return #"{"pay_range": "support", "point": "SCP 5", "effective_from": "2026-09-01"}"#
        case ("PUT", "/v1/people/{person_id}/protected-characteristics"): return #"{"sex": "female"}"#
        default: return nil
        }
    }

    @Test func everyCellOfTheMatrixHoldsOverHTTP() async throws {
        let (columns, rows) = try Self.readMatrix()
        let api = TestAPI()
        let documented = Set(rows.map { "\($0.method) \($0.template)" })
        #expect(documented == Set(api.api.routeTable), "authorization/matrix.md must have exactly one row per route")
        #expect(columns.count == 18)

        let server = try await TestServer(api: api)
        let trust = try await api.makeTrust("Matrix A")
        let otherTrust = try await api.makeTrust("Matrix B")
        func key(_ trust: UUID, _ scope: String) async throws -> String {
            let response = await api.send("POST", "/v1/api-keys", json: #"{"name": "matrix", "scopes": ["\#(scope)"]}"#, trust: trust)
            return try #require(response.json["key"] as? String)
        }
        func userToken(_ trust: UUID, role: String? = nil, unit: UUID? = nil, person existing: UUID? = nil) async throws -> String {
            var person = existing ?? UUID()
            if existing == nil { person = try await api.create("/v1/people", #"{"given_name": "Matrix", "family_name": "User"}"#, trust: trust) }
            if let role {
                let unitField = unit.map { #", "unit_id": "\#($0)""# } ?? ""
                _ = try await api.create("/v1/grants", #"{"person_id": "\#(person)", "role": "\#(role)"\#(unitField)}"#, trust: trust)
            }
            return try await Fixture.login(api, person: person, in: trust)
        }
        // Trust A runs preset 000; its CEO appoints central staff's reviewers.
        _ = await api.send("PUT", "/v1/policy", json: #"{"preset_id": "000-alpha-trust"}"#, trust: trust)
        Self.ceoPerson = try await api.create("/v1/people", #"{"given_name": "Chief", "family_name": "Exec"}"#, trust: trust)
        let elsewhere = try await api.create("/v1/units", #"{"name": "Elsewhere", "kind": "school", "urn": "\#(Int.random(in: 100000...999999))"}"#, trust: trust)
        let manager = try await api.create("/v1/people", #"{"given_name": "Line", "family_name": "Manager"}"#, trust: trust)
        let reviewerPerson = try await api.create("/v1/people", #"{"given_name": "Re", "family_name": "Viewer"}"#, trust: trust)
        var related = Related(
            ceo: Self.ceoPerson,
            managerEmployment: try await api.create("/v1/employments", """
                {"person_id": "\(manager)", "unit_id": "\(elsewhere)", "staff_group": "central", "job_title": "Manager", "start_date": "2020-09-01"}
                """, trust: trust),
            head: try await api.create("/v1/people", #"{"given_name": "Head", "family_name": "Teacher"}"#, trust: trust),
            colleague: try await api.create("/v1/people", #"{"given_name": "Col", "family_name": "League"}"#, trust: trust),
            reviewer: reviewerPerson, reviewerToken: try await Fixture.login(api, person: reviewerPerson, in: trust))
        let payDecider = try await api.create("/v1/people", #"{"given_name": "Pay", "family_name": "Decider"}"#,
                                              trust: trust)
        _ = try await api.create("/v1/grants", #"{"person_id": "\#(payDecider)", "role": "pay_committee_member"}"#,
                                 trust: trust)
        related.payDeciderToken = try await userToken(trust, role: "operations_director", person: payDecider)
        // Roles that give nothing towards an unrelated record: each is run through every cell of
        // the "user: other roles" column. Unit roles are held in another school.
        let otherRoles: [(String, UUID?)] = [("trustee", nil), ("chair_of_trustees", nil), ("governor", elsewhere),
                                             ("chair_of_governors", elsewhere), ("senior_leader", elsewhere),
                                             ("committee_member", nil), ("external_adviser", nil), ("reporting", nil)]
        var credentials: [String: [[(String, String)]]] = [
            "anonymous": [[]],
            "wrong token": [[("Authorization", "Bearer not-a-credential")]],
            "platform admin": [[("Authorization", "Bearer \(TestAPI.adminToken)"), ("Appraise-Trust-Id", trust.uuidString)]],
            "key staff:read": [[("Authorization", "Bearer \(try await key(trust, "staff:read"))")]],
            "key staff:write": [[("Authorization", "Bearer \(try await key(trust, "staff:write"))")]],
            "key reports:read": [[("Authorization", "Bearer \(try await key(trust, "reports:read"))")]],
            "other trust's key": [[("Authorization", "Bearer \(try await key(otherTrust, "staff:write"))")]],
            "user, no role": [[("Authorization", "Bearer \(try await userToken(trust))")]],
            "user: trust admin": [[("Authorization", "Bearer \(try await userToken(trust, role: "trust_admin"))")]],
            "user: HR": [[("Authorization", "Bearer \(try await userToken(trust, role: "hr"))")]],
            "user: CEO": [[("Authorization", "Bearer \(try await userToken(trust, role: "ceo", person: Self.ceoPerson))")]],
            "user: operations director": [[("Authorization", "Bearer \(try await userToken(trust, role: "operations_director"))")]],
            "user: line manager": [[("Authorization", "Bearer \(try await userToken(trust, person: manager))")]],
            "user: head of the unit": [[("Authorization", "Bearer \(try await userToken(trust, person: related.head))")]],
            "user: reviewer": [[("Authorization", "Bearer \(related.reviewerToken)")]],
            "user: colleague": [[("Authorization", "Bearer \(try await userToken(trust, person: related.colleague))")]],
            "user: self": [[]], // the fixture's own person, logged in per cell
        ]
        credentials["user: other roles"] = try await otherRoles.asyncMap { role, unit in
            [("Authorization", "Bearer \(try await userToken(trust, role: role, unit: unit))")]
        }
        let otherFixture = try await Fixture.make(api, in: otherTrust)

        var cells = 0
        for row in rows {
            for (column, cell) in zip(columns, row.expected) {
                for (index, var headers) in try #require(credentials[column]).enumerated() {
                    let role = column == "user: other roles" ? otherRoles[index].0 : nil
                    let expected = Self.expected(cell, role: role)
                    let fixture = try await Fixture.make(api, in: trust, for: row, column: column, related: related)
                    let refs = column == "other trust's key" ? otherFixture : fixture
                    if let token = fixture.selfToken { headers = [("Authorization", "Bearer \(token)")] }
                    let body = Self.body(row, refs: refs, own: fixture)
                    if body != nil {
                        headers.append(("Content-Type", row.template.hasSuffix("/document") ? "application/pdf" : "application/json"))
                    }
                    if row.method == "PATCH" || row.method == "DELETE" || row.template.hasSuffix("/transitions")
                        || row.template.hasSuffix("/release") {
                        headers.append(("If-Match", "\"1\""))
                    }
                    if row.method == "PUT", let etag = await api.send("GET", fixture.path(row), trust: trust).headers["ETag"] {
                        headers.append(("If-Match", etag)) // replacing needs the current version
                    }
                    let response = try await Self.http(server, row.method, fixture.path(row), headers: headers, body: body)
                    let outcome = (200..<300).contains(response.status) ? "allow" : String(response.status)
                    #expect(outcome == expected, "\(row.method) \(row.template) as \(column): \(response.status) \(response.text)")
                }
                cells += 1
            }
        }
        #expect(cells == rows.count * columns.count)
        await server.stop()
    }

    static func http(_ server: TestServer, _ method: String, _ path: String, headers: [(String, String)],
                     body: String?) async throws -> TestResponse {
        let client = try server.client()
        var request = "\(method) \(path) HTTP/1.1\r\nHost: test\r\n"
        for (name, value) in headers { request += "\(name): \(value)\r\n" }
        request += "Content-Length: \(body?.utf8.count ?? 0)\r\n\r\n" + (body ?? "")
        try await client.send(request)
        return try #require(try await client.readResponse())
    }
}

extension Array {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
