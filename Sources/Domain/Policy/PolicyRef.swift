import Foundation

/// Where a rule comes from (issue 11 §3, "every rule explains itself"): the policy version in
/// force, its preset, the section of the trust's policy and the clause as the policy words it
/// — so a front can answer "why?" without a support call. Carried by every refusal a policy
/// rule makes (422, 403) and by every computed deadline.
public struct PolicyRef: Sendable, Equatable, Codable {
    public var policyVersionId: UUID?
    public var policyVersion: Int?
    public var presetId: String?
    /// The rule's place in the policy document (`objectives.max_count`).
    public var path: String
    /// The policy's section (`003 §3.2`, `001 "Setting Objectives"`).
    public var section: String
    /// The clause as the policy words it.
    public var clause: String

    public init(policyVersionId: UUID?, policyVersion: Int?, presetId: String?, path: String, section: String,
                clause: String) {
        self.policyVersionId = policyVersionId; self.policyVersion = policyVersion; self.presetId = presetId
        self.path = path; self.section = section; self.clause = clause
    }
}

/// The version a policy document came from, for citing it.
public struct PolicyCitation: Sendable, Equatable {
    public var versionId: UUID?
    public var version: Int?
    public var presetId: String?
    public var document: PolicyDocument

    public init(versionId: UUID?, version: Int?, presetId: String?, document: PolicyDocument) {
        self.versionId = versionId; self.version = version; self.presetId = presetId; self.document = document
    }

    /// The clause behind `path`: the source note of the path itself, or of the nearest section
    /// above it (`objectives.max_count`, then `objectives`); nil when the policy cites none.
    public func ref(_ path: String) -> PolicyRef? {
        var candidate = Substring(path)
        while true {
            if let note = document.sources.first(where: { $0.path == candidate }) {
                return PolicyRef(policyVersionId: versionId, policyVersion: version, presetId: presetId, path: path,
                                 section: Self.section(of: note.section), clause: note.section)
            }
            guard let dot = candidate.lastIndex(where: { $0 == "." || $0 == "[" }) else { return nil }
            candidate = candidate[..<dot]
        }
    }

    /// A note's section reference: what precedes its first colon ("003 §5.3.2: interim
    /// meetings…" → "003 §5.3.2"), or the whole note when it has none.
    static func section(of note: String) -> String {
        guard let colon = note.range(of: ": ") else { return note }
        return String(note[..<colon.lowerBound])
    }

    /// Fills the refs of a failure's policy rules.
    public func cite(_ failure: ValidationFailure) -> ValidationFailure {
        var cited = failure
        for index in cited.errors.indices {
            if let path = cited.errors[index].policyPath { cited.errors[index].policyRef = ref(path) }
        }
        return cited
    }
}

extension PolicyDocument {
    /// Sources as they apply after `resolved`: an override that replaced a section is that
    /// section's source, in place of the trust-wide notes on it.
    func citingOverrides(_ applied: [(index: Int, override: PolicyOverride)],
                         of original: PolicyDocument) -> [SourceNote] {
        var cited: [SourceNote] = []
        for (index, override) in applied.reversed() {
            guard let note = original.sources.first(where: { $0.path == "overrides[\(index)]" }) else { continue }
            for section in override.sections where !cited.contains(where: { $0.path == section }) {
                cited.append(SourceNote(section, note.section))
            }
        }
        // The replaced sections' own notes no longer apply: the override's clause does.
        let replaced = cited.map(\.path)
        return cited + sources.filter { note in
            !replaced.contains { note.path == $0 || note.path.hasPrefix($0 + ".") || note.path.hasPrefix($0 + "[") }
        }
    }
}

extension PolicyOverride {
    /// The sections this override replaces.
    var sections: [String] {
        var names: [String] = []
        if cycle != nil { names.append("cycle") }
        if deadlines != nil { names.append("deadlines") }
        if objectives != nil { names.append("objectives") }
        if appointment != nil { names.append("appointment") }
        if observations != nil { names.append("observations") }
        if meetings != nil { names.append("meetings") }
        if pay != nil { names.append("pay") }
        if support != nil { names.append("support") }
        if eligibility != nil { names.append("eligibility") }
        return names
    }
}
