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
    public var setFieldNames: [String] { Self.auditedFields.filter { $0.isSet(self) }.map(\.name) }

    public func changedFieldNames(to new: Self) -> [String] {
        Self.auditedFields.filter { !$0.same(self, new) }.map(\.name)
    }

    /// A field always set, compared by value.
    static func field<V: Equatable>(_ name: String, _ key: KeyPath<Self, V> & Sendable) -> AuditedField<Self> {
        (name, { _ in true }, { $0[keyPath: key] == $1[keyPath: key] })
    }

    /// An optional field: set when not nil.
    static func optional<V: Equatable>(_ name: String, _ key: KeyPath<Self, V?> & Sendable) -> AuditedField<Self> {
        (name, { $0[keyPath: key] != nil }, { $0[keyPath: key] == $1[keyPath: key] })
    }
}

// Sorted by name, as `FieldNames` sorts them.
extension UnitInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("external_id", \.externalId), field("kind", \.kind), field("name", \.name),
        optional("phase", \.phase), optional("urn", \.urn),
    ]
}

extension PersonInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("email", \.email), optional("external_id", \.externalId), field("family_name", \.familyName),
        field("given_name", \.givenName),
    ]
}

extension EmploymentInput: AuditedFields {
    public static let auditedFields: [AuditedField<Self>] = [
        optional("contract_end_date", \.contractEndDate), field("contract_type", \.contractType),
        optional("end_date", \.endDate), optional("external_id", \.externalId), field("fte", \.fte),
        field("induction_status", \.inductionStatus), field("job_title", \.jobTitle),
        optional("line_manager_id", \.lineManagerId), optional("pay_point", \.payPoint),
        field("person_id", \.personId), optional("probation_end_date", \.probationEndDate), field("qts", \.qts),
        field("staff_group", \.staffGroup), field("start_date", \.startDate),
        field("under_capability", \.underCapability), field("unit_id", \.unitId),
        field("working_pattern", \.workingPattern),
    ]
}
