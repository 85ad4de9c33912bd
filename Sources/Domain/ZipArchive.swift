import Foundation

/// A zip file (PKWARE's APPNOTE 6.3) of stored entries: no compression, since the documents in
/// it (PDFs, images, Office files) are compressed already and the JSON is small beside them.
/// Names are UTF-8 (general purpose bit 11). Without Zip64, an archive stays under 4 GiB.
public struct ZipArchive: Sendable {
    public struct TooLarge: Error, Sendable {}

    private var bytes: [UInt8] = []
    private var directory: [UInt8] = []
    private var count = 0
    private let modified: (time: UInt16, date: UInt16)

    /// Every entry is dated `modified` (London time, as zip dates are local).
    public init(modified: Date) {
        self.modified = Self.dosTime(modified)
    }

    public mutating func add(_ name: String, _ content: [UInt8]) throws {
        let name = Array(name.utf8)
        let offset = bytes.count
        guard count < Int(UInt16.max), offset + content.count + name.count + 1024 < Int(UInt32.max) else {
            throw TooLarge()
        }
        let crc = CRC32.checksum(content)
        var local: [UInt8] = []
        local.le32(0x0403_4b50)
        local.header(name: name, crc: crc, size: content.count, modified: modified)
        bytes += local + name + content
        directory.le32(0x0201_4b50)
        directory.le16(20) // made by: 2.0
        directory.header(name: name, crc: crc, size: content.count, modified: modified)
        directory.le16(0) // comment length
        directory.le16(0) // disk number
        directory.le16(0) // internal attributes
        directory.le32(0) // external attributes
        directory.le32(UInt32(offset))
        directory += name
        count += 1
    }

    public mutating func add(_ name: String, _ text: String) throws { try add(name, Array(text.utf8)) }

    /// The archive: the entries, their central directory and its end record.
    public func finished() -> [UInt8] {
        var end: [UInt8] = []
        end.le32(0x0605_4b50)
        end.le16(0) // this disk
        end.le16(0) // the directory's disk
        end.le16(UInt16(count))
        end.le16(UInt16(count))
        end.le32(UInt32(directory.count))
        end.le32(UInt32(bytes.count))
        end.le16(0) // comment length
        return bytes + directory + end
    }

    static func dosTime(_ date: Date) -> (time: UInt16, date: UInt16) {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "Europe/London") ?? .gmt
        let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
        let year = max(0, (c.year ?? 1980) - 1980)
        let time = UInt16((c.hour ?? 0) << 11 | (c.minute ?? 0) << 5 | (c.second ?? 0) / 2)
        return (time, UInt16(year << 9 | (c.month ?? 1) << 5 | (c.day ?? 1)))
    }
}

private extension [UInt8] {
    mutating func le16(_ value: UInt16) { append(UInt8(value & 0xff)); append(UInt8(value >> 8)) }
    mutating func le32(_ value: UInt32) { le16(UInt16(value & 0xffff)); le16(UInt16(value >> 16)) }

    /// The fields a local header and a directory entry share, from "version needed" on.
    mutating func header(name: [UInt8], crc: UInt32, size: Int, modified: (time: UInt16, date: UInt16)) {
        le16(20) // version needed: 2.0
        le16(1 << 11) // names in UTF-8
        le16(0) // stored
        le16(modified.time)
        le16(modified.date)
        le32(crc)
        le32(UInt32(size)) // compressed
        le32(UInt32(size))
        le16(UInt16(name.count))
        le16(0) // extra field length
    }
}

/// CRC-32 (ISO 3309, the polynomial zip and PNG use), by table.
enum CRC32 {
    static let table: [UInt32] = (0..<256).map { index in
        var value = UInt32(index)
        for _ in 0..<8 { value = value & 1 == 1 ? 0xEDB8_8320 ^ (value >> 1) : value >> 1 }
        return value
    }

    static func checksum(_ bytes: [UInt8]) -> UInt32 {
        var crc: UInt32 = 0xFFFF_FFFF
        for byte in bytes { crc = table[Int((crc ^ UInt32(byte)) & 0xff)] ^ (crc >> 8) }
        return crc ^ 0xFFFF_FFFF
    }
}
