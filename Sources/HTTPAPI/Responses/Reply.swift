import Foundation
import HTTPCore
import Domain

/// A body the API sends. Always a type of its own, never a Domain struct (issue 11 §3): a
/// domain value gains fields as features land, and what a client — or a signed statement —
/// was sent must not change with it. `Responses/` holds them, each built from domain values.
protocol ResponseBody: Encodable {}

/// Building success responses.
enum Reply {
    static func json<T: ResponseBody>(_ value: T, status: Int = 200, etag: Int? = nil,
                                      location: String? = nil) -> Response {
        var headers = Headers([("Content-Type", "application/json")])
        if let etag { headers.add("ETag", ETag.make(etag)) }
        if let location { headers.add("Location", location) }
        return Response(status: status, headers: headers, body: JSON.encode(value))
    }

    static func noContent() -> Response { Response(status: 204) }
}

/// One page of a list: `{"items": [...], "next_cursor": "…" | null}`.
struct ListPage<Item: ResponseBody>: ResponseBody {
    let items: [Item]
    let nextCursor: String?

    init(_ page: Page<Item>) where Item: Sendable {
        self.init(items: page.items, nextCursor: page.nextAfter.map(Cursor.encode))
    }

    /// A page of domain values, each sent as its response type.
    init<Value>(_ page: Page<Value>, _ response: (Value) -> Item) {
        self.init(items: page.items.map(response), nextCursor: page.nextAfter.map(Cursor.encode))
    }

    /// A page whose cursor is not an id (policy versions page by version number).
    init(items: [Item], nextCursor: String?) {
        self.items = items
        self.nextCursor = nextCursor
    }

    enum CodingKeys: String, CodingKey { case items, nextCursor }

    func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(items, forKey: .items)
        try container.encode(nextCursor, forKey: .nextCursor) // explicit null on the last page
    }
}

/// A list that is never paged: `{"items": [...]}`.
struct Items<Item: ResponseBody>: ResponseBody {
    let items: [Item]
}

/// Small fixed bodies (`/healthz`, `/readyz`): string to string, no domain value in them.
extension Dictionary: ResponseBody where Key == String, Value == String {}

/// Strong entity tags from the row version; `If-Match` is required to change a resource.
enum ETag {
    static func make(_ version: Int) -> String { "\"\(version)\"" }

    /// The version the client says it last saw. Missing → 428. A tag we never issued (a weak
    /// `W/` tag never matches under the strong comparison of RFC 9110 §13.1.1) yields version 0,
    /// which no row has: the use case still validates the input first, then answers 412.
    static func expectedVersion(_ request: Request) throws -> Int {
        guard let header = request.headers["If-Match"]?.trimmingCharacters(in: .whitespaces), !header.isEmpty else {
            throw Problem.preconditionRequired
        }
        for candidate in header.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) {
            if candidate.hasPrefix("\""), candidate.hasSuffix("\""), candidate.count > 2,
               let version = Int(candidate.dropFirst().dropLast()), version > 0 {
                return version
            }
        }
        return 0
    }
}
