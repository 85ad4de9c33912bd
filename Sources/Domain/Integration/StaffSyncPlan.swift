import Foundation

/// What one kind of record will become: new records, changed ones (with what they were), and
/// each row's result. Field names are the use case's to add (`changedFields`).
public struct SyncChanges<R: TenantRecord>: Sendable where R.Input: Equatable {
    public var created: [R] = []
    public var updated: [(before: R, after: R.Input)] = []
    public var results: [StaffSync.Result] = []
    public init() {}
}

/// Plans a bulk sync against what the trust holds (issue 16 §1): pure, so the dry run and the
/// real run decide alike. Rows are matched by `external_id`; a row whose fields, references or
/// uniqueness fail is reported with the field and rule, and the rows that depend on it fail too.
public struct StaffSyncPlanner {
    public var units: [String: OrganisationUnit]
    public var people: [String: Person]
    public var employments: [String: Employment]
    /// Keys other records hold: a unit's URN, a person's email (case-insensitive).
    public var unitURNs: [String: UUID]
    public var personEmails: [String: UUID]
    let trust: UUID
    let now: Date
    let newID: () -> UUID

    public init(trust: UUID, units: [OrganisationUnit], people: [Person], employments: [Employment],
                now: Date, newID: @escaping () -> UUID) {
        self.trust = trust; self.now = now; self.newID = newID
        self.units = Self.byExternalID(units, \.externalId)
        self.people = Self.byExternalID(people, \.externalId)
        self.employments = Self.byExternalID(employments, \.externalId)
        unitURNs = Dictionary(units.compactMap { u in u.urn.map { ($0, u.id) } }, uniquingKeysWith: { a, _ in a })
        personEmails = Dictionary(people.compactMap { p in p.email.map { ($0.lowercased(), p.id) } },
                                  uniquingKeysWith: { a, _ in a })
    }

    public mutating func planUnits(_ rows: [StaffSync.Row<UnitInput>]) -> SyncChanges<OrganisationUnit> {
        var urns = unitURNs
        defer { unitURNs = urns }
        return plan(.unit, rows, existing: units, externalID: { $0.externalId }) { input, id in
            guard let urn = input.urn else { return [] }
            if let holder = urns[urn], holder != id {
                return [FieldError(field: "urn", rule: "unique", message: "belongs to another unit of the trust")]
            }
            urns[urn] = id
            return []
        }
    }

    public mutating func planPeople(_ rows: [StaffSync.Row<PersonInput>]) -> SyncChanges<Person> {
        var emails = personEmails
        defer { personEmails = emails }
        return plan(.person, rows, existing: people, externalID: { $0.externalId }) { input, id in
            guard let email = input.email?.lowercased() else { return [] }
            if let holder = emails[email], holder != id {
                return [FieldError(field: "email", rule: "unique", message: "belongs to another person of the trust")]
            }
            emails[email] = id
            return []
        }
    }

    /// Rows of one kind: external id present and unique in the batch, fields valid, keys free.
    func plan<R: TenantRecord>(
        _ kind: StaffSync.Kind, _ rows: [StaffSync.Row<R.Input>], existing: [String: R],
        externalID: (R.Input) -> String?, claimKeys: (R.Input, UUID) -> [FieldError]
    ) -> SyncChanges<R> where R.Input: Equatable {
        var changes = SyncChanges<R>()
        var seen: Set<String> = []
        for (index, row) in rows.enumerated() {
            let key = row.value.flatMap(externalID) ?? row.externalId
            var result = StaffSync.Result(kind: kind, index: index, externalId: key, outcome: .failed,
                                          errors: row.errors)
            defer { changes.results.append(result) }
            guard let input = row.value, result.errors.isEmpty else { continue }
            guard let key, !key.isEmpty else {
                result.errors = [Self.externalIDRequired]
                continue
            }
            guard seen.insert(key).inserted else {
                result.errors = [Self.externalIDRepeated]
                continue
            }
            let current = existing[key]
            let id = current?.id ?? newID()
            result.errors = Self.validationErrors(input) + claimKeys(input, id)
            guard result.errors.isEmpty else { continue }
            result.id = id
            if let current {
                result.outcome = current.input == input ? .unchanged : .updated
                if result.outcome == .updated { changes.updated.append((current, input)) }
            } else {
                result.outcome = .created
                changes.created.append(R(id: id, trustId: trust, input: input, version: 1, createdAt: now,
                                         updatedAt: now))
            }
        }
        return changes
    }

    static func byExternalID<R>(_ records: [R], _ key: KeyPath<R, String?>) -> [String: R] {
        Dictionary(records.compactMap { record in record[keyPath: key].map { ($0, record) } },
                   uniquingKeysWith: { first, _ in first })
    }

    static func validationErrors(_ input: some ValidatedInput) -> [FieldError] {
        do { try input.validate() } catch let failure as ValidationFailure { return failure.errors } catch {
            return [FieldError(field: "(row)", rule: "invalid", message: "is invalid")]
        }
        return []
    }

    static let externalIDRequired = FieldError(field: "external_id", rule: "required",
                                               message: "is required: a sync matches records by it")
    static let externalIDRepeated = FieldError(field: "external_id", rule: "unique",
                                               message: "appears on an earlier row of this batch")
}
