import Foundation
@testable import HTTPCore
import Logging
import Synchronization
import Testing
import TestSupport
#if canImport(Glibc)
import Glibc
#endif

/// Issue 12 §1: a connection whose next request is always already there never waits on its
/// socket, so without a yield it would hold a cooperative thread until its client stopped.
/// More such clients than there are cooperative threads, and a single request from anyone
/// else waited for all of theirs. Counted in responses, not timed.
@Suite struct FairnessTests {
    /// What the server handled, in order: "flood" or "probe".
    final class HandledLog: Sendable {
        let entries = Mutex<[String]>([])
        var count: Int { entries.withLock { $0.count } }
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        func index(of entry: String) -> Int? { entries.withLock { $0.firstIndex(of: entry) } }
    }

    @Test func aPipeliningClientCannotStarveASingleRequest() async throws {
        let handled = HandledLog()
        let server = Server(configuration: ServerConfiguration(host: "127.0.0.1", port: 0),
                            logger: TestServer.quietLogger) { request in
            handled.append(request.path == "/probe" ? "probe" : "flood")
            // A little work per request, so the flood is served at a pace the test can watch.
            var spin: UInt64 = 0
            for value in 0..<20_000 { spin &+= UInt64(value) ^ spin }
            return Response(status: 200, body: Data("\(spin % 10)".utf8))
        }
        try await server.start()
        let port = try #require(server.port)
        let probe = try Flooder(port: port, requests: 0)
        #expect(probe.exchange("GET /warm-up HTTP/1.1\r\nHost: x\r\n\r\n").hasPrefix("HTTP/1.1 200"))

        // One more flooding client than the machine has cooperative threads.
        let flooders = ProcessInfo.processInfo.activeProcessorCount + 1
        let floods = try (0..<flooders).map { _ in try Flooder(port: port, requests: 10_000) }
        for flood in floods { flood.start() }
        // The probe is sent and read on a thread of its own: a starved cooperative pool would
        // otherwise delay the test itself, not only the server.
        let sentAfter = await withCheckedContinuation { (sent: CheckedContinuation<Int, Never>) in
            Thread {
                while handled.count < 200 { usleep(1_000) }
                let before = handled.count
                _ = probe.exchange("GET /probe HTTP/1.1\r\nHost: x\r\n\r\n")
                sent.resume(returning: before)
            }.start()
        }
        let answeredAt = try #require(handled.index(of: "probe"))
        let delay = answeredAt - sentAfter
        // Fair: the probe waits its turn behind each flooder's current request, plus what they
        // are served while the epoll thread notices it (0–3 seen). Unfair: behind whole floods.
        #expect(delay < 300, "the probe waited for \(delay) flood responses")
        for flood in floods { flood.stop() }
        await server.shutdown()
    }
}

/// A client that sends `requests` pipelined requests as fast as the socket takes them, on a
/// thread of its own, while another thread reads and discards the responses.
final class Flooder: Sendable {
    let socket: Int32
    let requests: Int

    init(port: UInt16, requests: Int) throws {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        self.socket = socket
        self.requests = requests
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                connect(socket, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
        guard connected == 0 else { throw TestFailure("connect() failed: \(errno)") }
    }

    func start() {
        let socket = socket, requests = requests
        Thread {
            let request = Array("GET /flood HTTP/1.1\r\nHost: x\r\n\r\n".utf8)
            let batch = [UInt8]((0..<100).flatMap { _ in request })
            for _ in 0..<(requests / 100) {
                var offset = 0
                while offset < batch.count {
                    let sent = batch.withUnsafeBytes {
                        Glibc.send(socket, $0.baseAddress! + offset, batch.count - offset, Int32(MSG_NOSIGNAL))
                    }
                    guard sent > 0 else { return }
                    offset += sent
                }
            }
        }.start()
        Thread {
            var buffer = [UInt8](repeating: 0, count: 65_536)
            while recv(socket, &buffer, buffer.count, 0) > 0 {}
        }.start()
    }

    /// Sends one request and reads until its response has arrived (a short one: one read).
    func exchange(_ request: String) -> String {
        let bytes = Array(request.utf8)
        guard Glibc.send(socket, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { return "" }
        var buffer = [UInt8](repeating: 0, count: 4_096)
        let count = recv(socket, &buffer, buffer.count, 0)
        return count > 0 ? String(decoding: buffer.prefix(count), as: UTF8.self) : ""
    }

    func stop() {
        shutdown(socket, Int32(SHUT_RDWR))
    }

    deinit { close(socket) }
}
