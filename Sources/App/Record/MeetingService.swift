import Domain
import Foundation
import Postgres
import Store

/// Review meetings and their written records (issue 5 §6; 000 §9.1, 001 "Annual Review").
public struct MeetingService: Sendable {
    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    public func list(appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> [Meeting] {
        try await environment.readRecord(.appraisal(appraisal), as: "meetings", in: trust, caller: caller) {
            try $0.query(MeetingStore.listQuery(appraisal: appraisal)).map(MeetingStore.decode)
        }
    }

    public func get(_ id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Meeting {
        try await environment.readRecord(.item(.meeting, id), as: "meeting", in: trust, caller: caller) {
            try MeetingStore.find(id, on: $0)
        }
    }

    /// Arranges a meeting: either side may (001: "set by giving at least two weeks' notice").
    public func create(_ input: MeetingInput, appraisal: UUID, in trust: UUID, caller: RecordCaller) async throws -> Meeting {
        try input.validate()
        let now = environment.clock.now()
        let id = environment.newID()
        return try await environment.onRecord(.appraisal(appraisal), [.write], action: "create", in: trust,
                                              caller: caller, lock: true) { [environment] context, db in
            try context.requireOpenCycle()
            try MeetingRulesCheck.check(input, rules: context.policy.meetings)
            let attendees = input.attendees ?? [context.facts.personId] + context.facts.reviewers
            let known = try RecordStore.peopleExist(attendees, on: db)
            for (index, person) in attendees.enumerated() where !known.contains(person) {
                throw ValidationFailure(field: "attendees[\(index)]", rule: "exists", message: "must be a person of this trust")
            }
            let calendar = try RecordStore.calendar(unit: context.facts.unitId, year: context.facts.cycleYear, on: db)
            let due = try MeetingRulesCheck.recordDue(heldOn: input.heldOn, rules: context.policy.meetings, calendar: calendar,
                                                      pattern: context.facts.workingPattern)
            let meeting = Meeting(id: id, trustId: trust, appraisalId: appraisal, kind: input.kind, heldOn: input.heldOn, attendees: attendees,
                                  noticeGivenOn: input.noticeGivenOn, recordDue: due, record: nil, recordWrittenAt: nil, recordWrittenBy: nil,
                                  version: 1, createdAt: now, updatedAt: now)
            try MeetingStore.insert(meeting, on: db)
            try environment.audit(.init(trustId: trust, action: "create", resourceType: "meeting", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: FieldNames.set(input)),
                                  caller.audit, at: now, on: db)
            return meeting
        }
    }

    /// The written record (000 §9.1), by either side, once the meeting has happened.
    public func writeRecord(_ input: MeetingRecordInput, on id: UUID, in trust: UUID, caller: RecordCaller) async throws -> Meeting {
        try input.validate()
        let now = environment.clock.now()
        return try await environment.onRecord(.item(.meeting, id), [.write], action: "write_record", in: trust,
                                              caller: caller) { [environment] context, db in
            guard let meeting = try MeetingStore.find(id, forUpdate: true, on: db) else {
                throw RecordNotFound(resource: "meeting")
            }
            guard meeting.heldOn <= London.date(of: now) else {
                throw ValidationFailure(field: "record", rule: "not_held", message: "the meeting has not been held yet")
            }
            guard let written = try MeetingStore.writeRecord(id, record: input.record, by: caller.person, at: now, on: db) else {
                throw RecordNotFound(resource: "meeting")
            }
            try environment.audit(.init(trustId: trust, action: "write_record", resourceType: "meeting", resourceId: id,
                                        subjectPersonId: context.facts.personId, changedFields: ["record"]), caller.audit, at: now, on: db)
            return written
        }
    }
}
