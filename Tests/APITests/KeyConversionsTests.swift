import Foundation
@testable import HTTPAPI
import Testing

/// Issue 16 §1: the sync's decoder converts each key once, and must read every key exactly as
/// Foundation's `convertFromSnakeCase` does — odd keys included.
@Suite struct KeyConversionsTests {
    struct Keys: Decodable {
        let all: [String]
        init(from decoder: any Decoder) throws {
            all = try decoder.container(keyedBy: AnyKey.self).allKeys.map(\.stringValue).sorted()
        }
    }

    @Test func theMemoisingDecoderReadsKeysAsFoundationDoes() throws {
        let keys = ["external_id", "person_external_id", "_leading", "trailing_", "a__b", "UPPER_CASE", "already",
                    "externalId", "x_1_y", "ü_ber", "", "_"]
        let object = try JSONSerialization.data(withJSONObject: Dictionary(uniqueKeysWithValues: keys.map { ($0, 0) }))
        let foundation = try JSON.decoder.decode(Keys.self, from: object).all
        let decoder = JSON.memoisingDecoder()
        #expect(try decoder.decode(Keys.self, from: object).all == foundation)
        #expect(try decoder.decode(Keys.self, from: object).all == foundation, "and again, from its table")
    }
}
