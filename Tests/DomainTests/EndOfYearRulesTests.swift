import Domain
import Foundation
import Testing

/// Issue 13's rules on their own: where an appraisal stands and what is late (§4), a round's
/// outcome by reviewer (§3), and how a conversation year closes (004 §6.3).
struct EndOfYearRulesTests {
    func date(_ text: String) -> CalendarDate { CalendarDate(text)! }

    func standing(model: AppraisalModel = .objectives, reviewer: Bool = true, objectives: Bool = true,
                  statement: Statement.State? = nil, commentDue: String? = nil, interim: Bool = false,
                  conversations: Set<String> = [], deadlines: [String: String]) -> AppraisalStanding {
        AppraisalStanding(appraisalId: UUID(), personId: UUID(), unitId: UUID(), staffGroup: .teacher, model: model,
                          hasReviewer: reviewer, objectivesSet: objectives, statementState: statement,
                          commentDue: commentDue.map(date), interimReviewHeld: interim,
                          conversationKinds: conversations,
                          deadlines: deadlines.map { Deadline(key: $0.key, dueDate: date($0.value)) })
    }

    @Test func theFurthestStepReached() {
        let due = ["final_review": "2033-10-31"]
        #expect(ProgressRules.step(standing(reviewer: false, deadlines: due)) == .noReviewer)
        #expect(ProgressRules.step(standing(objectives: false, deadlines: due)) == .settingObjectives)
        #expect(ProgressRules.step(standing(deadlines: due)) == .inYear)
        #expect(ProgressRules.step(standing(statement: .issued, deadlines: due)) == .statementIssued)
        let conversations = ["autumn_conversation": "2032-10-15", "mid_year_conversation": "2033-07-20"]
        #expect(ProgressRules.step(standing(model: .conversations, conversations: ["autumn"],
                                            deadlines: conversations)) == .conversationsDue)
        #expect(ProgressRules.step(standing(model: .conversations, conversations: ["autumn", "mid_year"],
                                            deadlines: conversations)) == .conversationsHeld)
    }

    /// 002 §2.2.5 / 003 §5.3.2 (interim), 000 §4 / 003 §2.1 (final review), the comment window:
    /// late only once the day has passed, and only while the step is not done.
    @Test func lateOnlyAfterTheDayAndWhileUndone() {
        let due = ["interim_review": "2033-03-01", "final_review": "2033-10-31"]
        #expect(ProgressRules.overdue(standing(deadlines: due), today: date("2033-03-01")).isEmpty)
        #expect(ProgressRules.overdue(standing(deadlines: due), today: date("2033-03-02")).map(\.key)
                == ["interim_review"])
        #expect(ProgressRules.overdue(standing(interim: true, deadlines: due), today: date("2033-11-01")).map(\.key)
                == ["final_review"])
        let issued = standing(statement: .issued, commentDue: "2033-11-14", interim: true, deadlines: due)
        #expect(ProgressRules.overdue(issued, today: date("2033-11-14")).isEmpty)
        #expect(ProgressRules.overdue(issued, today: date("2033-11-15")).map(\.key) == ["statement_response"])
        // 004 §6.1: each conversation by its own deadline; there is no final review to be late.
        let conversations = standing(model: .conversations, conversations: ["autumn"],
                                     deadlines: ["autumn_conversation": "2032-10-15", "final_review": "2033-01-01",
                                                 "mid_year_conversation": "2033-07-20"])
        #expect(ProgressRules.overdue(conversations, today: date("2033-07-21")).map(\.key)
                == ["mid_year_conversation"])
    }

    @Test func theOutcomeCountsEachReviewerAndEveryReturn() {
        let harsh = UUID(), kind = UUID()
        func item(_ reviewer: UUID, _ state: ModerationItem.State, revision: Int = 0,
                  returns: Int = 0) -> ModerationItem {
            let decisions = (0..<returns).map {
                ModerationDecision(id: UUID(), revision: $0, outcome: .returned, comment: "c", decidedBy: nil,
                                   decidedAt: Date())
            }
            return ModerationItem(id: UUID(), trustId: UUID(), roundId: UUID(), appraisalId: UUID(),
                                  reviewerId: reviewer, state: state, subjectDigest: "d", revision: revision,
                                  version: 1, createdAt: Date(), updatedAt: Date(), decisions: decisions)
        }
        let items = [item(harsh, .agreed, revision: 2, returns: 2), item(harsh, .returned, returns: 1),
                     item(kind, .agreed), item(kind, .pending)]
        let assessed = [items[0].appraisalId: ["not_met", "not_met"], items[2].appraisalId: ["met"]]
        let outcome = ModerationRules.outcome(items, assessments: assessed)
        #expect(outcome.totals.items == 4 && outcome.totals.returns == 3 && outcome.totals.revised == 1)
        let byHarsh = outcome.byReviewer.first { $0.reviewerId == harsh }
        #expect(byHarsh?.agreed == 1 && byHarsh?.returned == 1 && byHarsh?.assessments == ["not_met": 2])
        let byKind = outcome.byReviewer.first { $0.reviewerId == kind }
        #expect(byKind?.pending == 1 && byKind?.assessments == ["met": 1])
    }

    @Test func aReturnNeedsAComment() {
        #expect(throws: ValidationFailure.self) { try ModerationItemTransition(to: .returned, comment: " ").validate() }
        #expect(throws: Never.self) { try ModerationItemTransition(to: .agreed, comment: nil).validate() }
    }
}
