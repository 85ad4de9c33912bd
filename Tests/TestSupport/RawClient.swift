import Foundation
import HTTPCore
#if canImport(Glibc)
import Glibc
#endif

/// A deliberately dumb HTTP/1.1 client over a blocking POSIX socket, so tests control every
/// byte (partial heads, bodies never sent, pipelining). Its blocking calls run on its own
/// dispatch queue, never on Swift's cooperative pool (which the server under test uses).
public final class RawClient: @unchecked Sendable {
    private let fd: Int32
    private let queue = DispatchQueue(label: "raw-client")
    private var buffer = Data()

    public init(port: UInt16, receiveTimeout: TimeInterval = 10) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket() failed") }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else { close(fd); throw TestFailure("connect() failed: \(errno)") }
        var timeout = timeval(tv_sec: Int(receiveTimeout), tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
    }

    deinit { close(fd) }

    public func send(_ text: String) async throws { try await send(Data(text.utf8)) }

    public func send(_ data: Data) async throws {
        try await onQueue {
            var offset = 0
            while offset < data.count {
                let written = data.withUnsafeBytes { Glibc.send(self.fd, $0.baseAddress! + offset, data.count - offset, Int32(MSG_NOSIGNAL)) }
                guard written > 0 else { throw TestFailure("send failed: \(errno)") }
                offset += written
            }
        }
    }

    /// Reads one response (Content-Length framed; a HEAD response has no body whatever its
    /// Content-Length). Nil when the server closed first.
    public func readResponse(headOnly: Bool = false) async throws -> TestResponse? {
        try await onQueue {
            while true {
                if let response = try self.parseBuffered(headOnly: headOnly) { return response }
                guard try self.receiveMore() else { return nil }
            }
        }
    }

    /// True when the server has closed the connection (reads return end of stream).
    public func isClosedByServer() async -> Bool {
        (try? await onQueue { try !self.receiveMore() }) ?? true
    }

    public func closeWrite() { shutdown(fd, Int32(SHUT_WR)) }

    private func receiveMore() throws -> Bool {
        var chunk = [UInt8](repeating: 0, count: 65_536)
        let count = recv(fd, &chunk, chunk.count, 0)
        if count > 0 { buffer.append(contentsOf: chunk[0..<count]); return true }
        if count == 0 { return false }
        if errno == ECONNRESET { return false }
        throw TestFailure("recv failed or timed out: \(errno)")
    }

    private func parseBuffered(headOnly: Bool) throws -> TestResponse? {
        guard let end = buffer.range(of: Data("\r\n\r\n".utf8)) else { return nil }
        let head = String(decoding: buffer[buffer.startIndex..<end.lowerBound], as: UTF8.self)
        var lines = head.components(separatedBy: "\r\n")
        let statusLine = lines.removeFirst().split(separator: " ")
        guard statusLine.count >= 2, let status = Int(statusLine[1]) else { throw TestFailure("bad status line") }
        var headers = Headers()
        for line in lines {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers.add(String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        if status == 100 {
            buffer.removeSubrange(buffer.startIndex..<end.upperBound)
            return TestResponse(status: 100, headers: headers, body: Data())
        }
        let length = headOnly ? 0 : Int(headers["Content-Length"] ?? "0") ?? 0
        guard buffer.distance(from: end.upperBound, to: buffer.endIndex) >= length else { return nil }
        let body = buffer[end.upperBound..<buffer.index(end.upperBound, offsetBy: length)]
        let response = TestResponse(status: status, headers: headers, body: Data(body))
        buffer.removeSubrange(buffer.startIndex..<buffer.index(end.upperBound, offsetBy: length))
        return response
    }

    private func onQueue<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            queue.async { continuation.resume(with: Result { try work() }) }
        }
    }
}
