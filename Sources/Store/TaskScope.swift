import Domain
import Foundation

/// What the caller's grants and reviewer appointments reach, read once per task list: the
/// queries over a whole trust (objectives to determine, pay to recommend, pay steps) are
/// bounded by it, and not run at all when it reaches nothing, as for most staff. Asked of
/// every appraisal of a trust of 1,000,000 for someone who reviews none, they read them all
/// (the pay query ran past the 5 s statement timeout, and the reminder pass stopped there).
public struct TaskScope: Sendable {
    /// Units the caller heads or governs (who may determine a disputed objective, 001, 003 §4.1).
    public var governedUnits: [UUID] = []
    /// A committee grant held trust-wide covers every unit (as `RecordStore.participation`
    /// reads it; the query before this one matched only grants naming a unit).
    public var governsEveryUnit = false
    /// Units the caller heads (who may recommend and approve pay, 001, 003 §3.4).
    public var headedUnits: [UUID] = []
    /// Operations director: central staff's appraisals (001).
    public var operationsDirector = false
    /// Sits on a pay committee, of the trust or of a unit.
    public var payCommittee = false
    /// The appraisals the caller currently reviews (as reviewer, panel member or adviser).
    public var reviewed: [UUID] = []

    public init(grants: [(role: String, unit: UUID?)], reviewed: [UUID]) {
        self.reviewed = reviewed
        for (name, unit) in grants {
            guard let role = Role(rawValue: name) else { continue }
            if role == .operationsDirector { operationsDirector = true }
            if role == .payCommitteeMember { payCommittee = true }
            let governs = [.headteacher, .governor, .chairOfGovernors, .committeeMember].contains(role)
            guard let unit else {
                governsEveryUnit = governsEveryUnit || governs
                continue
            }
            if governs { governedUnits.append(unit) }
            if role == .headteacher { headedUnits.append(unit) }
        }
    }

    public var mayDetermineObjectives: Bool {
        !governedUnits.isEmpty || governsEveryUnit || operationsDirector || !reviewed.isEmpty
    }
    public var mayRecommendPay: Bool { !headedUnits.isEmpty || operationsDirector || !reviewed.isEmpty }
    /// Approving (head, operations director), deciding or hearing appeals (pay committee).
    public var mayTakePaySteps: Bool { !headedUnits.isEmpty || operationsDirector || payCommittee }
}
