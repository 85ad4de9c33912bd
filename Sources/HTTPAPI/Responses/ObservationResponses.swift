import Domain
import Foundation

/// An observation with what feedback it is owed, and whether that is overdue or was late.
struct ObservationResponse: ResponseBody {
    struct Feedback: Encodable {
        let kind: Observation.Feedback.Kind
        let dueDate: CalendarDate?
        let dueAt: Date?
        let givenAt: Date?
        let givenBy: UUID?
        let overdue: Bool
        let late: Bool
    }

    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let kind: Observation.Kind
    let observerId: UUID
    let observedAt: Date
    let durationMinutes: Int
    let focus: String
    let notes: String?
    let noticeGivenOn: CalendarDate?
    let concernsRaised: Bool
    let forPerformanceManagement: Bool
    let feedback: [Feedback]
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ observation: Observation, now: Date) {
        id = observation.id
        trustId = observation.trustId
        appraisalId = observation.appraisalId
        kind = observation.kind
        observerId = observation.observerId
        observedAt = observation.observedAt
        durationMinutes = observation.durationMinutes
        focus = observation.focus
        notes = observation.notes
        noticeGivenOn = observation.noticeGivenOn
        concernsRaised = observation.concernsRaised
        forPerformanceManagement = observation.forPerformanceManagement
        feedback = observation.feedback.map { owed in
            Feedback(kind: owed.kind, dueDate: owed.dueDate, dueAt: owed.dueAt, givenAt: owed.givenAt,
                     givenBy: owed.givenBy, overdue: owed.isOverdue(at: now),
                     late: owed.givenAt.map { !owed.isOnTime($0) } ?? false)
        }
        version = observation.version
        createdAt = observation.createdAt
        updatedAt = observation.updatedAt
    }
}

/// A meeting, and whether its record is overdue.
struct MeetingResponse: ResponseBody {
    let id: UUID
    let trustId: UUID
    let appraisalId: UUID
    let kind: Meeting.Kind
    let heldOn: CalendarDate
    let attendees: [UUID]
    let noticeGivenOn: CalendarDate?
    let recordDue: CalendarDate?
    let record: String?
    let recordWrittenAt: Date?
    let recordWrittenBy: UUID?
    let recordOverdue: Bool
    let version: Int
    let createdAt: Date
    let updatedAt: Date

    init(_ meeting: Meeting, now: Date) {
        id = meeting.id
        trustId = meeting.trustId
        appraisalId = meeting.appraisalId
        kind = meeting.kind
        heldOn = meeting.heldOn
        attendees = meeting.attendees
        noticeGivenOn = meeting.noticeGivenOn
        recordDue = meeting.recordDue
        record = meeting.record
        recordWrittenAt = meeting.recordWrittenAt
        recordWrittenBy = meeting.recordWrittenBy
        recordOverdue = meeting.isRecordOverdue(at: now)
        version = meeting.version
        createdAt = meeting.createdAt
        updatedAt = meeting.updatedAt
    }
}
