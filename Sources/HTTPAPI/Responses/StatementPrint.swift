import Documents
import Domain
import Foundation

/// The statement as the personnel file keeps it, in the order and words of 000's Appendix A
/// ("Sample PM Form"): who and when, the objectives and development, the end-of-year review,
/// the pay recommendation, then the signatures and the employee's comments.
enum StatementPrint {
    static func document(_ form: StatementForm) -> PrintedDocument {
        let statement = form.statement
        let header = form.header
        var subtitle = "\(header.trustName) · \(header.unitName) · statement version \(statement.number)"
        if let corrected = form.correctsNumber { subtitle += ", correcting version \(corrected)" }
        let blocks = people(form) + objectives(form.objectives) + development(form.development)
            + review(statement) + nextCycle(statement.content) + pay()
            + signatures(statement, issuedBy: header.issuedByName)
        return PrintedDocument(
            title: "Performance management review", subtitle: subtitle,
            marking: "PERFORMANCE MANAGEMENT · STRICTLY CONFIDENTIAL",
            footer: "\(header.revieweeName) · \(cycle(header.period))",
            createdAt: pdfDate(statement.lockedAt ?? statement.updatedAt), blocks: blocks)
    }

    private static func people(_ form: StatementForm) -> [PrintedDocument.Block] {
        let header = form.header
        var blocks: [PrintedDocument.Block] = [
            .section("Reviewee and cycle"),
            .field(label: "Name of reviewee", value: header.revieweeName),
            .field(label: "Job title", value: header.jobTitle),
            .field(label: "Name of reviewer", value: header.reviewerNames.joined(separator: ", ")),
            .field(label: "PM cycle dates", value: cycle(header.period)),
            .field(label: "Status", value: status(form.statement)),
        ]
        if let reason = form.statement.correctionReason {
            blocks.append(.field(label: "Reason for correction", value: reason))
        }
        return blocks
    }

    private static func objectives(_ objectives: [Objective]) -> [PrintedDocument.Block] {
        var blocks: [PrintedDocument.Block] = [.section("Objectives (key performance priorities for the year)")]
        if objectives.isEmpty { blocks.append(.note("No objectives were set for the year.")) }
        for (index, objective) in objectives.enumerated() {
            let content = objective.content
            let milestones = content.milestones.map { milestone in
                "• \(milestone.description)" + (milestone.dueDate.map { " (by \(day($0)))" } ?? "")
            }
            blocks += [
                .text(label: "Objective \(index + 1): \(content.title)", body: content.description),
                .field(label: "Measures / milestones",
                       value: ([content.successCriteria] + milestones).joined(separator: "\n")),
                .field(label: "Assessment", value: assessment(objective.assessment)),
            ]
        }
        return blocks
    }

    private static func development(_ activities: [DevelopmentActivity]) -> [PrintedDocument.Block] {
        var blocks: [PrintedDocument.Block] = [.section("Development")]
        if activities.isEmpty { blocks.append(.note("No development needs were recorded for the year.")) }
        for activity in activities {
            let delivery = activity.plannedDelivery + (activity.plannedBy.map { " (by \(day($0)))" } ?? "")
            blocks += [
                .text(label: "Development required", body: activity.need),
                .field(label: "Delivery", value: delivery),
                .field(label: "Application / impact", value: activity.impact ?? ""),
            ]
        }
        return blocks
    }

    private static func review(_ statement: Statement) -> [PrintedDocument.Block] {
        let content = statement.content
        var blocks: [PrintedDocument.Block] = [.section("End of year review")]
        blocks += sectionLabels.map { name, label in .text(label: label, body: content.section(name) ?? "") }
        if let required = statement.interimReviewsRequired, required > 0 {
            let held = statement.interimReviewsHeld ?? 0
            blocks.append(.field(label: "Formal interim reviews", value: "\(held) held of \(required) required"))
        }
        if let reason = content.interimExceptionReason {
            blocks.append(.field(label: "Why fewer were held", value: reason))
        }
        if let consulted = content.adviserConsultedOn {
            blocks.append(.field(label: "External adviser consulted", value: day(consulted)))
        }
        return blocks
    }

