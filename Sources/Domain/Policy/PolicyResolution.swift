import Foundation

extension PolicyOverride {
    /// Whether every selector given matches the employment (job titles case-insensitively).
    public func matches(unitId: UUID, staffGroup: Employment.StaffGroup, jobTitle: String) -> Bool {
        if let id = self.unitId, id != unitId { return false }
        if let groups = staffGroups, !groups.isEmpty, !groups.contains(staffGroup) { return false }
        if let titles = jobTitles, !titles.isEmpty,
           !titles.contains(where: { $0.caseInsensitiveCompare(jobTitle) == .orderedSame }) { return false }
        return true
    }

    var specificity: Int {
        (unitId == nil ? 0 : 1) + ((staffGroups ?? []).isEmpty ? 0 : 1) + ((jobTitles ?? []).isEmpty ? 0 : 1)
    }
}

extension PolicyDocument {
    /// The policy as it applies to one employment: matching overrides replace whole sections,
    /// the most specific last (a tie goes to the later override in the list).
    public func resolved(unitId: UUID, staffGroup: Employment.StaffGroup, jobTitle: String) -> PolicyDocument {
        var result = self
        let matching = overrides.enumerated()
            .filter { $0.element.matches(unitId: unitId, staffGroup: staffGroup, jobTitle: jobTitle) }
            .sorted { ($0.element.specificity, $0.offset) < ($1.element.specificity, $1.offset) }
        for (_, override) in matching {
            if let value = override.cycle { result.cycle = value }
            if let value = override.deadlines { result.deadlines = value }
            if let value = override.objectives { result.objectives = value }
            if let value = override.appointment { result.appointment = value }
            if let value = override.observations { result.observations = value }
            if let value = override.meetings { result.meetings = value }
            if let value = override.pay { result.pay = value }
            if let value = override.support { result.support = value }
            if let value = override.eligibility { result.eligibility = value }
        }
        // An overridden section cites the override's clause (issue 11 §3: policy_ref).
        result.sources = result.citingOverrides(matching.map { (index: $0.offset, override: $0.element) }, of: self)
        result.overrides = []
        return result
    }
}
