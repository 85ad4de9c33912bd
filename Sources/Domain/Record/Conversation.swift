import Foundation

/// A performance conversation (004 §6, the conversations model): an autumn and a mid-year
/// conversation, each with a professional part — growth areas, CPD — and a wellbeing part.
/// The wellbeing notes are not a field of this type: they live apart (`WellbeingNotes`) and
/// only the employee and the conversation lead ever read them (004 §6.4a).
public struct Conversation: Sendable, Equatable, Codable {
    public enum Kind: String, Sendable, Codable, CaseIterable {
        case autumn, midYear = "mid_year"
    }

    public var id: UUID
    public var trustId: UUID
    public var appraisalId: UUID
    public var kind: Kind
    public var heldOn: CalendarDate
    public var leadId: UUID
    public var growthAreas: [String]
    public var cpdActivities: [String]
    /// Whether the employee consented to wellbeing notes being kept (never the notes).
    public var wellbeingConsent: Bool
    public var version: Int
    public var createdAt: Date
    public var updatedAt: Date

    public init(id: UUID, trustId: UUID, appraisalId: UUID, kind: Kind, heldOn: CalendarDate, leadId: UUID, growthAreas: [String],
                cpdActivities: [String], wellbeingConsent: Bool, version: Int, createdAt: Date, updatedAt: Date) {
        self.id = id; self.trustId = trustId; self.appraisalId = appraisalId; self.kind = kind; self.heldOn = heldOn
        self.leadId = leadId; self.growthAreas = growthAreas; self.cpdActivities = cpdActivities
        self.wellbeingConsent = wellbeingConsent; self.version = version; self.createdAt = createdAt; self.updatedAt = updatedAt
    }
}

public struct ConversationInput: Sendable, Equatable, Codable, ValidatedInput {
    public var kind: Conversation.Kind
    public var heldOn: CalendarDate
    /// Defaults to the caller.
    public var leadId: UUID?
    public var growthAreas: [String]?
    public var cpdActivities: [String]?
    public var wellbeingConsent: Bool?
    /// Kept only with consent, apart from the conversation.
    public var wellbeingNotes: String?

    public static let fields: Set<String> = ["kind", "held_on", "lead_id", "growth_areas", "cpd_activities", "wellbeing_consent",
                                             "wellbeing_notes"]

    public func validate() throws {
        var check = Validator()
        for (field, items) in [("growth_areas", growthAreas ?? []), ("cpd_activities", cpdActivities ?? [])] {
            check.check(items.count <= 20, field, "max_items", "must have at most 20 items")
            for (index, item) in items.enumerated() { check.text(item, "\(field)[\(index)]", max: 1000) }
        }
        check.optionalText(wellbeingNotes, "wellbeing_notes", max: 8000)
        // 004 §6.4a: notes only with the employee's consent; without it nothing is stored.
        if wellbeingNotes != nil {
            check.check(wellbeingConsent == true, "wellbeing_notes", "consent",
                        "are kept only when the employee's consent is recorded (wellbeing_consent: true)")
        }
        try check.result()
    }
}

/// The wellbeing notes of one conversation: for the employee and the conversation lead alone.
public struct WellbeingNotes: Sendable, Equatable, Codable {
    public var conversationId: UUID
    public var consent: Bool
    public var notes: String?
    public var updatedAt: Date?
    public init(conversationId: UUID, consent: Bool, notes: String?, updatedAt: Date?) {
        self.conversationId = conversationId; self.consent = consent; self.notes = notes; self.updatedAt = updatedAt
    }
}

public struct WellbeingInput: Sendable, Equatable, Codable, ValidatedInput {
    public var consent: Bool
    public var notes: String?
    public static let fields: Set<String> = ["consent", "notes"]
    public func validate() throws {
        var check = Validator()
        check.optionalText(notes, "notes", max: 8000)
        if notes != nil {
            check.check(consent, "notes", "consent", "are kept only when the employee's consent is recorded (consent: true)")
        }
        try check.result()
    }
}
