import Domain
import Foundation
import Testing

@Suite struct CalendarDateTests {
    @Test(arguments: ["2024-02-29", "2000-02-29", "2026-12-31", "0001-01-01", "9999-12-31"])
    func parsesValidDates(_ text: String) {
        #expect(CalendarDate(text)?.description == text)
    }

    @Test(arguments: ["2023-02-29", "1900-02-29", "2026-13-01", "2026-00-10", "2026-04-31", "26-01-01",
                      "2026-1-01", "2026-01-01T00:00:00Z", "", "２０２６-01-01", "+026-01-01", "2026/01/01",
                      "0000-01-01", "2026-01-1x"])
    func refusesInvalidDates(_ text: String) {
        #expect(CalendarDate(text) == nil)
    }

    @Test func ordersChronologically() throws {
        let dates = ["2026-09-01", "2025-12-31", "2026-08-31"].compactMap(CalendarDate.init)
        #expect(dates.sorted().map(\.description) == ["2025-12-31", "2026-08-31", "2026-09-01"])
    }

    @Test func decodesFromJSONAndRefusesOtherFormats() throws {
        struct Box: Codable { let date: CalendarDate }
        let box = try JSONDecoder().decode(Box.self, from: Data(#"{"date":"2026-11-23"}"#.utf8))
        #expect(box.date == CalendarDate(year: 2026, month: 11, day: 23))
        #expect(throws: DecodingError.self) { try JSONDecoder().decode(Box.self, from: Data(#"{"date":"23/11/2026"}"#.utf8)) }
        #expect(String(decoding: try JSONEncoder().encode(box), as: UTF8.self) == #"{"date":"2026-11-23"}"#)
    }
}

@Suite struct IdentifierTests {
    @Test func uuidV7CarriesVersionVariantAndTimeOrder() {
        let earlier = IDGenerator.uuidV7(at: Date(timeIntervalSince1970: 1_700_000_000))
        let later = IDGenerator.uuidV7(at: Date(timeIntervalSince1970: 1_700_000_001))
        let text = earlier.uuidString.lowercased()
        #expect(Array(text)[14] == "7")
        #expect("89ab".contains(Array(text)[19]))
        #expect(earlier.uuidString.lowercased() < later.uuidString.lowercased())
    }

    /// The random part comes from a pool refilled 4 KiB at a time: across many refills every
    /// id keeps its version and variant, and none repeats.
    @Test func uuidV7sStayDistinctAcrossRefillsOfTheirRandomness() {
        let instant = Date(timeIntervalSince1970: 1_800_000_000)
        let ids = (0..<5_000).map { _ in IDGenerator.uuidV7(at: instant) }
        #expect(Set(ids).count == ids.count)
        for id in ids {
            #expect(id.uuid.6 >> 4 == 7)
            #expect(id.uuid.8 >> 6 == 0b10)
        }
    }

    @Test func encodesUUIDsInLowercase() throws {
        let person = Person(id: UUID(uuidString: "0193A5B0-0000-7000-8000-00000000ABCD")!,
                            trustId: UUID(uuidString: "0193A5B0-0000-7000-8000-0000000000FF")!,
                            input: PersonInput(givenName: "A", familyName: "B"), version: 1,
                            createdAt: Date(timeIntervalSince1970: 0), updatedAt: Date(timeIntervalSince1970: 0))
        let json = String(decoding: try JSONEncoder().encode(person), as: UTF8.self)
        #expect(json.contains("0193a5b0-0000-7000-8000-00000000abcd"))
        #expect(json.contains("0193a5b0-0000-7000-8000-0000000000ff"))
        #expect(!json.contains("ABCD"))
    }
}
