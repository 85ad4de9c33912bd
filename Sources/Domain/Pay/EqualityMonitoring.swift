import Foundation

/// The protected characteristics (Equality Act 2010 s.4) an employee may choose to record for
/// equality monitoring of pay outcomes (002 §1.2). Special-category data: optional, answered
/// by the employee or HR, read only by HR and the employee, and counted only in the suppressed
/// equality report (issue 15 §6).
public enum ProtectedCharacteristic: String, Sendable, Codable, CaseIterable {
    case ageBand = "age_band", disability, ethnicity, genderReassignment = "gender_reassignment"
    case marriageOrCivilPartnership = "marriage_or_civil_partnership"
    case pregnancyOrMaternity = "pregnancy_or_maternity", religionOrBelief = "religion_or_belief", sex
    case sexualOrientation = "sexual_orientation"

    /// The characteristic a JSON key names, whether the decoder kept it in snake case or
    /// converted it to camel case.
    public init?(key: String) {
        let folded = key.replacingOccurrences(of: "_", with: "").lowercased()
        guard let found = Self.allCases.first(where: {
            $0.rawValue.replacingOccurrences(of: "_", with: "") == folded
        }) else { return nil }
        self = found
    }
}

public struct ProtectedCharacteristics: Sendable, Equatable {
    public var personId: UUID
    /// Each answered characteristic's code (the trust's HR codes, or `prefer_not_to_say`).
    public var answers: [ProtectedCharacteristic: String]
    public var version: Int
    public var updatedAt: Date
    public init(personId: UUID, answers: [ProtectedCharacteristic: String], version: Int, updatedAt: Date) {
        self.personId = personId; self.answers = answers; self.version = version; self.updatedAt = updatedAt
    }
}

/// The whole set of answers, replacing the last (PUT): absent means not answered.
public struct ProtectedCharacteristicsInput: Sendable, Equatable, ValidatedInput {
    public var answers: [ProtectedCharacteristic: String]
    public static let fields = Set(ProtectedCharacteristic.allCases.map(\.rawValue))

    public init(answers: [ProtectedCharacteristic: String]) { self.answers = answers }

    struct Key: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: Key.self)
        var answers: [ProtectedCharacteristic: String] = [:]
        for key in container.allKeys {
            guard let characteristic = ProtectedCharacteristic(key: key.stringValue) else { continue }
            if let value = try container.decodeIfPresent(String.self, forKey: key) { answers[characteristic] = value }
        }
        self.answers = answers
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: Key.self)
        for (key, value) in answers { try container.encode(value, forKey: Key(stringValue: key.rawValue)) }
    }

    public func validate() throws {
        var check = Validator()
        for (key, value) in answers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
            let code = value.utf8.count <= 40 && !value.isEmpty
                && value.unicodeScalars.allSatisfy { Self.codeCharacters.contains($0) }
            check.check(code, key.rawValue, "code",
                        "must be a code of 1–40 lower-case letters, digits, '_', '-' or '+' (e.g. prefer_not_to_say)")
        }
        try check.result()
    }

    static let codeCharacters = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyz0123456789_-+")
}

/// Small-cell suppression (issue 15 §6): every count under the threshold is shown as "<5",
/// and further cells are hidden until no hidden count can be worked out by subtraction from a
/// row's or a column's total — each row and column, totals included, hides none or at least two.
public enum SmallCellSuppression {
    public static let threshold = 5

    /// A table's counts with its row totals, column totals and grand total, each shown or hidden.
    public struct Table: Sendable, Equatable {
        /// `cells[row][column]`; the last column is the row's total, the last row the column totals.
        public let counts: [[Int]]
        public let hidden: [[Bool]]

        public func shown(_ row: Int, _ column: Int) -> Int? { hidden[row][column] ? nil : counts[row][column] }
    }

    /// `inner[row][column]`, each row `columns` long (a table with no rows still has its totals).
    public static func suppress(_ inner: [[Int]], columns: Int) -> Table {
        var counts = inner.map { $0 + [$0.reduce(0, +)] }
        counts.append((0...columns).map { column in counts.reduce(0) { $0 + $1[column] } })
        var hidden = counts.map { $0.map { $0 < threshold } }
        var changed = true
        while changed {
            changed = false
            for row in counts.indices where protect(line: counts[row].indices.map { (row, $0) }, counts, &hidden) {
                changed = true
            }
            for column in 0...columns where protect(line: counts.indices.map { ($0, column) }, counts, &hidden) {
                changed = true
            }
        }
        return Table(counts: counts, hidden: hidden)
    }

    /// A line (its cells and its total) with exactly one hidden count gives it away: hide the
    /// smallest shown count beside it. Whether anything changed.
    private static func protect(line: [(Int, Int)], _ counts: [[Int]], _ hidden: inout [[Bool]]) -> Bool {
        let hiddenCount = line.filter { hidden[$0.0][$0.1] }.count
        guard hiddenCount == 1 else { return false }
        let candidate = line.filter { !hidden[$0.0][$0.1] }.min { counts[$0.0][$0.1] < counts[$1.0][$1.1] }
        guard let (row, column) = candidate else { return false }
        hidden[row][column] = true
        return true
    }
}