    /// 003 §5.3.3's second list, when the statement has it.
    private static func nextCycle(_ content: StatementContent) -> [PrintedDocument.Block] {
        let objectives = content.nextCycleObjectives ?? []
        guard !objectives.isEmpty || content.nextCycleDevelopmentNeeds != nil || content.nextCycleMonitoring != nil
        else { return [] }
        var blocks: [PrintedDocument.Block] = [.section("The next cycle")]
        for (index, objective) in objectives.enumerated() {
            blocks.append(.text(label: "Proposed objective \(index + 1): \(objective.title)",
                                body: [objective.description, objective.successCriteria].joined(separator: "\n")))
        }
        blocks.append(.text(label: "Development needs", body: content.nextCycleDevelopmentNeeds ?? ""))
        blocks.append(.text(label: "When monitoring will take place", body: content.nextCycleMonitoring ?? ""))
        return blocks
    }

    /// The sections in Appendix A's order, with its words where it has them.
    private static let sectionLabels: [(String, String)] = [
        ("objectives_assessment", "Assessment against objectives (summary of achievements, evidence)"),
        ("role_assessment", "Assessment of performance against the job role"),
        ("standards_assessment", "Assessment against the relevant professional standards"),
        ("evidence_summary", "Evidence considered"),
        ("cpd_and_impact", "Assessment of the reviewee's CPD activity and its impact"),
        ("development_needs", "Development needs"),
        ("recommended_action", "Recommended action"),
        ("absence_considered", "Absence taken into account"),
    ]

    private static func pay() -> [PrintedDocument.Block] {
        [.section("Pay recommendation (if applicable)"),
         .note("Recorded with the pay decision under the trust's pay policy, where the policy links pay.")]
    }

    private static func signatures(_ statement: Statement, issuedBy: String?) -> [PrintedDocument.Block] {
        let reviewer = statement.issuedAt.map { "Issued by \(issuedBy ?? "the reviewer") on \(day($0))" }
            ?? "Not yet issued"
        return [
            .section("Signatures and the employee's comments"),
            .field(label: "Reviewer", value: reviewer),
            .text(label: "Employee's comments", body: statement.revieweeComment ?? ""),
            .field(label: "Employee", value: response(statement)),
        ]
    }

    private static func response(_ statement: Statement) -> String {
        let on = statement.respondedAt.map { " on \(day($0))" } ?? ""
        switch statement.revieweeResponse {
        case .signed: return "Signed" + on
        case .declined: return "Declined to sign" + on
        case .noAnswer: return "No answer by \(statement.commentDue.map(day) ?? "the deadline"); closed" + on
        case nil: return statement.commentDue.map { "Awaiting an answer (comments by \(day($0)))" } ?? "Not yet issued"
        }
    }

    private static func status(_ statement: Statement) -> String {
        switch statement.state {
        case .draft: return "Draft: not yet issued to the reviewee"
        case .issued: return "Issued; comments by \(statement.commentDue.map(day) ?? "—")"
        case .locked:
            let superseded = statement.supersededById == nil ? "" : " (since corrected by a later version)"
            return "Locked on \(statement.lockedAt.map(day) ?? "—")" + superseded
        }
    }

    private static func assessment(_ assessment: Objective.Assessment?) -> String {
        guard let assessment else { return "" }
        let outcome = switch assessment.outcome {
        case .met: "Met"
        case .partlyMet: "Partly met"
        case .notMet: "Not met"
        }
        return [outcome, assessment.reasons].compactMap { $0 }.joined(separator: ": ")
    }

    private static func cycle(_ period: AppraisalPeriod) -> String {
        "From \(day(period.startDate)) to \(day(period.endDate))"
    }

    private static func day(_ instant: Date) -> String { day(London.date(of: instant)) }

    private static func day(_ date: CalendarDate) -> String { date.spelledOut }

    /// The PDF's own date: when the statement was locked (or last changed), in UTC.
    static func pdfDate(_ instant: Date) -> String {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let part = utc.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        let date = "\(part.year!)-\(two(part.month!))-\(two(part.day!))"
        return date + "T\(two(part.hour!)):\(two(part.minute!)):\(two(part.second!))"
    }

    private static func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
}
