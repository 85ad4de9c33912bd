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

    /// As `Decimal.description` writes it (which took 1.2 µs, 6 % of a list page's CPU): the
    /// significand's digits, the point placed by the exponent. `ResponseEncoderTests` holds
    /// it to Foundation's bytes; significands of 19 digits or more, and NaN, are Foundation's.
    static func decimal(_ value: Decimal, to output: inout [UInt8]) {
        // One `NSDecimalNumber` bounds and reads the significand: comparing two `Decimal`s
        // took 360 ns, the most of this function's 5 % of a list page's CPU (issue 12).
        let number = value.isNaN ? nil : NSDecimalNumber(decimal: value.significand)
        guard let number, number.doubleValue < 1e18 else {
            output.append(contentsOf: value.description.utf8)
            return
        }
        let significand = number.uint64Value
        guard significand != 0 else {
            output.append(UInt8(ascii: "0"))
            return
        }
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 20) { buffer in
            var start = buffer.count, rest = significand
            while rest > 0 {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            }
            let digits = UnsafeBufferPointer(rebasing: buffer[start...])
            let exponent = value.exponent
            if value.sign == .minus { output.append(UInt8(ascii: "-")) }
            if exponent >= 0 {
                output.append(contentsOf: digits)
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: exponent))
            } else if digits.count > -exponent {
                output.append(contentsOf: digits[..<(digits.count + exponent)])
                output.append(UInt8(ascii: "."))
                output.append(contentsOf: digits[(digits.count + exponent)...])
            } else {
                output.append(contentsOf: "0.".utf8)
                output.append(contentsOf: repeatElement(UInt8(ascii: "0"), count: -exponent - digits.count))
                output.append(contentsOf: digits)
            }
        }
    }

    /// A non-negative integer in at least `width` digits, zeros in front.
    static func padded(_ value: Int, width: Int, to output: inout [UInt8]) {
        var divisor = 1
        for _ in 1..<width { divisor *= 10 }
        while divisor <= value / 10 { divisor *= 10 }
        while divisor > 0 {
            output.append(UInt8(ascii: "0") + UInt8((value / divisor) % 10))
            divisor /= 10
        }
    }

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
        var text = text
        text.withUTF8 { bytes in
            // Runs with nothing to escape (most text, all of it usually) are copied whole.
            var unwritten = 0
            for index in bytes.indices where bytes[index] < 0x20 || bytes[index] == 0x22 || bytes[index] == 0x5C {
                output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[unwritten..<index]))
                escape(bytes[index], to: &output)
                unwritten = index + 1
            }
            output.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[unwritten...]))
        }
        output.append(UInt8(ascii: "\""))
    }

    private static func escape(_ byte: UInt8, to output: inout [UInt8]) {
        output.append(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): output.append(byte)
        case 0x08: output.append(UInt8(ascii: "b"))
        case 0x0C: output.append(UInt8(ascii: "f"))
        case 0x0A: output.append(UInt8(ascii: "n"))
        case 0x0D: output.append(UInt8(ascii: "r"))
        case 0x09: output.append(UInt8(ascii: "t"))
        default:
            for character in "u00".utf8 { output.append(character) }
            output.append(lowerDigits[Int(byte >> 4)])
            output.append(lowerDigits[Int(byte & 0x0F)])
        }
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
