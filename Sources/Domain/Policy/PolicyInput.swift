import Foundation

/// A new policy version: a preset by name, or a whole document (a preset adjusted).
public struct PolicyInput: Sendable, Equatable, Codable, ValidatedInput {
    public var presetId: String?
    public var document: PolicyDocument?

    public static let fields: Set<String> = ["preset_id", "document"]

    public init(presetId: String? = nil, document: PolicyDocument? = nil) {
        self.presetId = presetId
        self.document = document
    }

    /// The document this input stands for; validated whole.
    public func resolvedDocument() throws -> PolicyDocument {
        try validate()
        if let document { return document }
        return PolicyPreset.named(presetId ?? "")!.document
    }

    public func validate() throws {
        var check = Validator()
        check.check((presetId == nil) != (document == nil), "document", "one_of",
                    "send exactly one of preset_id and document")
        if let presetId {
            check.check(PolicyPreset.named(presetId) != nil, "preset_id", "unknown_preset",
                        "must be one of \(PolicyPreset.all.map(\.id).joined(separator: ", "))")
        }
        try check.result()
        do {
            try document?.validate()
        } catch let failure as ValidationFailure {
            throw ValidationFailure(failure.errors.map { FieldError(field: "document." + $0.field, rule: $0.rule, message: $0.message) })
        }
    }
}

/// A unit's term dates and closures for one academic year, as a client sends them.
public struct SchoolYearInput: Sendable, Equatable, Codable, ValidatedInput {
    public var terms: [SchoolYear.Term]
    public var closures: [SchoolYear.Closure]?

    public static let fields: Set<String> = ["terms", "closures"]

    public func schoolYear(_ academicYear: Int) -> SchoolYear {
        SchoolYear(academicYear: academicYear, terms: terms, closures: closures ?? [])
    }

    public func validate() throws {
        var check = Validator()
        check.check((closures ?? []).count <= 100, "closures", "max_items", "must have at most 100 items")
        try check.result()
    }
}
