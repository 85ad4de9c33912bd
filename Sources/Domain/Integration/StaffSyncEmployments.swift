import Foundation

extension StaffSyncPlanner {
    /// Employments, whose person, unit and line manager are named by external id: among the
    /// records already held or created by this batch, in any order. A new employment that
    /// fails takes down the rows that name it as line manager.
    public func planEmployments(_ rows: [StaffSync.Row<EmploymentSyncRow>], unitIDs: [String: UUID],
                                personIDs: [String: UUID]) -> SyncChanges<Employment> {
        var results = rows.enumerated().map { index, row in
            StaffSync.Result(kind: .employment, index: index, externalId: row.externalId, outcome: .failed,
                             errors: row.errors)
        }
        var ids: [String: UUID] = [:]
        for (index, row) in rows.enumerated() where results[index].errors.isEmpty {
            guard let key = row.value?.externalId, !key.isEmpty else {
                results[index].errors = [Self.externalIDRequired]
                continue
            }
            guard ids[key] == nil else {
                results[index].errors = [Self.externalIDRepeated]
                continue
            }
            ids[key] = employments[key]?.id ?? newID()
        }
        var inputs: [Int: EmploymentInput] = [:]
        for (index, row) in rows.enumerated() where results[index].errors.isEmpty {
            let row = row.value!
            let (input, errors) = resolve(row, unitIDs: unitIDs, personIDs: personIDs, employmentIDs: ids)
            results[index].errors = errors
            if let input { inputs[index] = input }
        }
        failDependants(rows, &results, &inputs)
        return changes(rows, results: results, inputs: inputs, ids: ids)
    }

    func resolve(_ row: EmploymentSyncRow, unitIDs: [String: UUID], personIDs: [String: UUID],
                 employmentIDs: [String: UUID]) -> (EmploymentInput?, [FieldError]) {
        var errors: [FieldError] = []
        let person = personIDs[row.personExternalId]
        let unit = unitIDs[row.unitExternalId]
        if person == nil { errors.append(Self.unknown("person_external_id", "person")) }
        if unit == nil { errors.append(Self.unknown("unit_external_id", "unit")) }
        var lineManager: UUID?
        if let manager = row.lineManagerExternalId {
            lineManager = employmentIDs[manager] ?? employments[manager]?.id
            if manager == row.externalId {
                errors.append(FieldError(field: "line_manager_external_id", rule: "not_self",
                                         message: "must name another employment"))
            } else if lineManager == nil {
                errors.append(Self.unknown("line_manager_external_id", "employment"))
            }
        }
        guard let person, let unit, errors.isEmpty else { return (nil, errors) }
        let input = row.input(person: person, unit: unit, lineManager: lineManager,
                              current: employments[row.externalId]?.input)
        let invalid = Self.validationErrors(input)
        return invalid.isEmpty ? (input, []) : (nil, invalid)
    }

    /// New employments that failed cannot be line managers: their reports fail in turn.
    func failDependants(_ rows: [StaffSync.Row<EmploymentSyncRow>], _ results: inout [StaffSync.Result],
                        _ inputs: inout [Int: EmploymentInput]) {
        var failedNew = Set(rows.enumerated().compactMap { index, row -> String? in
            guard inputs[index] == nil, let key = row.value?.externalId, employments[key] == nil else { return nil }
            return key
        })
        var changed = true
        while changed {
            changed = false
            for (index, row) in rows.enumerated() where inputs[index] != nil {
                guard let manager = row.value?.lineManagerExternalId, failedNew.contains(manager) else { continue }
                inputs[index] = nil
                results[index].errors = [FieldError(field: "line_manager_external_id", rule: "failed_in_batch",
                                                    message: "names an employment whose row failed")]
                if let key = row.value?.externalId, employments[key] == nil { failedNew.insert(key) }
                changed = true
            }
        }
    }

    func changes(_ rows: [StaffSync.Row<EmploymentSyncRow>], results: [StaffSync.Result],
                 inputs: [Int: EmploymentInput], ids: [String: UUID]) -> SyncChanges<Employment> {
        var changes = SyncChanges<Employment>()
        changes.results = results
        for (index, row) in rows.enumerated() {
            guard let input = inputs[index], let key = row.value?.externalId, let id = ids[key] else { continue }
            changes.results[index].id = id
            if let current = employments[key] {
                changes.results[index].outcome = current.input == input ? .unchanged : .updated
                if current.input != input { changes.updated.append((current, input)) }
            } else {
                changes.results[index].outcome = .created
                changes.created.append(Employment(id: id, trustId: trust, input: input, version: 1,
                                                  createdAt: now, updatedAt: now))
            }
        }
        return changes
    }

    /// A full sync's leavers: employments held with an external id, not ended, that no row
    /// lists. Their last day is `leavingOn`, or their start if they had not yet started.
    public func leavers(listed rows: [StaffSync.Row<EmploymentSyncRow>],
                        leavingOn: CalendarDate) -> [(before: Employment, after: EmploymentInput)] {
        let listed = Set(rows.compactMap(\.externalId))
        return employments.values.filter { $0.endDate == nil && !listed.contains($0.externalId ?? "") }
            .sorted { ($0.externalId ?? "") < ($1.externalId ?? "") }
            .map { employment in
                var input = employment.input
                input.endDate = max(leavingOn, employment.startDate)
                return (employment, input)
            }
    }

    static func unknown(_ field: String, _ resource: String) -> FieldError {
        FieldError(field: field, rule: "unknown_reference",
                   message: "names no \(resource) of the trust or of this batch")
    }
}
