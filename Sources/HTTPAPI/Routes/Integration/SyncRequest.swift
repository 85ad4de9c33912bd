import Domain
import Foundation

/// A row type a sync accepts, with the fields it defines (anything else is `unknown_field`).
protocol SyncRowValue: Decodable, Sendable { static var syncFields: Set<String> { get } }
extension UnitInput: SyncRowValue { static var syncFields: Set<String> { fields } }
extension PersonInput: SyncRowValue { static var syncFields: Set<String> { fields } }
extension EmploymentSyncRow: SyncRowValue { static var syncFields: Set<String> { fields } }

/// One row, decoded on its own: a bad field fails its row, never the batch (issue 16 §1).
struct SyncRowDecoding<Value: SyncRowValue>: Decodable, Sendable {
    let row: StaffSync.Row<Value>

    init(from decoder: any Decoder) throws {
        guard let keyed = try? decoder.container(keyedBy: AnyKey.self) else {
            let notObject = FieldError(field: "(row)", rule: "type", message: "must be a JSON object")
            row = .init(value: nil, errors: [notObject], externalId: nil)
            return
        }
        // The decoder converts keys from snake_case: "external_id" is read as "externalId".
        let externalId = try? keyed.decodeIfPresent(String.self, forKey: AnyKey(stringValue: "externalId"))
        let keys = decoder.userInfo[KeyConversions.userInfoKey] as? KeyConversions
        let unknown = keyed.allKeys.map { keys?.snakeCase($0.stringValue) ?? Body.snakeCase($0.stringValue) }
            .filter { !Value.syncFields.contains($0) }.sorted()
        guard unknown.isEmpty else {
            row = .init(value: nil, errors: unknown.map {
                FieldError(field: $0, rule: "unknown_field", message: "is not a field of this row")
            }, externalId: externalId ?? nil)
            return
        }
        do {
            row = .init(value: try Value(from: decoder), errors: [], externalId: externalId ?? nil)
        } catch let error as DecodingError {
            var failure = Body.fieldError(error)
            // The path inside the row: "employments[3].fte" is reported as "fte" on row 3.
            if let end = failure.field.range(of: "].") { failure.field = String(failure.field[end.upperBound...]) }
            row = .init(value: nil, errors: [failure], externalId: externalId ?? nil)
        } catch {
            // Foundation reports a number it cannot represent (5e-324 as a Decimal) as its own error.
            row = .init(value: nil, errors: [FieldError(field: "(row)", rule: "format",
                                                        message: "holds a number that cannot be represented")],
                        externalId: externalId ?? nil)
        }
    }
}

/// The body of `POST /v1/staff-sync`.
struct SyncRequest: Decodable, Sendable {
    enum Mode: String, Decodable, Sendable { case partial, allOrNothing = "all_or_nothing" }
    var units: [SyncRowDecoding<UnitInput>]?
    var people: [SyncRowDecoding<PersonInput>]?
    var employments: [SyncRowDecoding<EmploymentSyncRow>]?
    var mode: Mode?
    var dryRun: Bool?
    var full: Bool?
    var leavingOn: CalendarDate?

    static let fields: Set<String> = ["units", "people", "employments", "mode", "dry_run", "full", "leaving_on"]

    enum CodingKeys: String, CodingKey { case units, people, employments, mode, dryRun, full, leavingOn }

    init(from decoder: any Decoder) throws {
        let unknown = try decoder.container(keyedBy: AnyKey.self).allKeys.map { Body.snakeCase($0.stringValue) }
            .filter { !Self.fields.contains($0) }.sorted()
        guard unknown.isEmpty else {
            throw ValidationFailure(unknown.map {
                FieldError(field: $0, rule: "unknown_field", message: "is not a field of a sync")
            })
        }
        let c = try decoder.container(keyedBy: CodingKeys.self)
        units = try c.decodeIfPresent([SyncRowDecoding<UnitInput>].self, forKey: .units)
        people = try c.decodeIfPresent([SyncRowDecoding<PersonInput>].self, forKey: .people)
        employments = try c.decodeIfPresent([SyncRowDecoding<EmploymentSyncRow>].self, forKey: .employments)
        mode = try c.decodeIfPresent(Mode.self, forKey: .mode)
        dryRun = try c.decodeIfPresent(Bool.self, forKey: .dryRun)
        full = try c.decodeIfPresent(Bool.self, forKey: .full)
        leavingOn = try c.decodeIfPresent(CalendarDate.self, forKey: .leavingOn)
    }

    var batch: StaffSync.Batch {
        StaffSync.Batch(units: units?.map(\.row), people: people?.map(\.row), employments: employments?.map(\.row))
    }

    var options: StaffSync.Options {
        var options = StaffSync.Options()
        options.allOrNothing = mode == .allOrNothing
        options.dryRun = dryRun ?? false
        options.full = full ?? false
        options.leavingOn = leavingOn
        return options
    }
}
