import App
import Domain
import Foundation
import HTTPCore

/// The standards catalogue (issue 5 §7) and the caller's own task list (issue 5 §8).
extension API {
    static func registerStandards(_ router: inout Router) {
        router.add("GET", "/v1/standards", .trustRead) { _, context in
            try context.allowQuery([])
            return Reply.json(Items(items: StandardsCatalogue.frameworks))
        }
        router.add("GET", "/v1/standards/{framework_id}", .trustRead) { _, context in
            try context.allowQuery([])
            guard let id = context.parameters["framework_id"], let framework = StandardsCatalogue.framework(id) else {
                throw Problem.notFound("standards framework")
            }
            return Reply.json(framework)
        }
        // Only a person has tasks; an API key or the platform administrator gets an empty list.
        router.add("GET", "/v1/me/tasks", .authenticated) { api, context in
            try context.allowQuery([])
            guard let me = context.recordCaller.person, let trust = context.actor?.trustID else {
                return Reply.json(Items(items: [TaskResponse]()))
            }
            let tasks = try await TaskService(api.environment).tasks(of: me, in: trust)
            return Reply.json(Items(items: tasks.map(TaskResponse.init)))
        }
    }
}
