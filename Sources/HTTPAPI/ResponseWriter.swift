import Foundation

/// The `Encoder` a value's `encode(to:)` writes into (ResponseEncoder.swift says why).
final class Writer: Encoder {
    let codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }
    let storage = Storage()

    init(codingPath: [any CodingKey]) {
        self.codingPath = codingPath
    }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        // Asked twice (a type that encodes another into the same object), it is the same object.
        let fields: ObjectFields
        if case .object(let existing) = storage.kind {
            fields = existing
        } else {
            fields = ObjectFields()
            storage.kind = .object(fields)
        }
        return KeyedEncodingContainer(KeyedWriter<Key>(fields: fields, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        let items: ArrayItems
        if case .array(let existing) = storage.kind {
            items = existing
        } else {
            items = ArrayItems()
            storage.kind = .array(items)
        }
        return UnkeyedWriter(items: items, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleValueWriter(storage: storage, codingPath: codingPath)
    }

    /// A value's bytes, written by a writer of its own.
    static func bytes<T: Encodable>(of value: T) throws -> [UInt8] {
        var output: [UInt8] = []
        try ResponseEncoder.write(value, to: &output)
        return output
    }
}

struct KeyedWriter<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let fields: ObjectFields
    let codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { fields.set(key.stringValue, .bytes(JSONBytes.null)) }
    mutating func encode(_ value: Bool, forKey key: Key) throws {
        fields.set(key.stringValue, .bytes(JSONBytes.bool(value)))
    }
    mutating func encode(_ value: String, forKey key: Key) throws {
        var bytes: [UInt8] = []
        JSONBytes.string(value, to: &bytes)
        fields.set(key.stringValue, .bytes(bytes))
    }
    mutating func encode(_ value: Double, forKey key: Key) throws {
        fields.set(key.stringValue, .bytes(try JSONBytes.float(value, codingPath + [key])))
    }
    mutating func encode(_ value: Float, forKey key: Key) throws {
        fields.set(key.stringValue, .bytes(try JSONBytes.float(value, codingPath + [key])))
    }
    mutating func encode(_ value: Int, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: Int8, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: Int16, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: Int32, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: Int64, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: UInt, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: UInt8, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: UInt16, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: UInt32, forKey key: Key) throws { set(key, value) }
    mutating func encode(_ value: UInt64, forKey key: Key) throws { set(key, value) }
    private func set(_ key: Key, _ value: some BinaryInteger) {
        fields.set(key.stringValue, .bytes(JSONBytes.integer(value)))
    }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        fields.set(key.stringValue, .bytes(try Writer.bytes(of: value)))
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        let writer = Writer(codingPath: codingPath + [key])
        fields.set(key.stringValue, .nested(writer.storage))
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        let writer = Writer(codingPath: codingPath + [key])
        fields.set(key.stringValue, .nested(writer.storage))
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder { superEncoder(forKey: Key(stringValue: "super")!) }

    mutating func superEncoder(forKey key: Key) -> any Encoder {
        let writer = Writer(codingPath: codingPath + [key])
        fields.set(key.stringValue, .nested(writer.storage))
        return writer
    }
}

struct UnkeyedWriter: UnkeyedEncodingContainer {
    let items: ArrayItems
    let codingPath: [any CodingKey]
    var count: Int { items.items.count }

    mutating func encodeNil() throws { items.items.append(.bytes(JSONBytes.null)) }
    mutating func encode(_ value: Bool) throws { items.items.append(.bytes(JSONBytes.bool(value))) }
    mutating func encode(_ value: String) throws {
        var bytes: [UInt8] = []
        JSONBytes.string(value, to: &bytes)
        items.items.append(.bytes(bytes))
    }
    mutating func encode(_ value: Double) throws { items.items.append(.bytes(try JSONBytes.float(value, codingPath))) }
    mutating func encode(_ value: Float) throws { items.items.append(.bytes(try JSONBytes.float(value, codingPath))) }
    mutating func encode(_ value: Int) throws { append(value) }
    mutating func encode(_ value: Int8) throws { append(value) }
    mutating func encode(_ value: Int16) throws { append(value) }
    mutating func encode(_ value: Int32) throws { append(value) }
    mutating func encode(_ value: Int64) throws { append(value) }
    mutating func encode(_ value: UInt) throws { append(value) }
    mutating func encode(_ value: UInt8) throws { append(value) }
    mutating func encode(_ value: UInt16) throws { append(value) }
    mutating func encode(_ value: UInt32) throws { append(value) }
    mutating func encode(_ value: UInt64) throws { append(value) }
    mutating func encode<T: Encodable>(_ value: T) throws { items.items.append(.bytes(try Writer.bytes(of: value))) }
    private func append(_ value: some BinaryInteger) { items.items.append(.bytes(JSONBytes.integer(value))) }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type)
        -> KeyedEncodingContainer<NestedKey> {
        let writer = Writer(codingPath: codingPath)
        items.items.append(.nested(writer.storage))
        return writer.container(keyedBy: keyType)
    }

    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        let writer = Writer(codingPath: codingPath)
        items.items.append(.nested(writer.storage))
        return writer.unkeyedContainer()
    }

    mutating func superEncoder() -> any Encoder {
        let writer = Writer(codingPath: codingPath)
        items.items.append(.nested(writer.storage))
        return writer
    }
}

