import Foundation

/// Why a reviewer is being appointed: the first appointment, a change, or a re-delegation
/// because concerns have arisen (003 §3.5, §6.3).
public enum AppointmentReason: String, Sendable, Codable, CaseIterable {
    case initial, change, concerns
}

/// A proposed appointment, with the standing of everyone named in it relative to the reviewee
/// (grants in the reviewee's unit or trust-wide, the line-management chain).
public struct ProposedAppointment: Sendable {
    public var category: RevieweeCategory
    public var reviewee: UUID
    public var appointer: UUID
    public var reviewers: [UUID]
    public var externalAdviser: UUID?
    public var consulted: UUID?
    public var reason: AppointmentReason
    public var standings: [UUID: Set<Standing>]

    public init(category: RevieweeCategory, reviewee: UUID, appointer: UUID, reviewers: [UUID], externalAdviser: UUID?,
                consulted: UUID?, reason: AppointmentReason, standings: [UUID: Set<Standing>]) {
        self.category = category
        self.reviewee = reviewee
        self.appointer = appointer
        self.reviewers = reviewers
        self.externalAdviser = externalAdviser
        self.consulted = consulted
        self.reason = reason
        self.standings = standings
    }

    func standing(_ person: UUID) -> Set<Standing> { standings[person] ?? [] }
}

extension AppointmentRules {
    /// Checks an appointment against the policy; every broken rule is a field error (422),
    /// named so a front can show it: `appointer_not_allowed`, `min_members`, `excluded_standing`…
    public func check(_ proposal: ProposedAppointment) throws {
        var check = Validator()
        guard let rule = rule(for: proposal.category) else {
            // 001 "Scope": the policy covers associate staff; 003 has no CEO.
            check.fail("reviewers", "not_covered",
                       "the policy does not provide for appointing a reviewer for \(proposal.category.rawValue)")
            try check.result(policy: "appointment")
            return
        }
        let names = { (standings: [Standing]) in standings.map(\.rawValue).joined(separator: ", ") }
        let appointer = proposal.standing(proposal.appointer)
        // 000 §3.1, 001, 002 §2.2.2, 003 §3.2/§3.4, 004 §5.1–5.2: only the named appointers.
        check.check(!appointer.isDisjoint(with: rule.appointers), "appointed_by", "appointer_not_allowed",
                    "under this policy the reviewer of \(proposal.category.rawValue) is appointed by: \(names(rule.appointers))")
        // 003 §3.2: "a minimum of 3 members of the Governing Body".
        check.check(proposal.reviewers.count >= rule.minMembers, "reviewers", "min_members",
                    "must name at least \(rule.minMembers) reviewer\(rule.minMembers == 1 ? "" : "s")")
        if let max = rule.maxMembers {
            check.check(proposal.reviewers.count <= max, "reviewers", "max_members", "must name at most \(max) reviewer\(max == 1 ? "" : "s")")
        }
        check.check(Set(proposal.reviewers).count == proposal.reviewers.count, "reviewers", "unique", "must not name anyone twice")
        for (index, member) in proposal.reviewers.enumerated() {
            let at = "reviewers[\(index)]"
            let standing = proposal.standing(member)
            check.check(member != proposal.reviewee, at, "not_reviewee", "the reviewee cannot review themselves")
            if member == proposal.appointer && member != proposal.reviewee {
                let allowed = rule.appointerMayReview(asLineManager: standing.contains(.lineManager),
                                                      reason: proposal.reason)
                check.check(allowed, at, "self_appointment",
                            "the appointer may not appoint themselves as reviewer under this policy"
                            + (rule.appointerAsReviewer == .onConcerns
                               ? " unless they line-manage the reviewee or concerns have arisen" : ""))
            }
            if let allowedStandings = rule.memberStandings {
                check.check(!standing.isDisjoint(with: allowedStandings), at, "member_standing",
                            "each reviewer must be one of: \(names(allowedStandings))")
            }
            // 003 §3.3: not normally the Chair of Governors.
            let excluded = rule.excludedStandings.filter(standing.contains)
            check.check(excluded.isEmpty, at, "excluded_standing", "may not be a reviewer under this policy: \(names(excluded))")
            // 001 "Appointing Reviewers": delegated to "the relevant line manager" — the one who
            // supervises the reviewee, not every manager above them — unless concerns re-delegate it.
            if rule.reviewerMustBeLineManager && proposal.reason != .concerns {
                check.check(standing.contains(.lineManager), at, "line_manager",
                            "must be the reviewee's own line manager")
            }
        }
        for required in rule.requiredStandings {
            // 002 §2.2.2: the CEO and the Chair of the Trust appraise the head.
            check.check(proposal.reviewers.contains { proposal.standing($0).contains(required) }, "reviewers", "required_standing",
                        "must include the \(required.rawValue)")
        }
        switch (rule.externalAdviser, proposal.externalAdviser) {
        case (.required, nil):
            // 003 §3.1, 002 §2.2.2: supported by an external adviser.
            check.fail("external_adviser_id", "required", "an external adviser is required under this policy")
        case (.none, .some):
            check.fail("external_adviser_id", "forbidden", "this policy has no external adviser for \(proposal.category.rawValue)")
        case (_, let adviser?):
            check.check(proposal.standing(adviser).contains(.externalAdviser), "external_adviser_id", "standing",
                        "must be a person granted the external_adviser role")
            check.check(adviser != proposal.reviewee, "external_adviser_id", "not_reviewee", "cannot be the reviewee")
        default: break
        }
        if let consult = rule.consult {
            // 004 §5.1: "in consultation with the CEO".
            if let consulted = proposal.consulted {
                check.check(proposal.standing(consulted).contains(consult), "consulted_person_id", "standing", "must be the \(consult.rawValue)")
            } else {
                check.fail("consulted_person_id", "required", "the \(consult.rawValue) must be consulted under this policy")
            }
        }
        if proposal.reason == .concerns {
            check.check(rule.mayRedelegateOnConcerns, "reason", "redelegation_not_allowed",
                        "this policy does not provide for re-delegating this reviewer role")
        }
        // Every rule here is the policy's appointment rule for this kind of reviewee.
        try check.result(policy: "appointment." + proposal.category.rawValue)
    }
}
