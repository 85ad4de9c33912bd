import Domain
import Foundation
import HTTPCore

/// Matches a request to a route template such as `/v1/units/{id}`.
///
/// Paths are matched segment by segment, case-sensitively, after percent-decoding each
/// segment. A path that matches a template but not its method gets 405 with `Allow`.
struct Router: Sendable {
    typealias Handler = @Sendable (API, Context) async throws -> Response

    struct Route: Sendable {
        let method: String
        let template: String
        /// What the caller must hold (Domain/Authorization.swift); checked before the handler.
        let permission: Permission
        /// On an appraisal or an item of its record: what the use case will ask of the one
        /// access decision (any of these), so `/v1/me/permissions` asks the same.
        let record: [RecordPermission]
        /// The media types its responses come in, for `Accept` (JSON unless the route says).
        let produces: [String]
        let segments: [Segment]
        let handler: Handler
    }

    enum Segment: Sendable, Equatable {
        case literal(String)
        case parameter(String)
    }

    private(set) var routes: [Route] = []

    static let json = ["application/json", "application/problem+json"]

    /// `record` defaults to reading for GET and writing as a side otherwise, on routes whose
    /// path names an appraisal or a record item.
    mutating func add(_ method: String, _ template: String, _ permission: Permission, record: [RecordPermission]? = nil,
                      produces: [String] = Router.json, _ handler: @escaping Handler) {
        let segments = template.split(separator: "/", omittingEmptySubsequences: true).map { part -> Segment in
            part.hasPrefix("{") && part.hasSuffix("}") ? .parameter(String(part.dropFirst().dropLast())) : .literal(String(part))
        }
        let onRecord = segments.contains { segment in
            guard case .parameter(let name) = segment else { return false }
            return name == "appraisal_id" || RecordItemKind.parameters[name] != nil
        }
        let needs = onRecord ? record ?? (method == "GET" ? [.read] : [.write]) : []
        routes.append(Route(method: method, template: template, permission: permission, record: needs,
                            produces: produces, segments: segments, handler: handler))
    }

    enum Match {
        case found(Route, [String: String])
        case methodNotAllowed(template: String, allow: [String])
        case notFound
        case badPath
    }

    func match(method: String, path: String) -> Match {
        let rawSegments = path.split(separator: "/", omittingEmptySubsequences: false).dropFirst()
        var segments: [String] = []
        for raw in rawSegments {
            guard let decoded = PercentDecoding.decode(raw) else { return .badPath }
            segments.append(decoded)
        }
        // Tolerate one trailing slash: `/v1/units/` is `/v1/units`.
        if segments.count > 1, segments.last == "" { segments.removeLast() }
        if segments == [""] { segments = [] }
        var allowed: [String] = []
        var template: String?
        for route in routes {
            guard let parameters = Self.bind(route.segments, to: segments) else { continue }
            if route.method == method || (method == "HEAD" && route.method == "GET") {
                return .found(route, parameters)
            }
            template = route.template
            allowed.append(route.method)
        }
        guard let template else { return .notFound }
        if allowed.contains("GET") { allowed.append("HEAD") }
        return .methodNotAllowed(template: template, allow: allowed + ["OPTIONS"])
    }

    private static func bind(_ pattern: [Segment], to segments: [String]) -> [String: String]? {
        guard pattern.count == segments.count else { return nil }
        var parameters: [String: String] = [:]
        for (expected, actual) in zip(pattern, segments) {
            switch expected {
            case .literal(let literal): if literal != actual { return nil }
            case .parameter(let name): parameters[name] = actual
            }
        }
        return parameters
    }
}
