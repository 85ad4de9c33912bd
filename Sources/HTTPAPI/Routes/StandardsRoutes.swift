import App
import Domain
import Foundation
import HTTPCore

/// The standards catalogue (issue 5 §7) and the caller's own task list (issue 5 §8).
extension API {
    static func registerStandards(_ router: inout Router) {
        router.add("GET", "/v1/standards", .trustRead, listStandards)
        router.add("GET", "/v1/standards/{framework_id}", .trustRead, getStandards)
        // Only a person has tasks; an API key or the platform administrator gets an empty list.
        router.add("GET", "/v1/me/tasks", .authenticated, listMyTasks)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/standards
    /// The professional standards frameworks objectives and evidence reference.
    @Sendable static func listStandards(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        return Reply.json(Items(items: StandardsCatalogue.frameworks))
    }

    // GET /v1/standards/{framework_id}
    /// One framework and its items.
    @Sendable static func getStandards(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let id = context.parameters["framework_id"], let framework = StandardsCatalogue.framework(id) else {
            throw Problem.notFound("standards framework")
        }
        return Reply.json(framework)
    }

    // GET /v1/me/tasks
    /// Everything the caller must do next, soonest first: respond to a proposal, agree or determine
    /// objectives, give feedback, write a meeting record, hold a conversation, assess. A key or the
    /// platform administrator has none.
    @Sendable static func listMyTasks(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        guard let me = context.recordCaller.person, let trust = context.actor?.trustID else {
            return Reply.json(Items(items: [TaskResponse]()))
        }
        let tasks = try await TaskService(api.environment).tasks(of: me, in: trust)
        return Reply.json(Items(items: tasks.map(TaskResponse.init)))
    }
}
