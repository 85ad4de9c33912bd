import Foundation
import Testing
import TestSupport

/// Issue 4 acceptance: for each preset, a trust made from it, a calendar set, a cycle opened,
/// reviewers appointed for a teacher, a support employee, the head and the CEO where the policy
/// covers them, and every deadline the policy implies checked against dates derived by hand.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct PolicyPresetScenarioTests: PresetScenario {
    let api = TestAPI()

    @Test func alphaTrust000() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 000 §4.1: pay decisions by 31 October after the August cycle end; the head's by 31 December.
        #expect(deadlines(appraisals["teacher"]) == ["final_review": "2027-10-31"])
        #expect(deadlines(appraisals["ta"]) == ["final_review": "2027-10-31"])
        #expect(deadlines(appraisals["head"]) == ["final_review": "2027-12-31"])
        #expect(appraisals["teacher"]?["period_start"] as? String == "2026-09-01")
        // 000 §2.1: induction excluded; a fixed-term contract is adjusted, not excluded.
        #expect(excluded["ect"] == "induction")
        #expect(appraisals["cover"]?["period_start"] as? String == "2026-09-07")
        #expect(appraisals["cover"]?["period_end"] as? String == "2026-11-30")
        // 000 §3.1: the head appoints for school staff, the CEO for central staff, the board for the head and CEO.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]).0 == 201)
        #expect(await appoint(t, appraisals["head"], by: "trustee", reviewers: ["ceo"]).0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["trustee"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "trustee", reviewers: ["ceo"]) == (422, ["not_reviewee"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["trustee"]).0 == 201)
        // Refused attempts wrote nothing: one appointment each.
        let history = await api.send("GET", "/v1/appraisals/\(appraisals["ceo"]!["id"]!)/reviewer-appointments", trust: t.id)
        #expect(history.items.count == 1)
    }

    @Test func associateStaff001() async throws {
        var t = try await makeTrust(preset: "001-associate-staff")
        _ = t
        let (appraisals, excluded) = try await open(t, year: 2027)
        // 001: January – December; the annual review meeting in the following January.
        #expect(appraisals["ta"]?["period_start"] as? String == "2027-01-01")
        #expect(appraisals["ta"]?["period_end"] as? String == "2027-12-31")
        #expect(deadlines(appraisals["ta"]) == ["annual_review_meeting": "2028-01-31"])
        #expect(deadlines(appraisals["finance"]) == ["annual_review_meeting": "2028-01-31"])
        // Associate staff only; the cover supervisor's contract ended before the cycle.
        #expect(excluded["teacher"] == "not_covered" && excluded["head"] == "not_covered" && excluded["ceo"] == "not_covered")
        #expect(excluded["cover"] == "left")
        // The head delegates to the line manager; the operations director for central staff.
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["teacher"]) == (422, ["line_manager"]))
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]) == (422, ["appointer_not_allowed"]))
        // The operations director line-manages the finance officer: appointing themselves is the normal case.
        #expect(await appoint(t, appraisals["finance"], by: "ops", reviewers: ["ops"]).0 == 201)
        t.people["x"] = nil
    }

    @Test func lt2Trust002() async throws {
        let t = try await makeTrust(preset: "002-lt2-trust")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 002 §2.2.1: September – August, no fixed review date; §1.1: fixed-term under a year and induction out.
        #expect(appraisals["teacher"]?["period_end"] as? String == "2027-08-31")
        // §2.2.5: at least one formal interim review, by the half-way point (Tuesday 2 March 2027).
        #expect(deadlines(appraisals["teacher"]) == ["interim_review": "2027-03-02"])
        #expect(excluded["cover"] == "contract_too_short")
        #expect(excluded["ect"] == "induction")
        // 002 §2.2.2: the CEO, the Chair of the Trust and an external adviser appraise the head.
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "trustee"], adviser: "adviser") == (422, ["required_standing"]))
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "chair"]) == (422, ["required"]))
        #expect(await appoint(t, appraisals["head"], by: "ceo", reviewers: ["ceo", "chair"], adviser: "adviser").0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["chair"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["chair"]).0 == 201)
    }

    @Test func hampshire003() async throws {
        let t = try await makeTrust(preset: "003-hampshire-model")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 003 §2.1, §5.3.3: teachers by 31 October, the head and support staff by 31 December; §5.3.2 interim half way.
        #expect(deadlines(appraisals["teacher"]) == ["interim_review": "2027-03-01", "final_review": "2027-10-31"])
        #expect(deadlines(appraisals["head"]) == ["interim_review": "2027-03-01", "final_review": "2027-12-31"])
        #expect(deadlines(appraisals["ta"]) == ["interim_review": "2027-03-01", "final_review": "2027-12-31"])
        // "Application": under one term (7 Sep – 30 Nov holds no whole term), induction.
        #expect(excluded["cover"] == "contract_too_short")
        #expect(excluded["ect"] == "induction")
        // §3.2–3.3: an HPMC of at least three governors, not the Chair, with an external adviser (§3.1).
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], adviser: "adviser") == (422, ["min_members"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "chairgov"], adviser: "adviser") == (422, ["excluded_standing"]))
        #expect(await appoint(t, appraisals["head"], by: "head", reviewers: ["gov1", "gov2", "gov3"], adviser: "adviser") == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2", "gov3"], adviser: "adviser").0 == 201)
        // §3.4: the head appoints; §3.5 re-delegation to themselves only when concerns arise, history kept.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["head"]) == (422, ["self_appointment"]))
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]) == (422, ["already_appointed"]))
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["head"], reason: "concerns").0 == 201)
        let history = await api.send("GET", "/v1/appraisals/\(appraisals["teacher"]!["id"]!)/reviewer-appointments", trust: t.id)
        #expect(history.items.map { $0["reason"] as? String } == ["initial", "concerns"])
        #expect(history.items.first?["ended_at"] is String && history.items.last?["ended_at"] == nil)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        // 003 covers maintained schools: there is no CEO to appraise.
        #expect(await appoint(t, appraisals["ceo"], by: "trustee", reviewers: ["chair"]) == (422, ["not_covered"]))
        // The head sees each reviewer's load.
        let cycle = appraisals["teacher"]!["cycle_id"] as! String
        let load = await api.send("GET", "/v1/cycles/\(cycle)/reviewer-load", trust: t.id)
        let counts = Dictionary(uniqueKeysWithValues: load.items.map { ($0["person_id"] as! String, $0["appraisals"] as! Int) })
        #expect(counts[t.people["deputy"]!.uuidString.lowercased()] == 1)
        #expect(counts[t.people["head"]!.uuidString.lowercased()] == 1)
        #expect(counts[t.people["gov1"]!.uuidString.lowercased()] == 1)
    }

    @Test func aspire004() async throws {
        let t = try await makeTrust(preset: "004-aspire-mat")
        let (appraisals, excluded) = try await open(t, year: 2026)
        // 004 §6.3: before October half term (this school's starts 19 Oct: last school day Friday 16th);
        // the head's by 31 December; mid-year by the end of the summer term (21 July here).
        #expect(deadlines(appraisals["teacher"]) == ["autumn_conversation": "2026-10-16", "mid_year_conversation": "2027-07-21"])
        #expect(deadlines(appraisals["head"]) == ["autumn_conversation": "2026-12-31", "mid_year_conversation": "2027-07-21"])
        // Central staff use the default calendar: half term from 26 October.
        #expect(deadlines(appraisals["finance"])["autumn_conversation"] == "2026-10-23")
        #expect(excluded["ect"] == "induction")
        #expect(excluded["cover"] == "contract_too_short")
        // §5.1: the LGB in consultation with the CEO appraises the head; nominated directors the CEO.
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"]) == (422, ["required"]))
        #expect(await appoint(t, appraisals["head"], by: "gov1", reviewers: ["gov1", "gov2"], consulted: "ceo").0 == 201)
        #expect(await appoint(t, appraisals["ceo"], by: "head", reviewers: ["trustee"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["ceo"], by: "chair", reviewers: ["trustee", "chair"]).0 == 201)
        // §5.2: the head for academy staff, the CEO for the central function.
        #expect(await appoint(t, appraisals["teacher"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["ta"], by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await appoint(t, appraisals["finance"], by: "head", reviewers: ["ops"]) == (422, ["appointer_not_allowed"]))
        #expect(await appoint(t, appraisals["finance"], by: "ceo", reviewers: ["ops"]).0 == 201)
    }
}
