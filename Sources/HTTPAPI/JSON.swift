import App
import Foundation
import HTTPCore

enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(Timestamps.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.allowsJSON5 = false
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = RFC3339.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "must be an RFC 3339 date-time"))
            }
            return date
        }
        return decoder
    }()

    /// `decoder`, but converting each distinct key from snake_case once — by asking Foundation,
    /// so exactly as `convertFromSnakeCase` does — rather than once per object: a 10,000-staff
    /// sync repeats a dozen keys 30,000 times, and converting them took a sixth of its server
    /// time (perf, issue 16 §1). One per request; `KeyConversions.userInfoKey` finds its table.
    static func memoisingDecoder(_ keys: KeyConversions = KeyConversions()) -> JSONDecoder {
        let decoder = convertedKeysDecoder(keys)
        decoder.keyDecodingStrategy = .custom { path in
            AnyKey(stringValue: keys.camelCase(path.last?.stringValue ?? ""))
        }
        return decoder
    }

    /// For a body whose keys `KeyConversions.convertingKeys` has converted already.
    static func convertedKeysDecoder(_ keys: KeyConversions) -> JSONDecoder {
        let decoder = JSONDecoder()
        decoder.allowsJSON5 = false
        decoder.dateDecodingStrategy = JSON.decoder.dateDecodingStrategy
        decoder.userInfo[KeyConversions.userInfoKey] = keys
        return decoder
    }

    /// A response body: `ResponseEncoder` writes what `encoder` would, several times faster.
    static func encode<T: Encodable>(_ value: T) -> Data {
        // Encoding our own value types cannot fail; an empty body would show up in tests.
        (try? ResponseEncoder.encode(value)) ?? Data()
    }
}
