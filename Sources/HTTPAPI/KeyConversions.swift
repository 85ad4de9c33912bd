import Foundation
import Synchronization

/// Keys converted from snake_case by a decoder, and back, each worked out once
/// (`JSON.memoisingDecoder`).
final class KeyConversions: Sendable {
    static let userInfoKey = CodingUserInfoKey(rawValue: "appraise.keyConversions")!

    private struct Table {
        var camel: [String: String] = [:]
        var snake: [String: String] = [:]
    }
    private let table = Mutex(Table())

    /// The key as `convertFromSnakeCase` reads it.
    func camelCase(_ key: String) -> String {
        if let known = table.withLock({ $0.camel[key] }) { return known }
        let converted = Self.foundationConversion(key)
        table.withLock { $0.camel[key] = converted }
        return converted
    }

    /// A converted key in snake_case again (`Body.snakeCase`), for checking it is a field.
    func snakeCase(_ converted: String) -> String {
        if let known = table.withLock({ $0.snake[converted] }) { return known }
        let snake = Body.snakeCase(converted)
        table.withLock { $0.snake[converted] = snake }
        return snake
    }

    /// Foundation's own conversion, read back from a one-key object.
    static func foundationConversion(_ key: String) -> String {
        struct FirstKey: Decodable {
            let key: String?
            init(from decoder: any Decoder) throws {
                key = try decoder.container(keyedBy: AnyKey.self).allKeys.first?.stringValue
            }
        }
        guard let object = try? JSONSerialization.data(withJSONObject: [key: 0]),
              let converted = try? JSON.decoder.decode(FirstKey.self, from: object).key else { return key }
        return converted
    }
}
