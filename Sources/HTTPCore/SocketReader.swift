import Foundation
import FlyingSocks

/// Buffered reads from one client socket, with the limits FlyingFox 0.27.1 lacks: a cap on
/// the request head, a cap on the body (chunked bodies are counted as they arrive), and
/// linear scanning for the end of the head.
struct SocketReader {
    let socket: AsyncSocket
    private(set) var buffer: [UInt8] = []
    private var start = 0

    init(socket: AsyncSocket) {
        self.socket = socket
    }

    enum Failure: Error {
        case headTooLarge
        case bodyTooLarge
        case malformedChunk
    }

    var hasBufferedBytes: Bool { start < buffer.count }

    /// Reads at least one more byte (throws `SocketError.disconnected` at end of stream).
    mutating func fill() async throws {
        // Drop consumed bytes so a long keep-alive connection does not grow its buffer.
        if start > 0 {
            buffer.removeSubrange(0..<start)
            start = 0
        }
        let bytes = try await socket.read(atMost: 16_384)
        if bytes.isEmpty { throw SocketError.disconnected }
        buffer.append(contentsOf: bytes)
    }

    /// Returns the head (request line and headers, without the blank line that ends it).
    mutating func readHead(maxBytes: Int) async throws -> ArraySlice<UInt8> {
        var scanned = 0 // bytes after `start` already scanned: rescans stay linear
        while true {
            var index = start + scanned
            while index < buffer.count {
                if index - start > maxBytes { throw Failure.headTooLarge }
                if buffer[index] == UInt8(ascii: "\n") {
                    // "\n\n" or "\n\r\n" ends the head (CRLF CRLF, tolerating bare LF).
                    if index + 1 < buffer.count, buffer[index + 1] == UInt8(ascii: "\n") {
                        return consumeHead(upTo: index, skip: 2)
                    }
                    if index + 2 < buffer.count, buffer[index + 1] == UInt8(ascii: "\r"), buffer[index + 2] == UInt8(ascii: "\n") {
                        return consumeHead(upTo: index, skip: 3)
                    }
                }
                index += 1
            }
            scanned = max(0, buffer.count - start - 2)
            if buffer.count - start > maxBytes { throw Failure.headTooLarge }
            try await fill()
        }
    }

    private mutating func consumeHead(upTo newline: Int, skip: Int) -> ArraySlice<UInt8> {
        let head = buffer[start..<newline]
        start = newline + skip
        return head
    }

    mutating func readBody(_ framing: BodyFraming, limit: Int) async throws -> Data {
        switch framing {
        case .none:
            return Data()
        case .length(let length):
            while buffer.count - start < length { try await fill() }
            let body = Data(buffer[start..<(start + length)])
            start += length
            return body
        case .chunked:
            return try await readChunked(limit: limit)
        }
    }

    /// RFC 9112 §7.1: chunk-size [; ext] CRLF data CRLF … 0 CRLF [trailers] CRLF.
    private mutating func readChunked(limit: Int) async throws -> Data {
        var body = Data()
        while true {
            let line = try await readLine(maxBytes: 1024)
            let sizeText = line.split(separator: UInt8(ascii: ";"), maxSplits: 1, omittingEmptySubsequences: false)[0]
            let trimmed = String(decoding: sizeText, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            guard !trimmed.isEmpty, trimmed.count <= 8, let size = Int(trimmed, radix: 16) else {
                throw Failure.malformedChunk
            }
            if size == 0 {
                // Trailer fields are read and ignored, up to the blank line.
                while !(try await readLine(maxBytes: 8192)).isEmpty {}
                return body
            }
            guard body.count + size <= limit else { throw Failure.bodyTooLarge }
            while buffer.count - start < size + 2 { try await fill() }
            body.append(contentsOf: buffer[start..<(start + size)])
            guard buffer[start + size] == UInt8(ascii: "\r"), buffer[start + size + 1] == UInt8(ascii: "\n") else {
                throw Failure.malformedChunk
            }
            start += size + 2
        }
    }

    private mutating func readLine(maxBytes: Int) async throws -> ArraySlice<UInt8> {
        var scanned = 0
        while true {
            if let newline = buffer[(start + scanned)...].firstIndex(of: UInt8(ascii: "\n")) {
                var end = newline
                if end > start, buffer[end - 1] == UInt8(ascii: "\r") { end -= 1 }
                let line = buffer[start..<end]
                start = newline + 1
                return line
            }
            scanned = buffer.count - start
            if buffer.count - start > maxBytes { throw Failure.malformedChunk }
            try await fill()
        }
    }
}
