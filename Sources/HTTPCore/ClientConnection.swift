import Foundation
import FlyingSocks
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// One client connection: reads requests one after another (keep-alive), enforcing the
/// head/body/idle timeouts with a watchdog so a slow client only ever holds its own task.
struct ClientConnection {
    let server: Server
    let socket: AsyncSocket
    let control: ConnectionControl
    let peer: String?

    init(server: Server, socket: AsyncSocket, control: ConnectionControl) {
        self.server = server
        self.socket = socket
        self.control = control
        self.peer = switch try? socket.socket.remotePeer() {
        case .ip4(let address, _)?, .ip6(let address, _)?: address
        default: nil
        }
    }

    /// What the connection is waiting for; the watchdog answers a timeout accordingly.
    enum Phase: Sendable { case idle, head, body, handling }

    final class Watch: Sendable {
        let state = Mutex<(phase: Phase, deadline: ContinuousClock.Instant?, fired: Phase?)>((.idle, nil, nil))
        func enter(_ phase: Phase, timeout: Duration?) {
            state.withLock { $0.phase = phase; $0.deadline = timeout.map { ContinuousClock.now + $0 } }
        }
        var firedIn: Phase? { state.withLock { $0.fired } }
    }

    func run() async {
        let watch = Watch()
        await withTaskGroup(of: Void.self) { group in
            group.addTask { await serve(watch) }
            group.addTask { await Self.watchdog(watch) }
            await group.next()
            group.cancelAll()
        }
        try? socket.close()
    }

    /// Sleeps until the current phase's deadline; returns (ending the connection) once one passes.
    private static func watchdog(_ watch: Watch) async {
        while !Task.isCancelled {
            let deadline = watch.state.withLock { $0.deadline }
            let now = ContinuousClock.now
            if let deadline, deadline <= now {
                let fired = watch.state.withLock { state -> Bool in
                    // Re-check: the phase may have moved on while we looked.
                    guard let current = state.deadline, current <= ContinuousClock.now else { return false }
                    state.fired = state.phase
                    return true
                }
                if fired { return }
                continue
            }
            let wake = deadline.map { min($0, now + .seconds(1)) } ?? now + .seconds(1)
            do { try await Task.sleep(until: wake, clock: .continuous) } catch { return }
        }
    }

    private func serve(_ watch: Watch) async {
        let configuration = server.configuration
        var reader = SocketReader(socket: socket)
        var requestID: String?
        var requestsServed = 0
        do {
            while true {
                control.setIdle(true)
                watch.enter(.idle, timeout: configuration.idleTimeout)
                if server.isDraining { return }
                // A keep-alive client's next request is usually here before we look again, so
                // the read below would not suspend and this task would keep its cooperative
                // thread from every other connection (issue 12 §1). One response per turn.
                if requestsServed > 0 { await Task.yield() }
                requestsServed += 1
                if !reader.hasBufferedBytes { try await reader.fill() }
                control.setIdle(false)
                let started = ContinuousClock.now
                watch.enter(.head, timeout: configuration.clientTimeout)
                requestID = nil
                let headBytes = try await reader.readHead(maxBytes: configuration.maxHeaderBytes)
                let head = try RequestHead.parse(headBytes)
                requestID = RequestID.accept(head.headers["X-Request-Id"])
                let framing = try BodyFraming.of(head.headers, limit: configuration.maxBodyBytes)
                if let expect = head.headers["Expect"] {
                    guard expect.lowercased() == "100-continue" else { throw Problem.expectationFailed }
                    // RFC 9110 §10.1.1: tell the client to send the body it is holding back.
                    if framing != .none && !reader.hasBufferedBytes {
                        try await socket.write(Data("HTTP/1.1 100 Continue\r\n\r\n".utf8))
                    }
                }
                watch.enter(.body, timeout: configuration.clientTimeout)
                let body = try await reader.readBody(framing, limit: configuration.maxBodyBytes)
                watch.enter(.handling, timeout: nil)
                let request = Request(method: head.method, path: head.path, rawQuery: head.rawQuery,
                                      version: head.version, headers: head.headers, body: body,
                                      remoteAddress: peer, requestID: requestID!)
                let response = Server.finalise(await server.handler(request), requestID: requestID)
                let keepAlive = request.wantsKeepAlive && !server.isDraining
                    && response.headers["Connection"]?.lowercased() != "close"
                try await socket.write(response.encoded(keepAlive: keepAlive, headOnly: request.method == "HEAD"))
                finished(request, response, since: started)
                if !keepAlive { return }
            }
        } catch {
            await fail(error, watch: watch, requestID: requestID)
        }
    }

