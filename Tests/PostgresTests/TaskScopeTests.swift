import Foundation
import Store
import Testing

/// `TaskScope`: which of the trust-wide task queries a person's grants and reviews can
/// answer, so that the others are not asked (issue 12, the reminder pass).
@Suite struct TaskScopeTests {
    let unitA = UUID(), unitB = UUID(), reviewed = UUID()

    @Test func aPersonWithNoGrantAndNoReviewAsksNothingOfTheTrust() {
        let scope = TaskScope(grants: [], reviewed: [])
        #expect(!scope.mayDetermineObjectives && !scope.mayRecommendPay && !scope.mayTakePaySteps)
        // An HR grant opens no step of these: HR sees the record but determines and pays nothing.
        let hr = TaskScope(grants: [("hr", nil)], reviewed: [])
        #expect(!hr.mayDetermineObjectives && !hr.mayRecommendPay && !hr.mayTakePaySteps)
    }

    @Test func headsGovernorsReviewersAndTheOperationsDirectorReachTheirOwn() {
        let head = TaskScope(grants: [("headteacher", unitA), ("governor", unitB)], reviewed: [])
        #expect(head.governedUnits == [unitA, unitB] && head.headedUnits == [unitA])
        #expect(head.mayDetermineObjectives && head.mayRecommendPay && head.mayTakePaySteps)

        let governor = TaskScope(grants: [("chair_of_governors", unitB)], reviewed: [])
        #expect(governor.mayDetermineObjectives && !governor.mayRecommendPay && !governor.mayTakePaySteps)

        let reviewer = TaskScope(grants: [], reviewed: [reviewed])
        #expect(reviewer.mayDetermineObjectives && reviewer.mayRecommendPay && !reviewer.mayTakePaySteps)

        let director = TaskScope(grants: [("operations_director", nil)], reviewed: [])
        #expect(director.governedUnits.isEmpty && director.operationsDirector)
        #expect(director.mayDetermineObjectives && director.mayRecommendPay && director.mayTakePaySteps)

        let committee = TaskScope(grants: [("pay_committee_member", nil)], reviewed: [])
        #expect(!committee.mayDetermineObjectives && !committee.mayRecommendPay && committee.mayTakePaySteps)
    }

    /// A trust-wide committee grant (the only unit-less one a grant may be) covers every unit
    /// for determining objectives, as the policy check reads it; it heads none.
    @Test func aTrustWideCommitteeGrantGovernsEveryUnit() {
        let scope = TaskScope(grants: [("committee_member", nil)], reviewed: [])
        #expect(scope.governsEveryUnit && scope.governedUnits.isEmpty && scope.headedUnits.isEmpty)
        #expect(scope.mayDetermineObjectives && !scope.mayRecommendPay && !scope.mayTakePaySteps)
        let oneUnit = TaskScope(grants: [("committee_member", unitA)], reviewed: [])
        #expect(!oneUnit.governsEveryUnit && oneUnit.governedUnits == [unitA])
    }
}