struct SingleValueWriter: SingleValueEncodingContainer {
    let storage: Storage
    let codingPath: [any CodingKey]

    mutating func encodeNil() throws { storage.kind = .value(JSONBytes.null) }
    mutating func encode(_ value: Bool) throws { storage.kind = .value(JSONBytes.bool(value)) }
    mutating func encode(_ value: String) throws {
        var bytes: [UInt8] = []
        JSONBytes.string(value, to: &bytes)
        storage.kind = .value(bytes)
    }
    mutating func encode(_ value: Double) throws { storage.kind = .value(try JSONBytes.float(value, codingPath)) }
    mutating func encode(_ value: Float) throws { storage.kind = .value(try JSONBytes.float(value, codingPath)) }
    mutating func encode(_ value: Int) throws { set(value) }
    mutating func encode(_ value: Int8) throws { set(value) }
    mutating func encode(_ value: Int16) throws { set(value) }
    mutating func encode(_ value: Int32) throws { set(value) }
    mutating func encode(_ value: Int64) throws { set(value) }
    mutating func encode(_ value: UInt) throws { set(value) }
    mutating func encode(_ value: UInt8) throws { set(value) }
    mutating func encode(_ value: UInt16) throws { set(value) }
    mutating func encode(_ value: UInt32) throws { set(value) }
    mutating func encode(_ value: UInt64) throws { set(value) }
    private func set(_ value: some BinaryInteger) { storage.kind = .value(JSONBytes.integer(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { storage.kind = .value(try Writer.bytes(of: value)) }
}

/// JSON's scalars as Foundation writes them (RFC 8259 §7 escapes; `/` left as it is).
enum JSONBytes {
    static let null = Array("null".utf8)
    // Built once: these run for every uuid and escaped character of a response.
    private static let upperDigits = Array("0123456789ABCDEF".utf8)
    private static let lowerDigits = Array("0123456789abcdef".utf8)
    static func bool(_ value: Bool) -> [UInt8] { Array((value ? "true" : "false").utf8) }
    static func integer(_ value: some BinaryInteger) -> [UInt8] { Array(String(value).utf8) }

    /// Finite only (Foundation's default refuses NaN and infinities); "1.0" is written "1".
    static func float<F: BinaryFloatingPoint & CustomStringConvertible>(
        _ value: F, _ codingPath: [any CodingKey]
    ) throws -> [UInt8] {
        guard value.isFinite else {
            let context = EncodingError.Context(codingPath: codingPath, debugDescription: "not a finite number")
            throw EncodingError.invalidValue(value, context)
        }
        var text = value.description
        if text.hasSuffix(".0") { text.removeLast(2) }
        return Array(text.utf8)
    }

    /// `"…"` in upper case, as `uuidString` writes it (which costs a sprintf), or in lower case,
    /// as this API's types write ids (RFC 9562 §4; Domain/Identifiers.swift).
    static func uuid(_ uuid: UUID, lowercase: Bool = false, to output: inout [UInt8]) {
        let digits = lowercase ? lowerDigits : upperDigits
        output.append(UInt8(ascii: "\""))
        withUnsafeBytes(of: uuid.uuid) { bytes in
            for (index, byte) in bytes.enumerated() {
                if index == 4 || index == 6 || index == 8 || index == 10 { output.append(UInt8(ascii: "-")) }
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    static func string(_ text: String, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""): output.append(contentsOf: [0x5C, 0x22])
            case UInt8(ascii: "\\"): output.append(contentsOf: [0x5C, 0x5C])
            case 0x08: output.append(contentsOf: [0x5C, UInt8(ascii: "b")])
            case 0x0C: output.append(contentsOf: [0x5C, UInt8(ascii: "f")])
            case 0x0A: output.append(contentsOf: [0x5C, UInt8(ascii: "n")])
            case 0x0D: output.append(contentsOf: [0x5C, UInt8(ascii: "r")])
            case 0x09: output.append(contentsOf: [0x5C, UInt8(ascii: "t")])
            case 0..<0x20:
                let digits = lowerDigits
                output.append(contentsOf: Array("\\u00".utf8))
                output.append(digits[Int(byte >> 4)])
                output.append(digits[Int(byte & 0x0F)])
            default: output.append(byte)
            }
        }
        output.append(UInt8(ascii: "\""))
    }

    /// `{"key":value,…}` with `keys[i]` already quoted, fields taken in `order`.
    static func object(_ values: [[UInt8]], keys: [[UInt8]], order: [Int], to output: inout [UInt8]) {
        output.append(UInt8(ascii: "{"))
        for (position, index) in order.enumerated() {
            if position > 0 { output.append(UInt8(ascii: ",")) }
            output.append(contentsOf: keys[index])
            output.append(UInt8(ascii: ":"))
            output.append(contentsOf: values[index])
        }
        output.append(UInt8(ascii: "}"))
    }
}
