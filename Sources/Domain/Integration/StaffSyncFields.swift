import Foundation

/// The names of the fields a staff record's input sets and changes, written out rather than
/// found by encoding each record (a bulk sync names 20,000: JSON cost a second, reflection
/// half that). Each list must say what `FieldNames` says of a single write; a test holds them
/// to it. Names only, never values.
public protocol AuditedFields {
    /// Every field with its name and whether it is set and equal between two values.
    static var auditedFields: [AuditedField<Self>] { get }
}

public typealias AuditedField<T> = (name: String, isSet: @Sendable (T) -> Bool, same: @Sendable (T, T) -> Bool)

extension AuditedFields {
    // Loops, not `filter` and `map(\.name)`: in this unspecialised extension the key path was
    // built anew on each call, a third of a 10,000-staff sync's planning.
    public var setFieldNames: [String] {
        var names: [String] = []
        for field in Self.auditedFields where field.isSet(self) { names.append(field.name) }
        return names
    }

    public func changedFieldNames(to new: Self) -> [String] {
        var names: [String] = []
        for field in Self.auditedFields where !field.same(self, new) { names.append(field.name) }
        return names
    }

    /// A field always set, compared by value. (Read by a closure, not a key path: a sync reads
    /// 400,000 fields, and a key path's projection is a call into the runtime each time.)
    static func field<V: Equatable>(_ name: String, _ read: @escaping @Sendable (Self) -> V) -> AuditedField<Self> {
        (name, { _ in true }, { read($0) == read($1) })
    }

    /// An optional field: set when not nil.
    static func optional<V: Equatable>(_ name: String,
                                       _ read: @escaping @Sendable (Self) -> V?) -> AuditedField<Self> {
        (name, { read($0) != nil }, { read($0) == read($1) })
    }
}

// Sorted by name, as `FieldNames` sorts them.
extension UnitInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("external_id") { $0.externalId }, field("kind") { $0.kind }, field("name") { $0.name },
        optional("phase") { $0.phase }, optional("urn") { $0.urn },
    ]
}

extension PersonInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("email") { $0.email }, optional("external_id") { $0.externalId },
        field("family_name") { $0.familyName }, field("given_name") { $0.givenName },
    ]
}

extension EmploymentInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("contract_end_date") { $0.contractEndDate }, field("contract_type") { $0.contractType },
        optional("end_date") { $0.endDate }, optional("external_id") { $0.externalId }, field("fte") { $0.fte },
        field("induction_status") { $0.inductionStatus }, field("job_title") { $0.jobTitle },
        optional("line_manager_id") { $0.lineManagerId }, optional("pay_point") { $0.payPoint },
        field("person_id") { $0.personId }, optional("probation_end_date") { $0.probationEndDate },
        field("qts") { $0.qts },
        field("staff_group") { $0.staffGroup }, field("start_date") { $0.startDate },
        field("under_capability") { $0.underCapability }, field("unit_id") { $0.unitId },
        field("working_pattern") { $0.workingPattern },
    ]
}
