import App
import Domain
import Foundation
@testable import HTTPAPI
import Testing

/// Issue 12 §2: the hand-rolled encoder must write exactly the bytes Foundation's encoder, with
/// `JSON.encoder`'s settings, writes — no response body may change with the speed-up.
@Suite struct ResponseEncoderTests {
    func expectSameBytes<T: Encodable>(_ value: T, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let foundation = try JSON.encoder.encode(value)
        let ours = try ResponseEncoder.encode(value)
        #expect(String(decoding: ours, as: UTF8.self) == String(decoding: foundation, as: UTF8.self),
                sourceLocation: sourceLocation)
    }

    struct Keys: Encodable {
        var plain = "text"
        var camelCaseKey = 1
        var myURLProperty = "acronym"
        var ts2Count = 2
        var aB = true
        var already_snake = false
        var trailingDigits10 = 10
        var trailingDigits9 = 9
        var absent: String? = nil
        var present: String? = "here"
        var nested = Inner()
        var list = [Inner(), Inner(value: nil)]
        var empty: [Int] = []
    }

    struct Inner: Encodable {
        var value: Int? = 3
        var when = Date(timeIntervalSince1970: 1_790_000_000.123)
        var id = UUID(uuidString: "0193A5B0-0000-7000-8000-0000000BE7C4")!
    }

    struct Scalars: Encodable {
        var text = "quote \" backslash \\ slash / newline \n tab \t cr \r bell \u{07} nul \u{0} é 漢 😀 \u{1F}"
        var doubles: [Double] = [0, 1, -1, 0.5, 1.25, 1e20, 1e21, 1.5e-7, 123_456_789.125, -0.0, 3.141592653589793]
        var floats: [Float] = [0.1, 2.5, 1]
        var decimals: [Decimal] = [Decimal(string: "0.6")!, 1, Decimal(string: "0.85")!, Decimal(string: "12.50")!]
        var integers: [Int64] = [0, -1, .max, .min]
        var unsigned: [UInt8] = [0, 255]
        var bools = [true, false]
        var url = URL(string: "https://example.test/a b?c=d")
        var data = Data([0, 1, 2, 250])
        var date: Date? = Date(timeIntervalSince1970: 0)
        var calendarDate = CalendarDate(year: 2027, month: 2, day: 28)!
    }

    /// Two keyed containers asked of one encoder make one object (CreatedAPIKey does this).
    struct Merged: Encodable {
        enum First: String, CodingKey { case zebra, apple }
        enum Second: String, CodingKey { case middleKey, apple, nestedObject }
        func encode(to encoder: any Encoder) throws {
            var first = encoder.container(keyedBy: First.self)
            try first.encode("z", forKey: .zebra)
            try first.encode("first", forKey: .apple)
            var second = encoder.container(keyedBy: Second.self)
            try second.encode("m", forKey: .middleKey)
            try second.encode("second", forKey: .apple)
            var nested = second.nestedContainer(keyedBy: First.self, forKey: .nestedObject)
            try nested.encodeNil(forKey: .zebra)
        }
    }

    @Test func keysAreConvertedAndSortedAsFoundationDoes() throws {
        try expectSameBytes(Keys())
        try expectSameBytes([Keys(), Keys()])
        try expectSameBytes(Merged())
    }

    @Test func scalarsAreWrittenAsFoundationWritesThem() throws {
        try expectSameBytes(Scalars())
        try expectSameBytes(["status": "ok"])
        try expectSameBytes(["b": 1, "a": 2, "B": 3, "_": 4, "a10": 5, "a9": 6])
        try expectSameBytes("just a string")
        try expectSameBytes(Optional<Int>.none)
    }

    /// Decimals are written by hand from their significand and exponent (JSONBytes.decimal).
    @Test func decimalsAreWrittenAsFoundationWritesThem() throws {
        var decimals: [Decimal] = [0, 1, -1, 10, 1200, Decimal(string: "0.005")!, Decimal(string: "-0.5")!,
                                   Decimal(string: "1.00")!, Decimal(100) / 100, Decimal(1) / 3, Decimal(2) / 3 * 3,
                                   Decimal(string: "999999999999999999")!, Decimal(string: "1000000000000000000")!,
                                   Decimal(string: "18446744073709551616")!, Decimal(string: "-1e-30")!,
                                   Decimal(string: "123456789012345678901234567.5")!, .nan, Decimal(0) * 7,
                                   Decimal(sign: .minus, exponent: -3, significand: 0), Decimal(string: "5e20")!]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2_000 {
            let largest = UInt64.random(in: 1...999_999_999_999_999_999, using: &generator)
            let digits = Decimal(UInt64.random(in: 0...largest, using: &generator))
            let sign: FloatingPointSign = Bool.random(using: &generator) ? .minus : .plus
            let exponent = Int.random(in: -25...25, using: &generator)
            decimals.append(Decimal(sign: sign, exponent: exponent, significand: digits))
        }
        for decimal in decimals {
            var ours: [UInt8] = []
            JSONBytes.decimal(decimal, to: &ours)
            #expect(String(decoding: ours, as: UTF8.self) == decimal.description)
        }
        try expectSameBytes(decimals)
    }

    @Test func documentsSentAsTheyAreKeepTheirBytes() throws {
        for preset in PolicyPreset.all { try expectSameBytes(preset) }
        for framework in StandardsCatalogue.frameworks { try expectSameBytes(framework) }
        let document = JSONValue.object([
            "camelKey": .array([.number(1), .number(0.5), .null, .bool(true)]),
            "Upper": .object(["innerKey": .string("x/y")]),
        ])
        try expectSameBytes(document)
    }

    @Test func aPageOfResponsesKeepsItsBytes() throws {
        let page = ListPage(items: [Inner(), Inner(value: nil)].map(Probe.init), nextCursor: nil)
        try expectSameBytes(page)
        try expectSameBytes(ListPage(items: [Probe(Inner())], nextCursor: "cursor/with+chars"))
    }

    struct Probe: ResponseBody {
        let inner: Inner
        init(_ inner: Inner) { self.inner = inner }
    }

    /// Types that write their own JSON (DirectJSON) must list their fields in Foundation's order.
    @Test func responsesWritingTheirOwnJSONKeepTheirBytes() throws {
        let sparse = EmploymentInput(personId: UUID(), unitId: UUID(), staffGroup: .support,
                                     jobTitle: "Site \"lead\"", startDate: CalendarDate(year: 2019, month: 1, day: 7)!,
                                     fte: Decimal(string: "0.6")!)
        let full = EmploymentInput(personId: UUID(), unitId: UUID(), staffGroup: .teacher,
                                   jobTitle: "Head of Year 9 / KS3",
                                   lineManagerId: UUID(), contractType: .fixedTerm,
                                   contractEndDate: CalendarDate(year: 2028, month: 8, day: 31)!,
                                   startDate: CalendarDate(year: 2026, month: 9, day: 1)!,
                                   endDate: CalendarDate(year: 2028, month: 8, day: 31)!,
                                   probationEndDate: CalendarDate(year: 2027, month: 2, day: 28)!,
                                   inductionStatus: .inProgress, qts: true, fte: Decimal(string: "0.85")!,
                                   payPoint: "M3", workingPattern: .allYear, underCapability: true, externalId: "E-42")
        let employments = [sparse, full].map {
            EmploymentResponse(Employment(id: UUID(), trustId: UUID(), input: $0, version: 3,
                                          createdAt: Date(timeIntervalSince1970: 1_790_000_000.25),
                                          updatedAt: Date(timeIntervalSince1970: 1_790_086_400)))
        }
        for employment in employments { try expectSameBytes(employment) }
        try expectSameBytes(ListPage(items: employments, nextCursor: "next"))
        try expectSameBytes(ListPage(items: employments, nextCursor: nil)) // the last page: null
        try expectSameBytes(ListPage(items: [EmploymentResponse](), nextCursor: nil))
        try expectSameBytes(Items(items: employments))
        #expect((ListPage(items: employments, nextCursor: nil) as Any) is any DirectJSON)

        // A sync's report (issue 16 §1): every outcome, a failed row's errors, a skipped leaver.
        var report = StaffSyncReport()
        report.results = [
            .init(kind: .person, index: 0, externalId: "P\"1", outcome: .created, id: UUID(),
                  changedFields: ["email", "given_name"]),
            .init(kind: .employment, index: 3, externalId: nil, outcome: .failed, id: nil,
                  errors: [FieldError(field: "fte", rule: "range", message: "must be between 0 and 1")]),
            .init(kind: .employment, index: nil, externalId: "E9", outcome: .left, id: UUID(),
                  changedFields: ["end_date"]),
            .init(kind: .unit, index: 1, externalId: "U1", outcome: .unchanged, id: UUID()),
        ]
        report.written = true
        for skipped in [nil, "a row without a readable external_id"] {
            report.leaversSkipped = skipped
            try expectSameBytes(SyncReportResponse(report, dryRun: false))
            try expectSameBytes(SyncReportResponse(report, dryRun: true))
        }
    }

    @Test func nonFiniteNumbersAreRefusedLikeFoundation() {
        #expect(throws: (any Error).self) { try ResponseEncoder.encode([Double.nan]) }
        #expect(throws: (any Error).self) { try JSON.encoder.encode([Double.nan]) }
    }
}
