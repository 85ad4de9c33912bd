import Foundation

/// JSON as the API and the jsonb columns write it: snake_case keys, sorted. The domain's
/// documents (policies, term dates, deadlines) contain no dictionaries keyed by data, so the
/// key conversion never touches user content.
public enum SnakeCaseJSON {
    public static func encode<T: Encodable>(_ value: T) throws -> String {
        let encoder = JSONEncoder()
        encoder.keyEncodingStrategy = .convertToSnakeCase
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .custom { date, encoder in
            var container = encoder.singleValueContainer()
            try container.encode(instantFormat.format(date))
        }
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    public static func decode<T: Decodable>(_ type: T.Type, from text: String) throws -> T {
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        decoder.dateDecodingStrategy = .custom { decoder in
            let text = try decoder.singleValueContainer().decode(String.self)
            guard let date = try? instantFormat.parse(text) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not an instant"))
            }
            return date
        }
        return try decoder.decode(type, from: Data(text.utf8))
    }

    /// Instants inside documents (feedback given, history snapshots): RFC 3339 in UTC with
    /// milliseconds, readable in the database and in the API alike. A value type: safe to share.
    static let instantFormat = Date.ISO8601FormatStyle(includingFractionalSeconds: true)
}
