import Foundation

/// The professional standards objectives, evidence and assessments reference (issue 5 §7).
/// Frameworks are versioned data (shared/reference/standards-and-calendar.md): a policy names
/// the one it uses (`standards.teachers`, `standards.headteachers`); support staff are judged
/// against the key accountabilities of their role profile (003 §4.6), which are the trust's own
/// job description items (objective links), not a national framework.
public struct StandardsFramework: Sendable, Equatable, Codable {
    public struct Item: Sendable, Equatable, Codable {
        public var id: String
        public var group: String
        public var text: String
    }
    public var id: String
    public var name: String
    public var source: String
    public var items: [Item]
}

public enum StandardsCatalogue {
    public static let frameworks: [StandardsFramework] = [teachers2011, headteachers2020, excellence2015]

    public static func framework(_ id: String) -> StandardsFramework? { frameworks.first { $0.id == id } }

    private static let itemsByID: [String: StandardsFramework.Item] = {
        var items: [String: StandardsFramework.Item] = [:]
        for framework in frameworks { for item in framework.items { items[item.id] = item } }
        return items
    }()

    public static func item(_ id: String) -> StandardsFramework.Item? { itemsByID[id] }

    static let teachers2011 = StandardsFramework(
        id: "teachers_standards_2011", name: "Teachers' Standards", source: "DfE, 2011 (updated 2021)",
        items: [
            ("TS1", "Set high expectations which inspire, motivate and challenge pupils"),
            ("TS2", "Promote good progress and outcomes by pupils"),
            ("TS3", "Demonstrate good subject and curriculum knowledge"),
            ("TS4", "Plan and teach well structured lessons"),
            ("TS5", "Adapt teaching to respond to the strengths and needs of all pupils"),
            ("TS6", "Make accurate and productive use of assessment"),
            ("TS7", "Manage behaviour effectively to ensure a good and safe learning environment"),
            ("TS8", "Fulfil wider professional responsibilities"),
        ].map { StandardsFramework.Item(id: $0.0, group: "Part One: Teaching", text: $0.1) }
            + [StandardsFramework.Item(id: "TS-P2", group: "Part Two: Personal and professional conduct",
                                       text: "Personal and professional conduct")])

    static let headteachers2020 = StandardsFramework(
        id: "headteachers_standards_2020", name: "Headteachers' Standards 2020", source: "DfE, 2020 (non-statutory)",
        items: [StandardsFramework.Item(id: "HS-E", group: "Section 1: Ethics and professional conduct",
                                        text: "The seven principles of public life: selflessness, integrity, objectivity, accountability, openness, honesty, leadership")]
            + [("HS1", "Culture and ethos", "School culture"), ("HS2", "Culture and ethos", "Teaching"),
               ("HS3", "Curriculum and teaching", "Curriculum and assessment"), ("HS4", "Culture and ethos", "Behaviour"),
               ("HS5", "Curriculum and teaching", "Additional and special educational needs and disabilities"),
               ("HS6", "Curriculum and teaching", "Professional development"), ("HS7", "Organisational effectiveness", "Organisational management"),
               ("HS8", "Organisational effectiveness", "School improvement"), ("HS9", "Organisational effectiveness", "Working in partnership"),
               ("HS10", "Organisational effectiveness", "Governance and accountability")]
            .map { StandardsFramework.Item(id: $0.0, group: "Section 2: " + $0.1, text: $0.2) })

    /// 002 Appendix A: four domains, six characteristics each.
    static let excellence2015 = StandardsFramework(
        id: "national_standards_excellence_2015", name: "National Standards of Excellence for Headteachers",
        source: "DfE, 2015; quoted by 002 Appendix A",
        items: [
            ("Qualities and knowledge", ["Clear values and moral purpose", "Optimistic personal behaviour and positive relationships",
                                         "Lead by example", "Wide, current knowledge of education and school systems",
                                         "Political and financial astuteness", "Communicate the school's vision"]),
            ("Pupils and staff", ["Ambitious standards for all pupils", "Secure excellent teaching", "A culture of open classrooms",
                                  "An ethos in which staff develop", "Identify emerging talents", "Hold all staff to account"]),
            ("Systems and process", ["Well-considered systems and processes", "A safe, calm and well-ordered environment",
                                     "Rigorous, fair and transparent performance management", "Welcome strong governance",
                                     "Strategic, curriculum-led financial planning", "Distribute leadership"]),
            ("The self-improving school system", ["Outward-facing schools", "Effective relationships with fellow professionals",
                                                  "Challenge educational orthodoxies", "Shape the quality of the teaching profession",
                                                  "Entrepreneurial and innovative approaches", "Inspire and influence others"]),
        ].enumerated().flatMap { domain, entry in
            entry.1.enumerated().map { index, text in
                StandardsFramework.Item(id: "NSEH-\(domain + 1).\(index + 1)", group: "Domain \(domain + 1): \(entry.0)", text: text)
            }
        })
}
