import App
import Foundation
import Synchronization

/// Writes a response body as JSON, byte for byte what `JSON.encoder` (Foundation's
/// `JSONEncoder`: snake_case keys, sorted, `/` unescaped, dates by `Timestamps.format`) writes,
/// at a fraction of its cost (issue 12 §2).
///
/// Linux's `JSONEncoder` builds a tree of enums and dictionaries, converts every key to
/// snake_case on every object, and casts each value against its special types; for a page of
/// 50 employments that was most of the CPU a list cost beyond the database. Here each value
/// writes its bytes as it is encoded; an object keeps its fields' bytes until it ends, to sort
/// them. The two things whose exact rules belong to Foundation — the snake_case form of a key
/// and the order of sorted keys — are asked of Foundation itself, once per distinct list of
/// keys, and cached (`KeyOrder`). `ResponseEncoderTests` compares both encoders' bytes.
enum ResponseEncoder {
    static func encode<T: Encodable>(_ value: T) throws -> Data {
        var output: [UInt8] = []
        output.reserveCapacity(1_024)
        try write(value, to: &output)
        return Data(output)
    }

    /// Writes any value: the types Foundation special-cases first, then the value's own
    /// `encode(to:)` through a `Writer`.
    static func write<T: Encodable>(_ value: T, to output: inout [UInt8]) throws {
        // Compared by type first: a cast per value is what makes Foundation's encoder slow.
        if T.self == String.self {
            JSONBytes.string(value as! String, to: &output)
        } else if T.self == UUID.self {
            JSONBytes.uuid(value as! UUID, to: &output)
        } else if T.self == Date.self {
            JSONBytes.string(Timestamps.format(value as! Date), to: &output)
        } else if T.self == Decimal.self {
            JSONBytes.decimal(value as! Decimal, to: &output)
        } else if T.self == URL.self {
            JSONBytes.string((value as! URL).absoluteString, to: &output)
        } else if T.self == Data.self {
            JSONBytes.string((value as! Data).base64EncodedString(), to: &output)
        } else if let direct = value as? any DirectJSON {
            var object = JSONObjectWriter(appendingTo: &output)
            direct.write(to: &object)
            object.finish(into: &output)
        } else if let dictionary = value as? any StringKeyedDictionary {
            try dictionary.writeJSON(to: &output)
        } else {
            let writer = Writer(codingPath: [])
            try value.encode(to: writer)
            try writer.storage.write(to: &output)
        }
    }
}

/// `[String: Value]` is written with its keys as they are (Foundation exempts these from the
/// key strategy), sorted like any object.
protocol StringKeyedDictionary {
    func writeJSON(to output: inout [UInt8]) throws
}

extension Dictionary: StringKeyedDictionary where Key == String, Value: Encodable {
    func writeJSON(to output: inout [UInt8]) throws {
        var fields: [(key: String, value: [UInt8])] = []
        fields.reserveCapacity(count)
        for (key, value) in self {
            var bytes: [UInt8] = []
            try ResponseEncoder.write(value, to: &bytes)
            fields.append((key, bytes))
        }
        let order = KeyOrder.sorted(fields.map(\.key), converted: false)
        JSONBytes.object(fields.map(\.value), keys: order.keys, order: order.permutation, to: &output)
    }
}

/// What one `encode(to:)` call produced: nothing yet, one value, an object or an array.
/// Classes, because a container handed out earlier keeps writing into it.
final class Storage {
    enum Kind {
        case empty
        case value([UInt8])
        case object(ObjectFields)
        case array(ArrayItems)
    }
    var kind = Kind.empty

    func write(to output: inout [UInt8]) throws {
        switch kind {
        case .empty: output.append(contentsOf: "{}".utf8) // Foundation's answer for an empty encode
        case .value(let bytes): output.append(contentsOf: bytes)
        case .object(let fields): try fields.write(to: &output)
        case .array(let items): try items.write(to: &output)
        }
    }
}

/// An object's fields in the order they were encoded, with their keys as the type spelt them.
final class ObjectFields {
    enum Value {
        case bytes([UInt8])
        case nested(Storage)
    }
    var keys: [String] = []
    var values: [Value] = []

