import App
import Domain
import Foundation

/// One change: identifiers, type, time and the names of the fields that changed.
struct ChangeEventResponse: ResponseBody {
    let position: Int64
    let id: UUID
    let type: String
    let topic: String
    let resourceType: String
    let resourceId: UUID?
    let subjectPersonId: UUID?
    let changedFields: [String]
    let occurredAt: Date

    init(_ event: ChangeEvent) {
        position = event.position
        id = event.id
        type = event.type
        topic = event.topic.rawValue
        resourceType = event.resourceType
        resourceId = event.resourceId
        subjectPersonId = event.subjectPersonId
        changedFields = event.changedFields
        occurredAt = event.occurredAt
    }
}

/// A page of the feed: `next_after` is always given, so a poller resumes from it.
struct ChangeFeedPage: ResponseBody {
    let items: [ChangeEventResponse]
    let nextAfter: Int64
    let hasMore: Bool

    init(_ page: ChangeFeedService.Page) {
        items = page.events.map(ChangeEventResponse.init)
        nextAfter = page.nextAfter
        hasMore = page.hasMore
    }
}
