import Domain
import Foundation
import Testing

/// History snapshots are frozen shapes (issue 11 §3): these bytes are what objective_history
/// rows of schema 1 hold. If this test fails, a stored shape was edited — add a new schema.
struct SnapshotTests {
    static let at = Date(timeIntervalSince1970: 1_791_000_000)

    static func objective() -> Objective {
        let content = ObjectiveContent(
            title: "Reading fluency", description: "Year 4", successCriteria: "Most pupils at expected",
            milestones: [.init(description: "Baseline", dueDate: CalendarDate("2027-01-15"))],
            dueDate: CalendarDate("2027-07-02"), kind: .pupilOutcomes,
            links: [.init(planItemId: UUID(uuidString: "00000000-0000-0000-0000-00000000000c")!)], standards: ["TS2"])
        let person = UUID(uuidString: "00000000-0000-0000-0000-00000000000b")!
        return Objective(
            id: UUID(uuidString: "00000000-0000-0000-0000-00000000000a")!, trustId: person, appraisalId: person,
            state: .agreed, content: content, proposedBy: person, agreedByReviewee: true, agreedByReviewer: true,
            determinedBy: nil, assessment: .init(outcome: .partlyMet, reasons: "Half term lost", assessedBy: person,
                                                 assessedAt: at),
            version: 4, createdAt: at, updatedAt: at)
    }

    @Test func schemaOneIsTheShapeHistoryHasAlwaysHeld() throws {
        let b = "00000000-0000-0000-0000-00000000000b"
        let expected = """
            {"agreed_by_reviewee":true,"agreed_by_reviewer":true,"appraisal_id":"\(b)",\
            "assessment":{"assessed_at":"2026-10-03T04:00:00.000Z","assessed_by":"\(b)","outcome":"partly_met",\
            "reasons":"Half term lost"},"created_at":"2026-10-03T04:00:00.000Z","description":"Year 4",\
            "due_date":"2027-07-02","id":"00000000-0000-0000-0000-00000000000a","kind":"pupil_outcomes",\
            "links":[{"plan_item_id":"00000000-0000-0000-0000-00000000000c"}],\
            "milestones":[{"description":"Baseline","due_date":"2027-01-15"}],"proposed_by":"\(b)",\
            "standards":["TS2"],"state":"agreed","success_criteria":"Most pupils at expected",\
            "title":"Reading fluency","trust_id":"\(b)","updated_at":"2026-10-03T04:00:00.000Z","version":4}
            """
        let snapshot = ObjectiveSnapshot.current(Self.objective())
        #expect(snapshot.schema == 1)
        #expect(try SnakeCaseJSON.encode(snapshot) == expected)
        // The objective's own encoding is free to change; the snapshot's is not. Today they agree,
        // so rows written before schemas were named (migration 0013) read as schema 1.
        #expect(try SnakeCaseJSON.encode(Self.objective()) == expected)
        let decoded = try SnakeCaseJSON.decode(ObjectiveSnapshotV1.self, from: expected)
        #expect(try SnakeCaseJSON.encode(ObjectiveSnapshot.v1(decoded)) == expected)
    }
}
