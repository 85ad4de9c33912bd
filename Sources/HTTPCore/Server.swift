import Foundation
import FlyingSocks
import Logging
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// An HTTP/1.1 server on FlyingFox's socket layer (FlyingSocks, 0.27.1).
///
/// FlyingFox's own `HTTPServer` was probed and left out: it cannot refuse a body without
/// reading it, has no header-size limit or header/idle timeouts, parses headers in quadratic
/// time, never answers `100 Continue`, writes head and body separately without TCP_NODELAY
/// (~40 ms per keep-alive response), and its `stop()` waits out the whole grace period.
/// Owning the connection loop covers all of these in one place; the non-blocking sockets and
/// the async accept/read/write are FlyingFox's, the epoll pool they wait on is ours (EpollPool).
public final class Server: Sendable {
    public typealias Handler = @Sendable (Request) async -> Response
    /// Called after each response is written (metrics).
    public typealias Observer = @Sendable (Request, Response, Duration) -> Void

    let configuration: ServerConfiguration
    let handler: Handler
    let observer: Observer?
    let logger: Logger
    private let pool: any AsyncSocketPool
    private let state = Mutex(State())

    private struct State {
        var listener: Socket?
        var acceptTask: Task<Void, Never>?
        var poolTask: Task<Void, any Error>?
        var connections: [Int: ConnectionControl] = [:]
        var nextConnectionID = 0
        var draining = false
        var boundPort: UInt16?
    }

    public init(configuration: ServerConfiguration, logger: Logger, observer: Observer? = nil,
                handler: @escaping Handler) {
        self.configuration = configuration
        self.handler = handler
        self.observer = observer
        self.logger = logger
        self.pool = Self.makePool()
    }

    /// The port actually bound (useful with port 0 in tests).
    public var port: UInt16? { state.withLock { $0.boundPort } }
    public var openConnections: Int { state.withLock { $0.connections.count } }
    var isDraining: Bool { state.withLock { $0.draining } }

    /// Binds and starts accepting; returns once listening.
    public func start() async throws {
        try await pool.prepare()
        let poolTask = Task { [pool] in try await pool.run() }
        let listener = try Self.makeListener(host: configuration.host, port: configuration.port)
        let asyncListener = try AsyncSocket(socket: listener, pool: pool)
        let boundPort: UInt16? = switch try listener.sockname() {
        case .ip4(_, let port), .ip6(_, let port): port
        case .unix: nil
        }
        let acceptTask = Task { await self.acceptLoop(asyncListener) }
        state.withLock {
            $0.listener = listener
            $0.poolTask = poolTask
            $0.acceptTask = acceptTask
            $0.boundPort = boundPort
        }
        logger.info("listening", metadata: ["host": "\(configuration.host)", "port": "\(boundPort ?? 0)"])
    }

    /// Stops accepting, closes idle connections, lets in-flight requests finish (each answered
    /// with `Connection: close`) for up to the grace period, then cuts whatever is left.
    public func shutdown() async {
        let (acceptTask, listener, idle) = state.withLock { state in
            state.draining = true
            return (state.acceptTask, state.listener, Array(state.connections.values))
        }
        acceptTask?.cancel()
        await acceptTask?.value
        try? listener?.close()
        for connection in idle { connection.cancelIfIdle() }
        let deadline = ContinuousClock.now + configuration.shutdownGrace
        while openConnections > 0, ContinuousClock.now < deadline {
            try? await Task.sleep(for: .milliseconds(10))
        }
        let remaining = state.withLock { Array($0.connections.values) }
        for connection in remaining { connection.cancel() }
        while openConnections > 0 { try? await Task.sleep(for: .milliseconds(5)) }
        let poolTask = state.withLock { $0.poolTask }
        poolTask?.cancel()
        logger.info("http server stopped")
    }

