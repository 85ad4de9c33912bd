import CLibPQ
import Foundation

/// Rows for `COPY … FROM STDIN` in PostgreSQL's text format: one line per row, a tab between
/// fields, `\N` for null, and backslash, tab, newline and carriage return escaped. Each field
/// is the text a bound parameter would carry (`PostgresEncodable.postgresText`), so one
/// definition of a record's values serves a single INSERT and a bulk COPY alike.
public struct CopyRows: Sendable {
    private(set) var bytes: [UInt8] = []
    public private(set) var count = 0

    public init() {}

    public var isEmpty: Bool { count == 0 }

    /// Room for `rows` more rows of about `bytesEach` bytes: a batch that knows its size is
    /// allocated (and its pages faulted in) once rather than doubled into place.
    public mutating func reserve(rows: Int, bytesEach: Int) {
        let needed = bytes.count + rows * bytesEach
        if needed > bytes.capacity { bytes.reserveCapacity(max(needed, bytes.capacity * 2)) }
    }

    public mutating func append(_ fields: [String?]) {
        for (index, field) in fields.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: "\t")) }
            guard var field else {
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(UInt8(ascii: "N"))
                continue
            }
            field.withUTF8 { utf8 in
                // Most fields need no escape: copied whole rather than byte by byte.
                guard utf8.contains(where: Self.needsEscape) else { return bytes.append(contentsOf: utf8) }
                for byte in utf8 {
                    switch byte {
                    case UInt8(ascii: "\\"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "\\"))
                    case UInt8(ascii: "\t"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "t"))
                    case UInt8(ascii: "\n"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "n"))
                    case UInt8(ascii: "\r"): bytes.append(UInt8(ascii: "\\")); bytes.append(UInt8(ascii: "r"))
                    default: bytes.append(byte)
                    }
                }
            }
        }
        bytes.append(UInt8(ascii: "\n"))
        count += 1
    }

    private static func needsEscape(_ byte: UInt8) -> Bool {
        byte == UInt8(ascii: "\\") || byte == UInt8(ascii: "\t") || byte == UInt8(ascii: "\n")
            || byte == UInt8(ascii: "\r")
    }

    /// A text array's literal (`{"a","b"}`), each element quoted, for a `text[]` field.
    public static func arrayLiteral(_ items: [String]) -> String {
        var literal: [UInt8] = [UInt8(ascii: "{")]
        for (index, item) in items.enumerated() {
            if index > 0 { literal.append(UInt8(ascii: ",")) }
            literal.append(UInt8(ascii: "\""))
            for byte in item.utf8 {
                if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") { literal.append(UInt8(ascii: "\\")) }
                literal.append(byte)
            }
            literal.append(UInt8(ascii: "\""))
        }
        literal.append(UInt8(ascii: "}"))
        return String(decoding: literal, as: UTF8.self)
    }
}

extension Connection {
    /// Loads rows into a scratch table made for this transaction (dropped at its commit) with
    /// the types of `columns` of `table`, and returns its name, for an INSERT or UPDATE that
    /// reads it. The staff sync writes tens of thousands of rows in a statement (issue 16 §1),
    /// and COPY with the INSERT takes half the time `jsonb_to_recordset` takes. It cannot load the
    /// real table: PostgreSQL refuses `COPY FROM` into a table with row-level security, and
    /// the INSERT … SELECT from the scratch table is checked by the policies as any insert is.
    /// `name` must be a plain identifier chosen by the caller, never input.
    ///
    /// `extra` columns (plain identifiers, each of type text) follow `columns` in each row:
    /// what a later statement needs that `table` does not hold.
    public func copyIntoScratch(_ rows: CopyRows, named name: String, like table: String,
                                columns: String, extra: [String] = []) throws -> String {
        dispatchPrecondition(condition: .onQueue(queue))
        let scratch = "pg_temp.\(name)"
        let added = extra.map { ", NULL::text AS \($0)" }.joined()
        _ = try query(SQL(unsafeSQL: "DROP TABLE IF EXISTS \(scratch)"))
        _ = try query(SQL(unsafeSQL: """
            CREATE TEMPORARY TABLE \(name) ON COMMIT DROP AS SELECT \(columns)\(added) FROM \(table) WITH NO DATA
            """))
        try copy(rows, into: scratch, columns: columns + extra.map { ", \($0)" }.joined())
        return scratch
    }

    /// `COPY table (columns) FROM STDIN` with these rows, in 1 MB messages.
    func copy(_ rows: CopyRows, into table: String, columns: String) throws {
        guard let handle else { throw PostgresError(kind: .connection, message: "not connected") }
        guard let started = PQexec(handle, "COPY \(table) (\(columns)) FROM STDIN") else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        guard PQresultStatus(started) == PGRES_COPY_IN else {
            defer { PQclear(started) }
            throw Self.error(from: started, connection: handle)
        }
        PQclear(started)
        let chunk = 1 << 20
        var sent = true
        rows.bytes.withUnsafeBufferPointer { buffer in
            var offset = 0
            while sent, offset < buffer.count {
                let length = min(chunk, buffer.count - offset)
                let start = UnsafeRawPointer(buffer.baseAddress! + offset).assumingMemoryBound(to: CChar.self)
                sent = PQputCopyData(handle, start, Int32(length)) == 1
                offset += length
            }
        }
        guard sent, PQputCopyEnd(handle, nil) == 1 else {
            throw PostgresError(kind: .connection, message: String(cString: PQerrorMessage(handle)))
        }
        // The COPY's result, then NULL: an error (a bad value) is reported here.
        var failure: PostgresError?
        while let result = PQgetResult(handle) {
            if PQresultStatus(result) != PGRES_COMMAND_OK, failure == nil {
                failure = Self.error(from: result, connection: handle)
            }
            PQclear(result)
        }
        if let failure { throw failure }
    }
}
