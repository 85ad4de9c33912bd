import Domain
import Foundation
import Postgres

/// Who may see an appraisal, as SQL over the row aliased `a` — each policy's own reading,
/// from the policy version the appraisal's cycle was opened under:
/// - `record`: the record's text — the reviewee, the reviewers (panel and adviser too), and
///   the readers the policy's `confidentiality.record_readers` names (000 §9.2, 001
///   "Confidentiality and Professional Relationships", 003 §1.8);
/// - `status`: that it exists, whose it is, its period, deadlines and appointments — the
///   record's readers, the head of its unit, and whoever the policy lets appoint its reviewer
///   (000 §3.1, 003 §3.1–3.2, 004 §5.1). Trust-wide roles see every status without this filter.
public enum AppraisalVisibility {
    /// Whether `me` sees the appraisal's status (lists narrow by it); the record's readers
    /// and the rest of the access decision are `RecordAccessStore`'s, over the same terms.
    public static func statusVisible(to me: UUID) -> SQL {
        "(" + recordVisible(to: me) + " OR " + appointerOrHead(me) + ")"
    }

    /// The product default's readers as a JSON array, for policies stored without the section.
    static let defaultReaders = "["
        + ConfidentialityRules.productDefault.recordReaders.map { "\"\($0.rawValue)\"" }.joined(separator: ", ") + "]"

    /// The units where `me` holds `role`.
    static func units(where me: UUID, holds role: Role) -> SQL {
        "(SELECT unit_id FROM grants WHERE person_id = \(me) AND role = \(role.rawValue))"
    }

    /// Whether `me` holds one of `roles` (anywhere, or trust-wide only).
    static func holds(_ me: UUID, _ roles: [Role], trustWide: Bool = false) -> SQL {
        let names = "{" + roles.map(\.rawValue).joined(separator: ",") + "}"
        let sql: SQL = "EXISTS (SELECT 1 FROM grants WHERE person_id = \(me) AND role = ANY (\(names)::text[])"
        return sql + (trustWide ? " AND unit_id IS NULL)" : ")")
    }

    static func recordVisible(to me: UUID) -> SQL {
        var sql: SQL = "(a.person_id = \(me) OR a.id IN ("
        sql.append(EmploymentStore.currentlyReviewedQuery(by: me))
        sql.append("""
            ) OR EXISTS (
              SELECT 1 FROM cycles vc JOIN policy_versions vpv ON vpv.id = vc.policy_version_id
              CROSS JOIN LATERAL (
                SELECT coalesce(vpv.document->'confidentiality'->'record_readers',
                                \(defaultReaders)::jsonb) AS readers) r
              WHERE vc.id = a.cycle_id AND (
                (r.readers ? 'head_of_unit' AND a.unit_id IN
            """)
        sql.append(units(where: me, holds: .headteacher))
        sql.append(") OR (r.readers ? 'senior_leaders' AND a.category NOT IN ('headteacher', 'ceo') AND a.unit_id IN ")
        sql.append(units(where: me, holds: .seniorLeader))
        sql.append(") OR (r.readers ? 'operations_director' AND a.category = 'central_staff' AND ")
        sql.append(holds(me, [.operationsDirector]))
        sql.append(") OR (r.readers ? 'ceo_for_heads' AND a.category = 'headteacher' AND ")
        sql.append(holds(me, [.ceo]))
        sql.append(") OR (r.readers ? 'trust_roles' AND ")
        sql.append(holds(me, [.trustAdmin, .hr, .ceo, .operationsDirector], trustWide: true))
        sql.append(") OR (r.readers ? 'line_management_chain' AND a.employment_id IN (")
        sql.append(EmploymentStore.reportsSubquery(of: me))
        sql.append("""
            )) OR (r.readers ? 'reviewers_line_managers' AND a.id IN (
                  SELECT rap.appraisal_id FROM reviewer_appointments rap
                  JOIN reviewer_appointment_members rm ON rm.appointment_id = rap.id
                  JOIN employments re ON re.person_id = rm.person_id
                  WHERE rap.ended_at IS NULL AND re.id IN (
            """)
        sql.append(EmploymentStore.reportsSubquery(of: me))
        sql.append(")))")
        sql.append(" OR (r.readers ? 'heads_committee' AND a.category = 'headteacher'")
        sql.append(" AND EXISTS (SELECT 1 FROM employments ae WHERE ae.id = a.employment_id AND ")
        sql.append(EmploymentStore.headOfCommitteeUnit(t: "ae", me: me))
        // Closes: EXISTS (employments), the heads_committee term, the readers' terms,
        // EXISTS (policy), the whole.
        sql.append(")))))")
        return sql
    }

    /// The head of the appraisal's unit (they decide who reviews its staff, 000 §3.1, 003 §3.4,
    /// 004 §5.2), and anyone whose grants make them one of the policy's appointers for the
    /// appraisal's kind of reviewee — a chair counting as a member of their body.
    static func appointerOrHead(_ me: UUID) -> SQL {
        var sql: SQL = "(a.unit_id IN "
        sql.append(units(where: me, holds: .headteacher))
        sql.append("""
             OR EXISTS (
               SELECT 1 FROM cycles sc JOIN policy_versions spv ON spv.id = sc.policy_version_id
               CROSS JOIN LATERAL (
                 SELECT coalesce(spv.document->'appointment'->(a.category)->'appointers', '[]'::jsonb) AS who) ap
               JOIN grants g ON g.person_id = \(me) AND (g.unit_id IS NULL OR g.unit_id = a.unit_id)
               WHERE sc.id = a.cycle_id AND (ap.who ? g.role
                 OR (g.role = 'chair_of_trustees' AND ap.who ? 'trustee')
                 OR (g.role = 'chair_of_governors' AND ap.who ? 'governor'))))
            """)
        return sql
    }
}