    /// The server's own epoll pool on Linux (EpollPool.swift says why); FlyingSocks' elsewhere.
    private static func makePool() -> any AsyncSocketPool {
        #if canImport(Glibc)
        // Failing to create an epoll instance means the process is out of descriptors: fatal.
        do { return try EpollPool() } catch { fatalError("epoll: \(error)") }
        #else
        return SocketPool.make(maxEvents: 256)
        #endif
    }

    private static func makeListener(host: String, port: UInt16) throws -> Socket {
        let socket: Socket
        if host.contains(":") {
            socket = try Socket(domain: AF_INET6, type: .stream)
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in6.inet6(ip6: host, port: port))
        } else {
            socket = try Socket(domain: AF_INET, type: .stream)
            try socket.setValue(true, for: .localAddressReuse)
            try socket.bind(to: sockaddr_in.inet(ip4: host, port: port))
        }
        // Accepted sockets inherit TCP_NODELAY on Linux; set again per connection for other systems.
        setNoDelay(socket)
        try socket.listen(maxPendingConnection: 1024)
        return socket
    }

    static func setNoDelay(_ socket: Socket) {
        var one: Int32 = 1
        _ = setsockopt(socket.file.rawValue, Int32(IPPROTO_TCP), TCP_NODELAY, &one, socklen_t(MemoryLayout<Int32>.size))
    }

    private func acceptLoop(_ listener: AsyncSocket) async {
        while !Task.isCancelled {
            let client: AsyncSocket
            do {
                client = try await listener.accept()
            } catch is CancellationError {
                return
            } catch {
                if Task.isCancelled { return }
                logger.warning("accept failed", metadata: ["error": "\(error)"])
                try? await Task.sleep(for: .milliseconds(50))
                continue
            }
            Self.setNoDelay(client.socket)
            let control = ConnectionControl()
            let admitted = state.withLock { state -> Int? in
                guard !state.draining, state.connections.count < configuration.maxConnections else { return nil }
                state.nextConnectionID += 1
                state.connections[state.nextConnectionID] = control
                return state.nextConnectionID
            }
            guard let id = admitted else {
                Task { await self.refuse(client) }
                continue
            }
            control.task = Task {
                await ClientConnection(server: self, socket: client, control: control).run()
                _ = self.state.withLock { $0.connections.removeValue(forKey: id) }
            }
        }
    }

    private func refuse(_ client: AsyncSocket) async {
        let problem = isDraining ? Problem.shuttingDown : Problem.overloaded
        let response = problem.response(requestID: RequestID.random())
        try? await client.write(Self.finalise(response, requestID: nil).encoded(keepAlive: false, headOnly: false))
        try? client.close()
    }

    /// Headers every response carries, whoever made it (RFC 9457 errors included).
    static func finalise(_ response: Response, requestID: String?) -> Response {
        var response = response
        if let requestID { response.headers.set("X-Request-Id", requestID) }
        if !response.headers.contains("Cache-Control") { response.headers.set("Cache-Control", "no-store") }
        response.headers.set("X-Content-Type-Options", "nosniff")
        return response
    }
}

/// What the server needs to steer one connection from outside: its task and whether it is
/// between requests (safe to cut at shutdown).
final class ConnectionControl: @unchecked Sendable {
    private let lock = Mutex<(idle: Bool, cancelled: Bool, task: Task<Void, Never>?)>((true, false, nil))

    var task: Task<Void, Never>? {
        get { lock.withLock { $0.task } }
        set {
            let cancelNow = lock.withLock { state -> Bool in
                state.task = newValue
                return state.cancelled
            }
            if cancelNow { newValue?.cancel() }
        }
    }

    func setIdle(_ idle: Bool) { lock.withLock { $0.idle = idle } }

    func cancelIfIdle() {
        let task = lock.withLock { state -> Task<Void, Never>? in
            guard state.idle else { return nil }
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }

    func cancel() {
        let task = lock.withLock { state -> Task<Void, Never>? in
            state.cancelled = true
            return state.task
        }
        task?.cancel()
    }
}
