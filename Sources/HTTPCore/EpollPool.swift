#if canImport(Glibc)
import CEpoll
import Foundation
import FlyingSocks
import Glibc
import Synchronization

/// The socket pool the server's sockets wait on: one epoll instance, watched by a thread of
/// its own, waking each waiting task directly (issue 12 §1).
///
/// FlyingSocks' `SocketPool` routes every wait and every wake-up through one actor, and
/// hands `epoll_wait` to a dispatch queue whose result then queues behind that actor. Under
/// keep-alive load the actor is the one place all 32 connections meet: a wake-up waits for
/// every registration queued before it, and a connection's turn depends on where its job
/// lands in the actor's queue rather than on when its socket became ready. Here a wait is an
/// `epoll_ctl` under a short lock, and the epoll thread resumes waiters in the order the
/// kernel reports them ready — the order the bytes arrived.
///
/// Registrations are one-shot (`EPOLLONESHOT`): a socket reports once per wait, so nothing
/// fires for a socket nobody waits on, and there is no deregistration when a wait ends.
/// Closing a socket removes it from the epoll set (the kernel does), so a reused descriptor
/// number is registered afresh (`EPOLL_CTL_MOD` fails with `ENOENT`, then `EPOLL_CTL_ADD`).
public final class EpollPool: AsyncSocketPool {
    private let epoll: Int32
    private let wakeup: Int32
    private let state = Mutex(State())

    private struct State {
        var waiting: [Int32: Waiters] = [:]
        var stopped = false
    }

    /// Who waits on one socket: at most one reader and one writer (one task serves a socket).
    private struct Waiters {
        var read: Suspension?
        var write: Suspension?

        var events: UInt32 {
            var events: UInt32 = 0
            if read != nil { events |= EPOLLIN.rawValue | EPOLLRDHUP.rawValue }
            if write != nil { events |= EPOLLOUT.rawValue }
            return events
        }
    }

    public init() throws {
        epoll = epoll_create1(Int32(EPOLL_CLOEXEC))
        wakeup = eventfd(0, Int32(EFD_NONBLOCK | EFD_CLOEXEC))
        guard epoll >= 0, wakeup >= 0 else { throw SocketError.makeFailed("epoll_create1") }
        var event = epoll_event()
        event.events = EPOLLIN.rawValue
        event.data.fd = wakeup
        guard epoll_ctl(epoll, EPOLL_CTL_ADD, wakeup, &event) == 0 else {
            throw SocketError.makeFailed("epoll_ctl")
        }
    }

    deinit {
        close(epoll)
        close(wakeup)
    }

    public func prepare() async throws {}

    /// Watches the epoll set on a thread of its own (`epoll_wait` blocks, so never on one of
    /// the cooperative threads) until the task running this is cancelled.
    public func run() async throws {
        await withTaskCancellationHandler {
            await withCheckedContinuation { (finished: CheckedContinuation<Void, Never>) in
                let thread = Thread { [self] in
                    watch()
                    finished.resume()
                }
                thread.name = "appraise-epoll"
                thread.start()
            }
        } onCancel: {
            stop()
        }
    }

    public func suspendSocket(_ socket: Socket, untilReadyFor events: Socket.Events) async throws {
        let suspension = Suspension()
        let file = socket.file.rawValue
        try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard suspension.wait(continuation) else { return }
                if let failure = register(suspension, on: file, for: events) {
                    suspension.resume(throwing: failure)
                }
            }
        } onCancel: {
            suspension.resume(throwing: CancellationError())
        }
    }

    /// Records the waiter and arms the socket for everything now waited on. A waiter left
    /// by a cancelled wait is simply replaced (resuming it again does nothing).
    private func register(_ suspension: Suspension, on file: Int32, for events: Socket.Events) -> (any Error)? {
        state.withLock { state -> (any Error)? in
            if state.stopped { return CancellationError() }
            var waiters = state.waiting[file] ?? Waiters()
            if events.contains(.read) { waiters.read = suspension }
            if events.contains(.write) { waiters.write = suspension }
            state.waiting[file] = waiters
            return arm(file, for: waiters.events) ? nil : SocketError.makeFailed("epoll_ctl")
        }
    }

    private func arm(_ file: Int32, for events: UInt32) -> Bool {
        var event = epoll_event()
        event.events = events | EPOLLONESHOT.rawValue
        event.data.fd = file
        if epoll_ctl(epoll, EPOLL_CTL_MOD, file, &event) == 0 { return true }
        guard errno == ENOENT else { return false }
        return epoll_ctl(epoll, EPOLL_CTL_ADD, file, &event) == 0
    }

    private func stop() {
        var one: UInt64 = 1
        _ = write(wakeup, &one, MemoryLayout<UInt64>.size)
    }

    private func watch() {
        var events = [epoll_event](repeating: epoll_event(), count: 256)
        while true {
            let count = epoll_wait(epoll, &events, Int32(events.count), -1)
            if count < 0 {
                if errno == EINTR { continue }
                break
            }
            var ready: [Suspension] = []
            let stopping = state.withLock { state -> Bool in
                for event in events.prefix(Int(count)) {
                    if event.data.fd == wakeup { return true }
                    take(event, from: &state, into: &ready)
                }
                return false
            }
            for suspension in ready { suspension.resume() }
            if stopping { break }
        }
        let left = state.withLock { state -> [Suspension] in
            state.stopped = true
            defer { state.waiting = [:] }
            return state.waiting.values.flatMap { [$0.read, $0.write].compactMap { $0 } }
        }
        for suspension in left { suspension.resume(throwing: CancellationError()) }
    }

    /// Moves the waiters an event answers into `ready`, re-arming the socket for any left.
    private func take(_ event: epoll_event, from state: inout State, into ready: inout [Suspension]) {
        let file = event.data.fd
        guard var waiters = state.waiting[file] else { return }
        let failed = event.events & (EPOLLERR.rawValue | EPOLLHUP.rawValue) != 0
        let readable = event.events & (EPOLLIN.rawValue | EPOLLRDHUP.rawValue) != 0
        if failed || readable, let reader = waiters.read {
            ready.append(reader)
            waiters.read = nil
        }
        if failed || event.events & EPOLLOUT.rawValue != 0, let writer = waiters.write {
            if writer !== waiters.read { ready.append(writer) }
            waiters.write = nil
        }
        if waiters.read == nil && waiters.write == nil {
            state.waiting[file] = nil
        } else {
            state.waiting[file] = waiters
            _ = arm(file, for: waiters.events)
        }
    }
}

/// One task's wait on a socket: resumed once, by readiness or by cancellation, whichever
/// comes first (a cancellation can arrive before the continuation exists).
private final class Suspension: Sendable {
    private enum Phase {
        case new
        case waiting(CheckedContinuation<Void, any Error>)
        case cancelled
        case resumed
    }
    private let phase = Mutex(Phase.new)

    /// Stores the continuation; false if the wait was cancelled first (it is then resumed).
    func wait(_ continuation: CheckedContinuation<Void, any Error>) -> Bool {
        let cancelled = phase.withLock { phase -> Bool in
            guard case .new = phase else { return true }
            phase = .waiting(continuation)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    func resume(throwing error: (any Error)? = nil) {
        let continuation = phase.withLock { phase -> CheckedContinuation<Void, any Error>? in
            switch phase {
            case .new:
                phase = .cancelled
                return nil
            case .waiting(let continuation):
                phase = .resumed
                return continuation
            case .cancelled, .resumed:
                return nil
            }
        }
        if let error { continuation?.resume(throwing: error) } else { continuation?.resume() }
    }
}
#endif
