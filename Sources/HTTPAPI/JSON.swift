import Foundation
import HTTPCore
import Postgres

enum JSON {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(PostgresTimestamp.format(date))
        }
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    static let decoder: JSONDecoder = {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.allowsJSON5 = false
        return decoder
    }()

    static func encode<T: Encodable>(_ value: T) -> Data {
        // Encoding our own value types cannot fail; an empty body would show up in tests.
        (try? encoder.encode(value)) ?? Data()
    }
}
