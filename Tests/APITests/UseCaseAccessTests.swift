import App
import Domain
import Foundation
import Testing
import TestSupport

/// Issue 11 §1: who may read, write, determine and appoint is decided in the use cases, not
/// by the routes — so an entry point that is not HTTP (a worker, a report, an export, a sync)
/// cannot skip it. These tests call the use cases directly, with no HTTP in between.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct UseCaseAccessTests: PresetScenario {
    let api = TestAPI()

    func caller(_ person: UUID?) -> RecordCaller {
        RecordCaller(person: person, audit: AuditContext(actor: AuditContext.system.actor, requestID: "use-case-test",
                                                         clientAddress: nil))
    }

    /// A person of the trust unrelated to the appraisal: a colleague in another unit.
    @Test func anUnrelatedCallerIsRefusedByEveryRecordUseCase() async throws {
        var t = try await makeTrust(preset: "000-alpha-trust")
        try await employ(&t, "stranger", unit: t.central, group: "central", title: "Payroll Officer", manager: "ops")
        let (appraisals, _) = try await open(t, year: 2033)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = UUID(uuidString: appraisals["teacher"]!["id"] as! String)!
        let environment = api.environment
        let stranger = caller(t.people["stranger"]!)
        let reviewer = caller(t.people["deputy"]!)
        let objective = try await ObjectiveService(environment).propose(Self.content, appraisal: appraisal, in: t.id,
                                                                         caller: reviewer)

        func hidden(_ body: () async throws -> Void) async -> Bool {
            do {
                try await body()
                return false
            } catch let refusal as RecordRefusal {
                return refusal.isHidden
            } catch {
                return false
            }
        }
        let objectives = ObjectiveService(environment), status = AppraisalService(environment)
        let page = PageRequest()
        #expect(await hidden {
            _ = try await objectives.list(appraisal: appraisal, page: page, in: t.id, caller: stranger)
        })
        #expect(await hidden { _ = try await objectives.get(objective.id, in: t.id, caller: stranger) })
        #expect(await hidden { _ = try await objectives.history(objective.id, in: t.id, caller: stranger) })
        #expect(await hidden {
            _ = try await objectives.propose(Self.content, appraisal: appraisal, in: t.id, caller: stranger)
        })
        #expect(await hidden {
            let note = try SnakeCaseJSON.decode(ProgressNoteInput.self, from: #"{"note": "Seen"}"#)
            _ = try await objectives.addNote(note, to: objective.id, in: t.id, caller: stranger)
        })
        #expect(await hidden {
            let observations = ObservationService(environment)
            _ = try await observations.list(appraisal: appraisal, page: page, in: t.id, caller: stranger)
        })
        #expect(await hidden {
            _ = try await MeetingService(environment).list(appraisal: appraisal, in: t.id, caller: stranger)
        })
        #expect(await hidden {
            _ = try await EvidenceService(environment).list(appraisal: appraisal, in: t.id, caller: stranger)
        })
        #expect(await hidden {
            _ = try await DevelopmentService(environment).list(appraisal: appraisal, in: t.id, caller: stranger)
        })
        #expect(await hidden { _ = try await status.read(appraisal, in: t.id, caller: stranger) })
        #expect(await hidden { _ = try await status.appointments(of: appraisal, in: t.id, caller: stranger) })

        // The same questions, asked without acting, get the same answers.
        let access = RecordAccessService(environment)
        for need in RecordPermission.allCases {
            #expect(try await !access.allows([need], on: .appraisal(appraisal), in: t.id, caller: stranger))
        }
        #expect(try await access.allows([.read, .write], on: .item(.objective, objective.id), in: t.id,
                                        caller: reviewer))
        #expect(try await !access.allows([.appoint], on: .appraisal(appraisal), in: t.id, caller: reviewer))
        #expect(try await access.allows([.appoint], on: .appraisal(appraisal), in: t.id,
                                        caller: caller(t.people["head"]!)))

        // Every refusal above is in the trust's audit log, decided and written by the use case.
        let events = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id).items
        let refused = events.filter {
            $0["outcome"] as? String == "denied" && $0["request_id"] as? String == "use-case-test"
        }
        #expect(refused.count >= 11, "\(refused.count) refusals audited")
    }

    /// Seen by the reviewee but not theirs to do: refused (403), not hidden, and audited.
    @Test func aSideWithoutTheStandingIsRefusedNotHidden() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2034)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        let appraisal = UUID(uuidString: appraisals["teacher"]!["id"] as! String)!
        let input = try SnakeCaseJSON.decode(ObservationInput.self, from: """
            {"kind": "formal_lesson", "observer_id": "\(t.people["deputy"]!)",
             "observed_at": "2034-11-10T10:00:00.000Z",
             "duration_minutes": 40, "focus": "Questioning"}
            """)
        let teacher = caller(t.people["teacher"]!)
        func refused(_ body: () async throws -> Void) async -> Bool {
            do {
                try await body()
                return false
            } catch let refusal as RecordRefusal {
                return !refusal.isHidden
            } catch {
                return false
            }
        }
        // The access decision refuses: observing is the reviewer's or the head's (000 §6).
        #expect(await refused { _ = try await ObservationService(api.environment).create(input, appraisal: appraisal,
                                                                                          in: t.id, caller: teacher) })
        // A rule of the record refuses: the reviewer assesses (000 §5), not the reviewee.
        let objective = try await ObjectiveService(api.environment).propose(Self.content, appraisal: appraisal,
                                                                            in: t.id,
                                                                             caller: teacher)
        let assessment = try SnakeCaseJSON.decode(AssessmentInput.self, from: #"{"outcome": "met"}"#)
        #expect(await refused { _ = try await ObjectiveService(api.environment).assess(objective.id, assessment,
                                                                                        expectedVersion: nil, in: t.id,
                                                                                        caller: teacher) })
        let events = await api.send("GET", "/v1/audit-events?limit=200", trust: t.id).items
        #expect(events.filter { $0["outcome"] as? String == "denied" }.count >= 2)
    }

    static let content = try! SnakeCaseJSON.decode(ObjectiveContent.self, from: """
        {"title": "Reading fluency", "description": "Daily paired reading in Year 3.",
         "success_criteria": "Fluency checks up by a band for most pupils.", "milestones": [],
         "due_date": "2034-07-10", "kind": "practice", "standards": ["TS2"]}
        """)
}
