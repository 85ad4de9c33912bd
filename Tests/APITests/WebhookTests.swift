import App
import Foundation
import Testing
import TestSupport

/// Issue 16 §4: signed webhooks, checked by a real receiver on loopback that verifies every
/// signature with its own HMAC (scripts/webhook-receiver.py).
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct WebhookTests {
    let api = TestAPI()

    /// The receiver process and the files it reads and writes. Started and stopped with
    /// system(3): Foundation's Process can spin in waitUntilExit on Linux.
    final class Receiver: @unchecked Sendable {
        let folder: URL
        var port = 0
        var secretFile: URL { folder.appendingPathComponent("secret") }
        var logFile: URL { folder.appendingPathComponent("log") }
        var downFile: URL { folder.appendingPathComponent("down") }
        var url: String { "http://127.0.0.1:\(port)/hook" }

        init() async throws {
            folder = FileManager.default.temporaryDirectory.appendingPathComponent("receiver-\(UUID())")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let script = TestDatabase.repositoryRoot.appendingPathComponent("scripts/webhook-receiver.py").path
            let dir = folder.path
            let files = "\(dir)/secret \(dir)/log \(dir)/down"
            _ = system("python3 \(script) \(files) > \(dir)/port 2>&1 & echo $! > \(dir)/pid")
            for _ in 0..<100 where port == 0 {
                try await Task.sleep(for: .milliseconds(50))
                let text = (try? String(contentsOfFile: "\(dir)/port", encoding: .utf8)) ?? ""
                port = Int(text.trimmingCharacters(in: .whitespacesAndNewlines)) ?? 0
            }
        }

        func stop() {
            _ = system("kill $(cat \(folder.path)/pid) 2>/dev/null")
            try? FileManager.default.removeItem(at: folder)
        }

        func outage(_ down: Bool) {
            if down { _ = FileManager.default.createFile(atPath: downFile.path, contents: Data()) } else {
                try? FileManager.default.removeItem(at: downFile)
            }
        }

        /// What it accepted, in arrival order: id, type, position, whether the signature held.
        var received: [[String: Any]] {
            let text = (try? String(contentsOf: logFile, encoding: .utf8)) ?? ""
            return text.split(separator: "\n").compactMap {
                try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
            }
        }
    }

    func dispatcher(allowPrivate: Bool = true) -> WebhookDispatcher {
        var configuration = WebhookDispatcher.Configuration()
        configuration.sender.allowHTTP = true
        configuration.sender.allowPrivateAddresses = allowPrivate
        configuration.sender.timeout = .seconds(5)
        configuration.retryScale = 0.000_01 // three days of back-off in about three seconds
        return WebhookDispatcher(api.environment, configuration: configuration)
    }

    func subscribe(_ receiver: Receiver, in trust: UUID, types: String = "") async throws -> String {
        let body = #"{"url": "\#(receiver.url)", "description": "HR system"\#(types)}"#
        let made = await api.send("POST", "/v1/webhook-subscriptions", json: body, trust: trust)
        #expect(made.status == 201, "\(made.text)")
        let secret = try #require(made.json["secret"] as? String)
        try secret.write(to: receiver.secretFile, atomically: true, encoding: .utf8)
        return try #require(made.json["id"] as? String)
    }

    func staff(_ count: Int, title: String = "Officer") -> String {
        let people = (0..<count).map {
            #"{"external_id": "P\#($0)", "given_name": "G", "family_name": "F\#($0)"}"#
        }
        let employments = (0..<count).map {
            #"{"external_id": "E\#($0)", "person_external_id": "P\#($0)", "unit_external_id": "C", "#
                + #""staff_group": "central", "job_title": "\#(title)", "start_date": "2024-09-01"}"#
        }
        return #"{"units": [{"external_id": "C", "name": "Central", "kind": "central_team"}], "#
            + #""people": [\#(people.joined(separator: ","))], "#
            + #""employments": [\#(employments.joined(separator: ","))]}"#
    }

    /// Positions of the trust's feed that the subscription delivers (as the platform administrator).
    func feed(_ trust: UUID) async -> [Int] {
        var positions: [Int] = []
        var after = 0
        while true {
            let page = await api.send("GET", "/v1/events?after=\(after)&limit=200", trust: trust)
            positions += page.items.compactMap { $0["position"] as? Int }
            after = page.json["next_after"] as? Int ?? after
            if page.json["has_more"] as? Bool != true { return positions }
        }
    }

    /// Delivery passes over one trust (tests run side by side: each delivers only its own).
    func drain(_ dispatcher: WebhookDispatcher, _ trust: UUID, until done: () -> Bool) async throws {
        for _ in 0..<200 where !done() {
            try await dispatcher.runOnce(in: trust)
            try await Task.sleep(for: .milliseconds(10))
        }
    }

    @Test func everyEventArrivesSignedAndInOrderThroughARestartAndAnOutage() async throws {
        let receiver = try await Receiver()
        defer { receiver.stop() }
        let trust = try await api.makeTrust()
        let subscription = try await subscribe(receiver, in: trust)
        #expect(await api.send("POST", "/v1/staff-sync", json: staff(20), trust: trust).status == 200)
        let first = dispatcher()
        try await drain(first, trust) { receiver.received.count >= 41 }
        #expect(receiver.received.count == 41)

        // The receiver goes down; changes keep coming; the server "restarts" (a new worker over
        // the same outbox) while deliveries are failing; then the receiver comes back.
        receiver.outage(true)
        #expect(await api.send("POST", "/v1/staff-sync", json: staff(25, title: "Manager"), trust: trust).status == 200)
        for _ in 0..<3 {
            try await first.runOnce(in: trust)
            try await Task.sleep(for: .milliseconds(20))
        }
        let restarted = dispatcher()
        receiver.outage(false)
        let expected = await feed(trust)
        try await drain(restarted, trust) { receiver.received.count >= expected.count }

        let received = receiver.received
        #expect(received.allSatisfy { $0["valid"] as? Bool == true })
        #expect(received.compactMap { $0["position"] as? Int } == expected, "every event once, in feed order")
        let log = await api.send("GET", "/v1/webhook-subscriptions/\(subscription)/deliveries?limit=200", trust: trust)
        let failed = log.items.filter { $0["outcome"] as? String == "failed" }
        #expect(failed.count >= 3 && failed.allSatisfy { $0["status_code"] as? Int == 503 })
        let state = await api.send("GET", "/v1/webhook-subscriptions/\(subscription)", trust: trust)
        #expect(state.json["state"] as? String == "active")
        #expect(state.json["secret"] == nil)

        // A replay sends one past event again, with the same id.
        let again = try #require(received.first?["id"] as? String)
        let replay = await api.send("POST", "/v1/webhook-subscriptions/\(subscription)/replays",
                                    json: #"{"event_id": "\#(again)"}"#, trust: trust)
        #expect(replay.status == 202, "\(replay.text)")
        try await drain(restarted, trust) { receiver.received.count > expected.count }
        #expect(receiver.received.last?["id"] as? String == again)
    }

    @Test func aReceiverDownForTheWholeScheduleIsDisabledAndTheTrustTold() async throws {
        let receiver = try await Receiver()
        defer { receiver.stop() }
        receiver.outage(true)
        let trust = try await api.makeTrust()
        let subscription = try await subscribe(receiver, in: trust, types: #", "event_types": ["unit.create"]"#)
        _ = await api.send("POST", "/v1/units", json: #"{"name": "Lonely", "kind": "central_team"}"#, trust: trust)
        let worker = dispatcher()
        var state = await api.send("GET", "/v1/webhook-subscriptions/\(subscription)", trust: trust)
        for _ in 0..<300 where state.json["state"] as? String == "active" {
            try await worker.runOnce(in: trust)
            try await Task.sleep(for: .milliseconds(20))
            state = await api.send("GET", "/v1/webhook-subscriptions/\(subscription)", trust: trust)
        }
        #expect(state.json["state"] as? String == "disabled", "\(state.text)")
        #expect((state.json["disabled_reason"] as? String)?.contains("15 attempts") == true)
        let told = await api.send("GET", "/v1/events?type=webhook_subscription.disable", trust: trust)
        #expect(told.items.count == 1)
    }

    @Test func loopbackAndPrivateAddressesAreRefusedAtDelivery() async throws {
        let receiver = try await Receiver()
        defer { receiver.stop() }
        let trust = try await api.makeTrust()
        let subscription = try await subscribe(receiver, in: trust)
        _ = await api.send("POST", "/v1/units", json: #"{"name": "U", "kind": "central_team"}"#, trust: trust)
        try await dispatcher(allowPrivate: false).runOnce(in: trust)
        #expect(receiver.received.isEmpty)
        let log = await api.send("GET", "/v1/webhook-subscriptions/\(subscription)/deliveries", trust: trust)
        #expect((log.items.first?["error"] as? String)?.contains("loopback") == true, "\(log.text)")
        let plain = await api.send("POST", "/v1/webhook-subscriptions",
                                   json: #"{"url": "ftp://example.org/hook"}"#, trust: trust)
        #expect(plain.status == 422)
    }
}
