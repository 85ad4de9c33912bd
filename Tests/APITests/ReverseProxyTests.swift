import Foundation
#if canImport(Glibc)
import Glibc
#endif
import HTTPAPI
import Testing
import TestSupport

/// Issue 10 item 25: the API behind the project's own nginx configuration (Debian's nginx, TLS
/// with a certificate made here, on loopback). Clients on different addresses are told apart:
/// one client's bad tokens do not lock out another, a valid credential is never refused, audit
/// events carry the client's address (not nginx's, nor one the client made up), and the
/// client's X-Request-Id comes back.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct ReverseProxyTests {

    static func freePort() throws -> UInt16 {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) }
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        return UInt16(bigEndian: address.sin_port)
    }

    /// The project's nginx site, pointed at the test server and a port of its own.
    static func configuration(site: String, dir: String, api: UInt16, port: UInt16) -> String {
        let server = site.replacingOccurrences(of: "server api:8080;", with: "server 127.0.0.1:\(api);")
            .replacingOccurrences(of: "listen 8443 ssl", with: "listen 127.0.0.1:\(port) ssl")
            .replacingOccurrences(of: "/etc/nginx/certs/", with: "\(dir)/")
            .replacingOccurrences(of: "/var/log/nginx/access.log", with: "\(dir)/access.log")
        let temp = ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"].map { "\($0)_temp_path \(dir)/\($0);" }
            .joined(separator: "\n")
        return """
            worker_processes 1;
            pid \(dir)/nginx.pid;
            error_log \(dir)/error.log;
            events { worker_connections 64; }
            http {
            \(temp)
            \(server)
            }
            """
    }

    struct Reply { let status: Int; let headers: String; let body: String }

    /// One request through nginx with curl, from the given loopback source address.
    static func curl(_ dir: String, from source: String, port: UInt16, _ method: String, _ path: String,
                     headers: [String] = [], body: String? = nil) async -> Reply {
        let name = UUID().uuidString
        var command = "curl -sk --max-time 10 --interface \(source) -X \(method)"
        command += " -o \(dir)/\(name).body -D \(dir)/\(name).head"
        command += " -w '%{http_code}' https://127.0.0.1:\(port)\(path)"
        for header in headers { command += " -H '\(header)'" }
        if let body { command += " -H 'Content-Type: application/json' --data '\(body)'" }
        _ = await shell(command + " > \(dir)/\(name).status")
        func read(_ suffix: String) -> String {
            (try? String(contentsOfFile: "\(dir)/\(name).\(suffix)", encoding: .utf8)) ?? ""
        }
        return Reply(status: Int(read("status")) ?? 0, headers: read("head"), body: read("body"))
    }

    @Test func clientsBehindNginxAreToldApart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("appraise-proxy-\(UUID())").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // nginx's workers may run as another user: let them write their temporary files.
        _ = await shell("chmod 777 \(dir)")
        let nginxOnly = try TrustedProxies(parsing: "127.0.0.1")
        let server = try await TestServer(api: TestAPI(authFailureLimit: 5, trustedProxies: nginxOnly))
        let port = try Self.freePort()
        let siteFile = TestDatabase.repositoryRoot.appendingPathComponent("docker/nginx/appraise.conf")
        let site = try String(contentsOf: siteFile, encoding: .utf8)
        try Self.configuration(site: site, dir: dir, api: server.port, port: port)
            .write(toFile: "\(dir)/nginx.conf", atomically: true, encoding: .utf8)
        let certificate = "openssl req -x509 -newkey rsa:2048 -nodes -days 1 -subj /CN=localhost"
            + " -keyout \(dir)/server.key -out \(dir)/server.crt > /dev/null 2>&1"
        #expect(await shell(certificate) == 0)
        let nginx = FileManager.default.isExecutableFile(atPath: "/usr/sbin/nginx") ? "/usr/sbin/nginx" : "nginx"
        let check = await shell("\(nginx) -p \(dir) -c \(dir)/nginx.conf -t > \(dir)/check.log 2>&1")
        #expect(check == 0, "the configuration is valid")
        #expect(await shell("\(nginx) -p \(dir) -c \(dir)/nginx.conf 2> \(dir)/start.log") == 0)
        defer { _ = system("\(nginx) -p \(dir) -c \(dir)/nginx.conf -s stop 2>/dev/null; rm -rf \(dir)") }
        for _ in 0..<50 where await Self.curl(dir, from: "127.0.0.1", port: port, "GET", "/healthz").status != 200 {
            try await Task.sleep(for: .milliseconds(100))
        }

        // Client A (127.0.0.2) presents bad tokens until it is slowed down.
        let admin = "Authorization: Bearer \(TestAPI.adminToken)"
        var statuses: [Int] = []
        for _ in 0..<7 {
            let bad = await Self.curl(dir, from: "127.0.0.2", port: port, "GET", "/v1/trusts",
                                      headers: ["Authorization: Bearer wrong"])
            statuses.append(bad.status)
        }
        #expect(statuses.last == 429, "\(statuses)")
        // Client B (127.0.0.3) is not locked out, and A's valid credential is not refused either.
        for client in ["127.0.0.3", "127.0.0.2"] {
            let valid = await Self.curl(dir, from: client, port: port, "GET", "/v1/trusts?limit=1", headers: [admin])
            #expect(valid.status == 200, "\(client)")
        }

        // A write from B, claiming to be someone else: the audit event names B's address.
        let created = await Self.curl(dir, from: "127.0.0.3", port: port, "POST", "/v1/trusts",
                                      headers: [admin, "X-Forwarded-For: 203.0.113.9", "X-Request-Id: proxy-test-42"],
                                      body: #"{"name": "Behind the proxy", "kind": "multi_academy_trust"}"#)
        #expect(created.status == 201, "\(created.body)")
        #expect(created.headers.lowercased().contains("x-request-id: proxy-test-42"), "\(created.headers)")
        let createdTrust = try? JSONSerialization.jsonObject(with: Data(created.body.utf8)) as? [String: Any]
        let trust = try #require(createdTrust?["id"] as? String)
        let events = await server.api.send("GET", "/v1/audit-events?limit=10", trust: UUID(uuidString: trust))
        let addresses = events.items.compactMap { $0["client_address"] as? String }
        #expect(addresses.contains("127.0.0.3"), "\(events.text)")
        #expect(!addresses.contains("203.0.113.9") && !addresses.contains("127.0.0.1"), "\(events.text)")
        await server.stop()
    }

    /// Who X-Forwarded-For names, and when it is believed.
    @Test func forwardedForIsBelievedFromTrustedProxiesOnly() throws {
        let proxies = try TrustedProxies(parsing: "10.0.0.0/8, ::1")
        #expect(proxies.client(peer: "192.0.2.1", forwardedFor: ["198.51.100.7"]) == "192.0.2.1")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: ["198.51.100.7"]) == "198.51.100.7")
        let chain = ["203.0.113.9, 198.51.100.7, 10.4.4.4"]
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: chain) == "198.51.100.7")
        #expect(proxies.client(peer: "::1", forwardedFor: ["not-an-address"]) == "::1")
        #expect(proxies.client(peer: "10.1.2.3", forwardedFor: []) == "10.1.2.3")
        #expect(throws: TrustedProxies.InvalidEntry.self) { try TrustedProxies(parsing: "10.0.0.0/33") }
        #expect(throws: TrustedProxies.InvalidEntry.self) { try TrustedProxies(parsing: "nginx") }
    }
}
