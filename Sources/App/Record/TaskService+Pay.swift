import Domain
import Foundation
import Postgres
import Store

extension TaskService {
    /// Issue 15 §7: appraisals whose statement is issued and that have no pay recommendation,
    /// where the policy in force has the caller recommend (`PayDecisionRules.recommendedAs`:
    /// 000 §3.1 the reviewer, 001 the head or operations director, 003 §3.4 either), each due
    /// by the policy's decision date.
    static func payToRecommend(by me: UUID, grants: [(role: String, unit: UUID?)], scope: TaskScope,
                               on db: Connection) throws -> [(UUID, CalendarDate?)] {
        guard scope.mayRecommendPay else { return [] }
        var versions: [UUID: PolicyDocument] = [:]
        var result: [(UUID, CalendarDate?)] = []
        for row in try db.query(TaskStore.payToRecommendQuery(for: me, scope: scope)) {
            let facts = try RecordStore.decodeFacts(row)
            guard let pay = try policy(for: facts, &versions, on: db)?.pay, pay.mode == .performance else { continue }
            let participation = RecordStore.participation(of: me, grants: grants, in: facts)
            guard (try? PayDecisionRules.recommendedAs(participation, category: facts.category, rules: pay)) != nil
            else { continue }
            let period = AppraisalPeriod(startDate: try row.decode(CalendarDate.self, "period_start"),
                                         endDate: try row.decode(CalendarDate.self, "period_end"))
            // "By 31 October" is a date: no school calendar is needed to find it.
            let calendar = WorkingCalendar(schoolYears: [], span: facts.cycleYear...(facts.cycleYear + 2))
            result.append((facts.appraisalId, pay.decisionBy?.date(for: period, calendar: calendar)))
        }
        return result
    }
}
