/// Where a top-level member's value lies in a JSON object's bytes, found without parsing it:
/// a sync body's employments are decoded beside the rest of it (issue 16 §1). Nil when the
/// name is not there exactly once, or when a top-level key holds an escape (it might spell
/// the name another way). No validator: the decoder refuses what is malformed.
enum TopLevelMember {
    static func valueRange(of name: String, in bytes: [UInt8]) -> Range<Int>? {
        let wanted = Array(name.utf8)
        var depth = 0, index = 0, expectingKey = false, inObject = false
        var found: Range<Int>?, valueStart: Int?
        while index < bytes.count {
            let byte = bytes[index]
            switch byte {
            case UInt8(ascii: "\""):
                let end = stringEnd(from: index, in: bytes)
                guard end < bytes.count else { return nil }
                if depth == 1 && expectingKey {
                    let key = bytes[(index + 1)..<end]
                    if key.contains(UInt8(ascii: "\\")) { return nil }
                    if key.elementsEqual(wanted) {
                        if found != nil || valueStart != nil { return nil }
                        valueStart = -1  // set after the colon
                    }
                    expectingKey = false
                }
                index = end
            case UInt8(ascii: ":") where depth == 1 && valueStart == -1:
                valueStart = index + 1
            case UInt8(ascii: "{"), UInt8(ascii: "["):
                depth += 1
                if depth == 1 { inObject = byte == UInt8(ascii: "{") }
                expectingKey = depth == 1 && inObject
            case UInt8(ascii: "}"), UInt8(ascii: "]"), UInt8(ascii: ","):
                if depth == 1, let start = valueStart, start >= 0 {
                    found = start..<index
                    valueStart = nil
                }
                if byte == UInt8(ascii: ",") { expectingKey = depth == 1 && inObject } else { depth -= 1 }
            default: break
            }
            index += 1
        }
        return found
    }

    /// The index of the quote that closes the string opening at `start` (or the end).
    private static func stringEnd(from start: Int, in bytes: [UInt8]) -> Int {
        var end = start + 1
        while end < bytes.count, bytes[end] != UInt8(ascii: "\"") {
            if bytes[end] == UInt8(ascii: "\\") { end += 1 }
            end += 1
        }
        return end
    }
}