    /// Answers a protocol-level failure where the client can still read it, then closes.
    private func fail(_ error: any Error, watch: Watch, requestID: String?) async {
        let problem: Problem?
        switch error {
        case let problem as Problem where problem.status == 417:
            return await send(problem, requestID: requestID)
        case RequestHead.ParseError.malformed(let detail):
            problem = .badRequest(detail)
        case RequestHead.ParseError.versionNotSupported:
            problem = Problem(status: 505, type: "http-version-not-supported", title: "HTTP version not supported",
                              detail: "Only HTTP/1.0 and HTTP/1.1 are supported.")
        case BodyFraming.Failure.malformed(let detail):
            problem = .badRequest(detail)
        case BodyFraming.Failure.tooLarge, SocketReader.Failure.bodyTooLarge:
            problem = .contentTooLarge(limit: server.configuration.maxBodyBytes)
        case SocketReader.Failure.headTooLarge:
            problem = .headersTooLarge
        case SocketReader.Failure.malformedChunk:
            problem = .badRequest("The chunked body is malformed.")
        default:
            // Cancelled by the watchdog (timeout) or by shutdown, or the client went away.
            switch watch.firedIn {
            case .head?, .body?: problem = .requestTimeout
            default: problem = nil
            }
        }
        if let problem { await send(problem, requestID: requestID) }
    }

    private func send(_ problem: Problem, requestID: String?) async {
        let id = requestID ?? RequestID.random()
        let response = Server.finalise(problem.response(requestID: id), requestID: id)
        let data = response.encoded(keepAlive: false, headOnly: false)
        // Detached: this task may be cancelled (timeout), and the answer must still go out.
        await Task.detached { [socket] in
            try? await socket.write(data)
            await Self.lingeringClose(socket)
        }.value
        server.logger.info("request", metadata: [
            "status": "\(problem.status)", "request_id": "\(id)", "route": "-", "method": "-",
        ])
    }

    /// Closing with unread bytes in the receive buffer makes the kernel send RST, which can
    /// destroy the error response before the client reads it. So, like nginx's lingering close:
    /// half-close, then discard what the client still sends — at most 1 MiB or 2 seconds.
    private static func lingeringClose(_ socket: AsyncSocket) async {
        _ = shutdown(socket.socket.file.rawValue, Int32(SHUT_WR))
        await withTaskGroup(of: Void.self) { group in
            group.addTask {
                var discarded = 0
                while discarded < 1_048_576, let bytes = try? await socket.read(atMost: 16_384), !bytes.isEmpty {
                    discarded += bytes.count
                }
            }
            group.addTask { try? await Task.sleep(for: .seconds(2)) }
            await group.next()
            group.cancelAll()
        }
    }

    /// "12.34": milliseconds to two places, by integer arithmetic (String(format:) goes through
    /// CFString, 5 % of a bare request's CPU).
    static func milliseconds(_ elapsed: Duration) -> String {
        let (seconds, attoseconds) = elapsed.components
        let hundredths = max(0, seconds * 100_000 + (attoseconds + 5_000_000_000_000) / 10_000_000_000_000)
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }

    private func finished(_ request: Request, _ response: Response, since started: ContinuousClock.Instant) {
        let elapsed = ContinuousClock.now - started
        server.observer?(request, response, elapsed)
        server.logger.info("request", metadata: [
            "method": "\(request.method)", "route": "\(response.route ?? "unmatched")",
            "status": "\(response.status)", "duration_ms": "\(Self.milliseconds(elapsed))",
            "request_id": "\(request.requestID)",
        ])
    }
}
