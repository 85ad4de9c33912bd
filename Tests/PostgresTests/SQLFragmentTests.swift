import Foundation
import Postgres
import Testing

/// Building statements from fragments: placeholders renumbered, values stay bound.
struct SQLFragmentTests {
    @Test func appendedFragmentsAreRenumberedAfterTheFirst() {
        var sql: SQL = "SELECT \(1), \(2)"
        var fragment: SQL = " WHERE a = \("x")"
        for value in 0..<9 { fragment.append(" OR b = \(value)") }
        sql.append(fragment)
        sql.append(" AND c = '$1' || \("y")") // a `$1` in a literal is renumbered only as text would be
        #expect(sql.text.hasPrefix("SELECT $1, $2 WHERE a = $3 OR b = $4"))
        #expect(sql.text.contains("OR b = $12 AND c = '$13' || $13"))
        #expect(sql.binds == ["1", "2", "x"] + (0..<9).map(String.init) + ["y"])
        var plain: SQL = "SELECT 1"
        plain.append(" FROM t WHERE x = \(5)")
        #expect(plain.text == "SELECT 1 FROM t WHERE x = $1")
    }

    @Test func rebindingSwapsStandInValuesOnly() {
        let standIn = UUID(uuidString: "00000000-0000-0000-0000-0000000a11ce")!
        let real = UUID()
        let sql: SQL = "SELECT \(standIn), \("kept"), \(standIn)"
        let bound = sql.rebinding([standIn.postgresText: real.postgresText])
        #expect(bound.text == sql.text)
        #expect(bound.binds == [real.postgresText, "kept", real.postgresText])
    }

    /// Issue 12 §2: uuids are parsed by hand now; they must read exactly what Foundation reads.
    @Test func uuidsAreParsedAsFoundationParsesThem() {
        for _ in 0..<200 {
            let uuid = UUID()
            #expect(UUID(postgresText: uuid.uuidString.lowercased()) == uuid)
            #expect(UUID(postgresText: uuid.uuidString) == uuid)
            // And written by hand (issue 16 §1), exactly as Foundation writes them, in lower case.
            #expect(uuid.postgresText == uuid.uuidString.lowercased())
        }
        for bad in ["", "0193a5b0-0000-7000-8000-0000000be7c", "0193a5b0-0000-7000-8000-0000000be7c4x",
                    "0193a5b0x0000-7000-8000-0000000be7c4", "0193a5b0-0000-7000-8000-0000000be7g4",
                    "g193a5b0-0000-7000-8000-0000000be7c4", "0193a5b0-0000-7000-8000-0000000be7c\u{e9}"] {
            #expect(UUID(postgresText: bad) == nil)
            #expect(UUID(uuidString: bad) == nil)
        }
        // Foundation's sscanf takes a sign or a space where a digit belongs; PostgreSQL never does.
        for bad in ["0193a5b0-0000-7000-8000-0000000be7-4", "0193a5b0-0000-7000-8000-00000 0be7c4"] {
            #expect(UUID(postgresText: bad) == nil)
        }
    }

    /// Issue 12 §2: plain numerics are parsed by hand; they must equal and print as Foundation's.
    @Test func decimalsAreParsedAsFoundationParsesThem() {
        let posix = Locale(identifier: "en_US_POSIX")
        for text in ["0", "1", "1.000", "0.6", "0.600", "0.85", "12.50", "-3.25", "-0", "123456789012345678",
                     "0.000001", "1e5", "1234567890123456789012", ".5", "5.", "1.2.3", "", "-", "NaN"] {
            let ours = Decimal(postgresText: text)
            let foundation = Decimal(string: text, locale: posix)
            #expect(ours == foundation, "\(text)")
            #expect(ours?.description == foundation?.description, "\(text)")
        }
    }

    /// A `text[]` literal quotes every element and escapes quotes and backslashes only.
    @Test func textArrayLiteralsQuoteAndEscape() {
        #expect(CopyRows.arrayLiteral([]) == "{}")
        #expect(CopyRows.arrayLiteral(["a", #"b"c"#, #"d\e"#, "é, f", "{g}"]) == #"{"a","b\"c","d\\e","é, f","{g}"}"#)
    }
}
