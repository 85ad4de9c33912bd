import Domain
import Foundation
import Testing

/// The objective rules the HTTP scenarios do not reach on their own: who may determine under
/// each policy, and a policy that forbids revising objectives in year.
struct ObjectiveLifecycleTests {
    func rules(_ preset: String) -> ObjectiveRules {
        PolicyPreset.all.first { $0.id == preset }!.document.objectives!
    }

    func objective(_ state: Objective.State) -> Objective {
        Objective(id: UUID(), trustId: UUID(), appraisalId: UUID(), state: state,
                  content: ObjectiveContent(title: "T", description: "D", successCriteria: "S", kind: .practice),
                  proposedBy: UUID(), agreedByReviewee: state.isSet, agreedByReviewer: true, determinedBy: nil, assessment: nil,
                  version: 1, createdAt: Date(), updatedAt: Date())
    }

    func rule(_ body: () throws -> Void) -> String? {
        do { try body(); return nil } catch let failure as ValidationFailure { return failure.errors.first?.rule } catch is NotAParticipant {
            return "not_a_participant"
        } catch { return "?" }
    }

    static let reviewer = Participation(isReviewee: false, isReviewer: true)
    static let head = Participation(isReviewee: false, isReviewer: false, isHeadOfUnit: true)
    static let operations = Participation(isReviewee: false, isReviewer: false, isOperationsDirector: true)
    static let governor = Participation(isReviewee: false, isReviewer: false, isGovernor: true)

    @Test func whoDeterminesWhatTheSidesCannotAgree() {
        // 000 §5.3: the reviewer alone.
        #expect(Self.reviewer.mayDetermine(rules("000-alpha-trust").disagreementDecidedBy))
        #expect(!Self.head.mayDetermine(rules("000-alpha-trust").disagreementDecidedBy))
        // 001 "Setting Objectives": the headteacher for school staff, the operations director
        // for central staff — neither crosses over — and not the reviewer.
        let associate = rules("001-associate-staff").disagreementDecidedBy
        #expect(Self.head.mayDetermine(associate) && !Self.operations.mayDetermine(associate))
        var centralHead = Self.head, centralOperations = Self.operations
        centralHead.revieweeIsCentral = true
        centralOperations.revieweeIsCentral = true
        #expect(!centralHead.mayDetermine(associate) && centralOperations.mayDetermine(associate))
        #expect(!Self.reviewer.mayDetermine(associate) && !Self.governor.mayDetermine(associate))
        // 003 §4.1: the governing body sets the head's objectives.
        #expect(Self.governor.mayDetermine(.governingBody) && !Self.head.mayDetermine(.governingBody))
        #expect(!Self.governor.mayDetermine(rules("003-hampshire-model").disagreementDecidedBy))
    }

    @Test func aPolicyWithoutInYearRevisionKeepsSetObjectives() {
        var fixed = rules("000-alpha-trust")
        fixed.revisableInYear = false
        let agreed = objective(.agreed)
        let revision = ObjectiveRevision(content: agreed.content, reason: "New timetable")
        #expect(rule { _ = try ObjectiveLifecycle.revise(agreed, with: revision, rules: fixed, by: Self.reviewer) } == "revisable")
        #expect(rule { _ = try ObjectiveLifecycle.transition(agreed, to: .withdrawn, comment: "x", rules: fixed, liveKinds: [],
                                                             by: Self.reviewer) } == "transition")
        // 000 §5.5 allows it, with a reason.
        let revisable = rules("000-alpha-trust")
        #expect(rule { _ = try ObjectiveLifecycle.revise(agreed, with: revision, rules: revisable, by: Self.reviewer) } == nil)
        #expect(rule { _ = try ObjectiveLifecycle.transition(agreed, to: .withdrawn, comment: nil, rules: revisable, liveKinds: [],
                                                             by: Self.reviewer) } == "required")
        // A proposal is still the sides' to change whatever the policy says of set objectives.
        #expect(rule { _ = try ObjectiveLifecycle.revise(objective(.proposed), with: revision, rules: fixed, by: Self.reviewer) } == nil)
        #expect(rule { _ = try ObjectiveLifecycle.revise(objective(.proposed), with: revision, rules: fixed, by: Self.head) }
            == "not_a_participant")
    }
}
