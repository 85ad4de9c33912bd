import App
import Crypto
import Domain
import Foundation
import HTTPCore

/// `Idempotency-Key` for POSTs (draft-ietf-httpapi-idempotency-key-header): a retry with the
/// same key and body gets the first response again (with `Idempotent-Replayed: true`); the
/// same key with another body is 422; a retry while the first is still running is 409. The
/// writes and the stored response commit together (`IdempotencyService.once`).
extension API {
    func idempotent(_ context: Context, trustID: UUID?, _ perform: () async throws -> Response) async throws -> Response {
        guard let key = context.request.headers["Idempotency-Key"] else { return try await perform() }
        guard (1...255).contains(key.utf8.count), key.utf8.allSatisfy({ $0 >= 0x21 && $0 <= 0x7E }) else {
            throw Problem.invalidParameter("Idempotency-Key", "must be 1 to 255 visible ASCII characters")
        }
        let credential = context.actor?.credentialName ?? "anonymous"
        var hasher = SHA256()
        hasher.update(data: Data("\(context.request.method) \(context.request.path)\n".utf8))
        hasher.update(data: context.request.body)
        let hash = Hex.lowercase(hasher.finalize())
        let outcome = try await IdempotencyService(environment).once(trustID: trustID, credential: credential, key: key,
                                                                      requestHash: hash) {
            let response = try await perform()
            var kept: [String: String] = [:]
            for name in ["Location", "ETag"] { if let value = response.headers[name] { kept[name] = value } }
            let body = String(decoding: response.body, as: UTF8.self)
            return (response, StoredResponse(status: response.status, headers: kept, body: body))
        }
        switch outcome {
        case .performed(let response):
            return response
        case .differentRequest:
            throw Problem.invalid(field: "Idempotency-Key", rule: "reused",
                                  message: "was already used with a different request")
        case .inFlight:
            throw Problem.conflict("A request with this Idempotency-Key is still being processed; retry shortly.",
                                   field: "Idempotency-Key", rule: "in_flight")
        case .replayed(let stored):
            var headers = Headers([("Content-Type", "application/json"), ("Idempotent-Replayed", "true")])
            for (name, value) in stored.headers.sorted(by: { $0.key < $1.key }) { headers.add(name, value) }
            return Response(status: stored.status, headers: headers, body: Data(stored.body.utf8))
        }
    }
}
