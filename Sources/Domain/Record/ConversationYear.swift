import Foundation

/// How a year closes under the conversations model (issue 13 §2; 004 §6): no assessment and
/// no pay recommendation — the conversations the policy names, recorded; the professional-
/// development commitments made in them; and 004 §6.3's outcome: meeting the Teachers' or
/// Headteachers' Standards unless concerns are being managed through capability.
public struct ConversationYear: Sendable, Equatable {
    public enum Outcome: String, Sendable, Codable, CaseIterable {
        case meetingStandards = "meeting_standards"
        case concernsBeingManaged = "concerns_being_managed"
    }

    /// What the reader is shown: all of it, or — to the local governing body reading a head's
    /// (004 §6.2) — the commitments alone.
    public enum View: String, Sendable, Codable { case full, commitments }

    public struct Held: Sendable, Equatable {
        public var kind: String
        public var heldOn: CalendarDate
        public var leadId: UUID
    }

    public var appraisalId: UUID
    public var view: View
    /// The conversations the policy's deadlines name (004 §6.3: autumn, mid-year).
    public var required: [String]
    public var held: [Held]
    /// Every required conversation is recorded: the year is closed.
    public var closed: Bool
    public var growthAreas: [String]
    public var cpdCommitments: [String]
    /// Once closed; nil before.
    public var outcome: Outcome?

    /// `concerns`: the appraisal is out of the cycle's ordinary course (suspended while concerns
    /// are managed: 004 §6.3's "Capability or Managing Underperformance procedures").
    public init(appraisalId: UUID, deadlines: [Deadline], conversations: [Conversation], concerns: Bool,
                view: View) {
        self.appraisalId = appraisalId
        self.view = view
        let required = deadlines.compactMap(\.conversationKind)
        let kinds = Set(conversations.map(\.kind.rawValue))
        self.required = required
        held = conversations.map { Held(kind: $0.kind.rawValue, heldOn: $0.heldOn, leadId: $0.leadId) }
        closed = !required.isEmpty && required.allSatisfy(kinds.contains)
        growthAreas = Self.unique(conversations.flatMap(\.growthAreas))
        cpdCommitments = Self.unique(conversations.flatMap(\.cpdActivities))
        outcome = closed ? (concerns ? .concernsBeingManaged : .meetingStandards) : nil
        if view == .commitments { held = []; outcome = nil }
    }

    /// Each once, in the order first said.
    private static func unique(_ items: [String]) -> [String] {
        var seen = Set<String>()
        return items.filter { seen.insert($0).inserted }
    }
}