    func set(_ key: String, _ value: Value) {
        // A key encoded twice keeps its last value, as in Foundation.
        if let index = keys.firstIndex(of: key) { values[index] = value; return }
        keys.append(key)
        values.append(value)
    }

    func write(to output: inout [UInt8]) throws {
        var rendered: [[UInt8]] = []
        rendered.reserveCapacity(values.count)
        for value in values {
            switch value {
            case .bytes(let bytes): rendered.append(bytes)
            case .nested(let storage):
                var bytes: [UInt8] = []
                try storage.write(to: &bytes)
                rendered.append(bytes)
            }
        }
        let order = KeyOrder.sorted(keys, converted: true)
        JSONBytes.object(rendered, keys: order.keys, order: order.permutation, to: &output)
    }
}

final class ArrayItems {
    var items: [ObjectFields.Value] = []

    func write(to output: inout [UInt8]) throws {
        output.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            switch item {
            case .bytes(let bytes): output.append(contentsOf: bytes)
            case .nested(let storage): try storage.write(to: &output)
            }
        }
        output.append(UInt8(ascii: "]"))
    }
}

/// Foundation's snake_case form and sorted order for a list of keys, asked of `JSON.encoder`
/// once per distinct list and kept (a response type has a handful: optionals may be absent).
enum KeyOrder {
    struct Answer: Sendable {
        /// The keys as written, already quoted and escaped, in the order of `keys`' input.
        let keys: [[UInt8]]
        /// Input positions in output order.
        let permutation: [Int]
    }

    private static let cache = Mutex<[CacheKey: Answer]>([:])

    private struct CacheKey: Hashable {
        let keys: [String]
        let converted: Bool
    }

    static func sorted(_ keys: [String], converted: Bool) -> Answer {
        let cacheKey = CacheKey(keys: keys, converted: converted)
        if let answer = cache.withLock({ $0[cacheKey] }) { return answer }
        let answer = ask(keys, converted: converted)
        cache.withLock { cache in
            // Bounded: response types have fixed keys, but `[String: …]` documents do not.
            if cache.count > 4_096 { cache.removeAll() }
            cache[cacheKey] = answer
        }
        return answer
    }

    /// Encodes `{key_i: i}` with Foundation and reads back each key's text and place.
    private static func ask(_ keys: [String], converted: Bool) -> Answer {
        let probe: Data
        if converted {
            probe = (try? JSON.encoder.encode(KeyProbe(keys: keys))) ?? Data()
        } else {
            let dictionary = Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { $1 })
            probe = (try? JSON.encoder.encode(dictionary)) ?? Data()
        }
        var written = [[UInt8]](repeating: [], count: keys.count)
        var permutation: [Int] = []
        var scanner = ProbeScanner(bytes: Array(probe))
        while let (key, index) = scanner.next(), index < keys.count {
            written[index] = key
            permutation.append(index)
        }
        return Answer(keys: written, permutation: permutation)
    }

    private struct KeyProbe: Encodable {
        let keys: [String]
        func encode(to encoder: any Encoder) throws {
            var container = encoder.container(keyedBy: AnyKey.self)
            for (index, key) in keys.enumerated() { try container.encode(index, forKey: AnyKey(stringValue: key)) }
        }
    }

    /// Reads `"key":index` pairs from `{"a":0,"b":1}`, keeping each key's quoted bytes.
    private struct ProbeScanner {
        let bytes: [UInt8]
        var position = 1

        mutating func next() -> ([UInt8], Int)? {
            guard position < bytes.count, bytes[position] == UInt8(ascii: "\"") else { return nil }
            let start = position
            position += 1
            while position < bytes.count, bytes[position] != UInt8(ascii: "\"") {
                position += bytes[position] == UInt8(ascii: "\\") ? 2 : 1
            }
            position += 1
            let key = Array(bytes[start..<position])
            position += 1 // ':'
            var index = 0
            while position < bytes.count, let digit = Int(exactly: bytes[position]).map({ $0 - 48 }),
                  (0...9).contains(digit) {
                index = index * 10 + digit
                position += 1
            }
            position += 1 // ',' or '}'
            return (key, index)
        }
    }
}

struct AnyKey: CodingKey {
    let stringValue: String
    var intValue: Int? { nil }
    init(stringValue: String) { self.stringValue = stringValue }
    init?(intValue: Int) { return nil }
}
