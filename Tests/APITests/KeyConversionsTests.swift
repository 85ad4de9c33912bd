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

    /// Keys converted up front (`convertingKeys`) read as the strategy reads them, at every
    /// depth, and nothing but keys changes: values that look like keys, or hold brackets,
    /// colons, commas and escaped quotes, stay as they were.
    @Test func keysConvertedUpFrontReadAsTheStrategyReadsThem() throws {
        struct Nested: Decodable, Equatable {
            let outer: [String]
            let inner: [[String]]
            let values: [String]
            init(from decoder: any Decoder) throws {
                let keyed = try decoder.container(keyedBy: AnyKey.self)
                outer = keyed.allKeys.map(\.stringValue).sorted()
                var rows = try keyed.nestedUnkeyedContainer(forKey: AnyKey(stringValue: "someRows"))
                var inner: [[String]] = [], values: [String] = []
                while !rows.isAtEnd {
                    let row = try rows.nestedContainer(keyedBy: AnyKey.self)
                    inner.append(row.allKeys.map(\.stringValue).sorted())
                    values.append(try row.decode(String.self, forKey: AnyKey(stringValue: "aValue")))
                }
                self.inner = inner
                self.values = values
            }
        }
        let body = Data(#"""
            {"some_rows": [{"a_value": "x_y", "ü_ber": {"deep_key": [1, {"deeper_key": null}]}},
                           {"a_value": "{\"not_a_key\": [1, 2]}, \"b_c\":", "_": 1, "": 2, "a__b": 3}],
             "trailing_": true, "UPPER_CASE": "[]", "already": {}}
            """#.utf8)
        let keys = KeyConversions()
        let converted = try #require(keys.convertingKeys(of: body))
        let upFront = try JSON.convertedKeysDecoder(keys).decode(Nested.self, from: converted)
        #expect(upFront == (try JSON.memoisingDecoder().decode(Nested.self, from: body)))
        #expect(upFront.values == ["x_y", #"{"not_a_key": [1, 2]}, "b_c":"#])
        let escapedKey = Data(#"{"a\u005fb": 1}"#.utf8)
        #expect(keys.convertingKeys(of: escapedKey) == nil, "an escaped key is left to the strategy")
    }

    /// A sync body decodes to the same rows either way, failed rows and their errors included.
    @Test func aSyncBodyDecodesAlikeEitherWay() async throws {
        let body = Data(#"""
            {"units": [{"external_id": "U1", "name": "School", "kind": "school", "urn": "123456"}],
             "people": [{"external_id": "P1", "given_name": "Ada", "family_name": "Ng"},
                        {"external_id": "P2", "given_name": 7, "family_name": "Ng"}, "not an object",
                        {"external_id": "P3", "given_name": "A", "family_name": "B", "nick_name": "C"}],
             "employments": [{"external_id": "E1", "person_external_id": "P1", "unit_external_id": "U1",
                              "staff_group": "teacher", "job_title": "Teacher", "start_date": "2024-09-01",
                              "fte": 0.6}],
             "dry_run": true}
            """#.utf8)
        let fast = try await API.decodeSync(body)
        let usual = try JSON.memoisingDecoder().decode(SyncRequest.self, from: body)
        #expect(String(describing: fast.batch) == String(describing: usual.batch))
        #expect(String(describing: fast.options) == String(describing: usual.options))
        #expect(fast.batch.people?.count == 4)
    }

    /// Employments decoded apart from the rest give the request the one-piece decoding gives,
    /// clean or not (a row with errors sends the body down the one-piece path).
    @Test func employmentsDecodedApartDecodeAlike() async throws {
        let rows = [#"{"external_id": "E1", "person_external_id": "P1", "unit_external_id": "U1", "#
                    + #""staff_group": "teacher", "job_title": "Teacher {\"lead\"}", "start_date": "2024-09-01"}"#,
                    #"{"external_id": "E2", "person_external_id": "P1", "unit_external_id": "U1", "fte": "x"}"#]
        for employments in [[rows[0]], rows] {
            let body = Data(("{\"people\": [{\"external_id\": \"P1\", \"given_name\": \"Ada\", "
                             + "\"family_name\": \"Ng\"}], \"employments\": [\(employments.joined(separator: ","))], "
                             + "\"mode\": \"partial\"}").utf8)
            let apart = try await API.decodeSync(body, splittingFrom: 0)
            let usual = try JSON.memoisingDecoder().decode(SyncRequest.self, from: body)
            #expect(String(describing: apart.batch) == String(describing: usual.batch))
            #expect(String(describing: apart.options) == String(describing: usual.options))
            #expect(apart.batch.employments?.count == employments.count)
            let keys = KeyConversions()
            let split = await API.decodeInTwo(try #require(keys.convertingKeys(of: body)), keys: keys, splittingFrom: 0)
            #expect((split != nil) == (employments.count == 1))
        }
    }

    @Test func aTopLevelMemberIsFoundOnceOrNotAtAll() {
        func value(_ json: String) -> String? {
            let bytes = Array(json.utf8)
            let range = TopLevelMember.valueRange(of: "employments", in: bytes)
            return range.map { String(decoding: bytes[$0], as: UTF8.self) }
        }
        #expect(value(#"{"a": {"employments": 1}, "employments": [{"b": "}],\""}] }"#) == #" [{"b": "}],\""}] "#)
        #expect(value(#"{"employments":null}"#) == "null")
        #expect(value(#"{"people": [{"employments": []}]}"#) == nil)
        #expect(value(#"{"employments": [], "employments": []}"#) == nil)
        #expect(value(#"{"employ\u006dents": [], "employments": []}"#) == nil)
        #expect(value(#"["employments", "employments"]"#) == nil)
        #expect(value(#"{"employments": [1, 2"#) == nil)
    }
}
