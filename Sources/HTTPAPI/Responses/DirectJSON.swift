import App
import Domain
import Foundation

/// A response type on a hot path that writes its own JSON, field by field, instead of going
/// through the `Encoder` protocol (issue 12 §2: on a page of 50 employments the protocol's
/// containers — a box, a small array and a metadata look-up per field — were ~45 % of the
/// server's CPU). Fields are written in the order `JSON.encoder` sorts their keys, and an
/// absent optional is left out, as the synthesized `Encodable` does; `ResponseEncoderTests`
/// fails if a type's bytes differ from Foundation's.
protocol DirectJSON: ResponseBody {
    func write(to object: inout JSONObjectWriter)
}

/// Writes one object's fields; keys are the wire names, already snake_case.
struct JSONObjectWriter {
    private(set) var output: [UInt8]
    private var first = true

    /// Takes the caller's buffer over (swapped, not copied) until `finish` hands it back.
    init(appendingTo buffer: inout [UInt8]) {
        output = []
        swap(&output, &buffer)
        output.append(UInt8(ascii: "{"))
    }

    mutating func finish(into buffer: inout [UInt8]) {
        output.append(UInt8(ascii: "}"))
        swap(&output, &buffer)
    }

    private mutating func key(_ key: StaticString) {
        if !first { output.append(UInt8(ascii: ",")) }
        first = false
        output.append(UInt8(ascii: "\""))
        key.withUTF8Buffer { output.append(contentsOf: $0) }
        output.append(UInt8(ascii: "\""))
        output.append(UInt8(ascii: ":"))
    }

    mutating func field(_ name: StaticString, _ value: String?) {
        guard let value else { return }
        key(name)
        JSONBytes.string(value, to: &output)
    }

    /// `null` when absent, where the type encodes the optional itself (a page's `next_cursor`).
    mutating func field(_ name: StaticString, orNull value: String?) {
        guard let value else {
            key(name)
            output.append(contentsOf: JSONBytes.null)
            return
        }
        field(name, value)
    }

    /// An array of objects, each written in place in this object's buffer.
    mutating func field(_ name: StaticString, _ items: [some DirectJSON]) {
        key(name)
        output.reserveCapacity(output.count + items.count * 768) // a page grows once, not six times
        output.append(UInt8(ascii: "["))
        for (index, item) in items.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            var object = JSONObjectWriter(appendingTo: &output)
            item.write(to: &object)
            object.finish(into: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// Left out when absent, as the synthesized `Encodable` leaves out a nil optional.
    mutating func field(_ name: StaticString, _ items: [some DirectJSON]?) {
        guard let items else { return }
        field(name, items)
    }

    mutating func field(_ name: StaticString, _ values: [String]) {
        key(name)
        output.append(UInt8(ascii: "["))
        for (index, value) in values.enumerated() {
            if index > 0 { output.append(UInt8(ascii: ",")) }
            JSONBytes.string(value, to: &output)
        }
        output.append(UInt8(ascii: "]"))
    }

    /// A nested object, written in place.
    mutating func field(_ name: StaticString, object value: some DirectJSON) {
        key(name)
        var object = JSONObjectWriter(appendingTo: &output)
        value.write(to: &object)
        object.finish(into: &output)
    }

    /// Lower case, as the Domain's `KeyedEncodingContainer.encode(_: UUID, …)` overload writes ids.
    mutating func field(_ name: StaticString, _ value: UUID?) {
        guard let value else { return }
        key(name)
        JSONBytes.uuid(value, lowercase: true, to: &output)
    }

    /// `"YYYY-MM-DD"`, as `CalendarDate.description` writes it, without the string between.
    mutating func field(_ name: StaticString, _ value: CalendarDate?) {
        guard let value else { return }
        key(name)
        output.append(UInt8(ascii: "\""))
        JSONBytes.padded(value.year, width: 4, to: &output)
        output.append(UInt8(ascii: "-"))
        JSONBytes.padded(value.month, width: 2, to: &output)
        output.append(UInt8(ascii: "-"))
        JSONBytes.padded(value.day, width: 2, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    /// Quoted as it is: a timestamp has nothing to escape.
    mutating func field(_ name: StaticString, _ value: Date) {
        key(name)
        output.append(UInt8(ascii: "\""))
        Timestamps.write(value, to: &output)
        output.append(UInt8(ascii: "\""))
    }

    mutating func field<Value: RawRepresentable>(_ name: StaticString, _ value: Value) where Value.RawValue == String {
        field(name, value.rawValue)
    }

    mutating func field(_ name: StaticString, _ value: Bool) {
        key(name)
        output.append(contentsOf: JSONBytes.bool(value))
    }

    mutating func field(_ name: StaticString, _ value: Int) {
        key(name)
        output.append(contentsOf: JSONBytes.integer(value))
    }

    mutating func field(_ name: StaticString, _ value: Int?) {
        guard let value else { return }
        field(name, value)
    }

    mutating func field(_ name: StaticString, _ value: Decimal) {
        key(name)
        JSONBytes.decimal(value, to: &output)
    }
}

/// A page of items that write themselves is written in one buffer, items in place (keys in
/// Foundation's order: `items`, `next_cursor`).
extension ListPage: DirectJSON where Item: DirectJSON {
    func write(to object: inout JSONObjectWriter) {
        object.field("items", items)
        object.field("next_cursor", orNull: nextCursor)
    }
}

extension Items: DirectJSON where Item: DirectJSON {
    func write(to object: inout JSONObjectWriter) {
        object.field("items", items)
    }
}
