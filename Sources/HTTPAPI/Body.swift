import Domain
import Foundation
import HTTPCore

/// Reading JSON request bodies: media type (415), UTF-8 and syntax (400), shape and types (422).
enum Body {
    static let json = "application/json"
    static let mergePatch = "application/merge-patch+json"

    static func requireMediaType(_ request: Request, accepted: [String]) throws {
        guard let contentType = request.headers["Content-Type"] else {
            throw Problem.unsupportedMediaType(accepted)
        }
        let mediaType = contentType.split(separator: ";")[0].trimmingCharacters(in: .whitespaces).lowercased()
        guard accepted.contains(mediaType) else { throw Problem.unsupportedMediaType(accepted) }
        // Only UTF-8 is accepted (RFC 8259 §8.1); a declared other charset is refused.
        let parameters = contentType.split(separator: ";").dropFirst()
            .map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        for parameter in parameters where parameter.hasPrefix("charset=") {
            let charset = parameter.dropFirst("charset=".count).trimmingCharacters(in: CharacterSet(charactersIn: "\""))
            guard charset == "utf-8" || charset == "utf8" else { throw Problem.unsupportedMediaType(accepted) }
        }
    }

    /// Parses the body as a JSON object, refusing what the input type does not define.
    static func object(_ request: Request, allowed: Set<String>) throws -> [String: JSONValue] {
        guard !request.body.isEmpty else { throw Problem.badRequest("The request body is empty; send a JSON object.") }
        guard String(validating: request.body, as: UTF8.self) != nil else {
            throw Problem.badRequest("The request body is not valid UTF-8.")
        }
        let value: JSONValue
        do {
            value = try JSONDecoder().decode(JSONValue.self, from: request.body)
        } catch {
            throw Problem.badRequest("The request body is not well-formed JSON (or is nested too deeply).")
        }
        guard case .object(let members) = value else {
            throw Problem.invalid(field: "(body)", rule: "type", message: "must be a JSON object")
        }
        if let key = DuplicateKeys.first(in: request.body) {
            // Never echo submitted values; a key is the client's own field name, safe to name.
            throw Problem.badRequest(
                "The request body names \"\(key.prefix(100))\" twice in one object; send each key once.")
        }
        var errors: [FieldError] = []
        for key in members.keys.sorted() where !allowed.contains(key) {
            errors.append(FieldError(field: key, rule: readOnlyFields.contains(key) ? "read_only" : "unknown_field",
                                     message: readOnlyFields.contains(key) ? "is set by the server" : "is not a field of this resource"))
        }
        for path in value.pathsWithNUL().sorted() {
            errors.append(FieldError(field: path, rule: "invalid_character", message: "must not contain U+0000"))
        }
        guard errors.isEmpty else { throw Problem.invalid(errors) }
        return members
    }

    static let readOnlyFields: Set<String> = ["id", "trust_id", "version", "created_at", "updated_at"]

    /// Decodes an input type from a JSON object, mapping decoding errors to field errors.
    /// An optional field sent as `null` is the same as one left out.
    static func decode<T: ValidatedInput>(_ type: T.Type, from members: [String: JSONValue]) throws -> T {
        let data = try JSONEncoder().encode(JSONValue.object(members.filter { $0.value != .null }))
        do {
            return try JSON.decoder.decode(T.self, from: data)
        } catch let error as DecodingError {
            throw Problem.invalid([fieldError(error)])
        }
    }

    /// As `decode`, and also refuses fields nested objects do not define (a plain decoder
    /// would ignore a misspelt `max_cout` deep inside a policy and keep the default).
    static func decodeStrict<T: ValidatedInput>(_ type: T.Type, from members: [String: JSONValue]) throws -> T {
        let value = try decode(type, from: members)
        let known = try JSONDecoder().decode(JSONValue.self, from: JSON.encode(value))
        let unknown = JSONValue.object(members).unknownPaths(comparedTo: known)
        guard unknown.isEmpty else {
            throw Problem.invalid(unknown.map { FieldError(field: $0, rule: "unknown_field", message: "is not a field of this resource") })
        }
        return value
    }

    /// Applies an RFC 7396 merge patch to the current input: `null` clears an optional field.
    static func merge<T: ValidatedInput>(_ patch: [String: JSONValue], into current: T) throws -> T {
        let currentData = JSON.encode(current)
        guard case .object(var members)? = try? JSONDecoder().decode(JSONValue.self, from: currentData) else {
            throw Problem.internalError
        }
        for (key, value) in patch {
            if value == .null { members.removeValue(forKey: key) } else { members[key] = value }
        }
        return try decode(T.self, from: members)
    }

    static func fieldError(_ error: DecodingError) -> FieldError {
        func path(_ codingPath: [any CodingKey], _ key: (any CodingKey)? = nil) -> String {
            let keys = codingPath + (key.map { [$0] } ?? [])
            let parts = keys.map { key -> String in
                if let index = key.intValue { return "[\(index)]" }
                return snakeCase(key.stringValue)
            }
            return parts.isEmpty ? "(body)" : parts.joined(separator: ".").replacingOccurrences(of: ".[", with: "[")
        }
        switch error {
        case .keyNotFound(let key, let context):
            return FieldError(field: path(context.codingPath, key), rule: "required", message: "is required")
        case .valueNotFound(_, let context):
            return FieldError(field: path(context.codingPath), rule: "required", message: "must not be null")
        case .typeMismatch(let type, let context):
            return FieldError(field: path(context.codingPath), rule: "type", message: "must be \(describe(type))")
        case .dataCorrupted(let context):
            return FieldError(field: path(context.codingPath), rule: "format",
                              message: context.debugDescription.contains("date-time") ? "must be an RFC 3339 date-time"
                                  : context.debugDescription.contains("date") ? "must be a date YYYY-MM-DD"
                                  : "has an invalid value (check the allowed values and format)")
        @unknown default:
            return FieldError(field: "(body)", rule: "format", message: "is invalid")
        }
    }

    private static func describe(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: return "a string"
        case is Bool.Type: return "a boolean"
        case is Decimal.Type, is Double.Type, is Int.Type: return "a number"
        default: return "of the documented type"
        }
    }

    static func snakeCase(_ key: String) -> String {
        var result = ""
        for character in key {
            if character.isUppercase {
                result += "_" + character.lowercased()
            } else {
                result.append(character)
            }
        }
        return result
    }
}
