import Domain
import Foundation
import Testing

/// Issue 16 §3: which audited changes become feed events, and who reads which.
@Suite struct ChangeFeedTests {
    static let trust = UUID()

    @Test func onlyAllowedWritesOfFollowedResourcesArePublished() {
        #expect(ChangeFeed.publication(resourceType: "employment", action: "update", allowed: true)?.type
                == "employment.update")
        #expect(ChangeFeed.publication(resourceType: "statement", action: "sign", allowed: true)?.topic == .appraisals)
        #expect(ChangeFeed.publication(resourceType: "pay_recommendation", action: "decide_pay", allowed: true)?.topic
                == .pay)
        #expect(ChangeFeed.publication(resourceType: "employment", action: "update", allowed: false) == nil)
        #expect(ChangeFeed.publication(resourceType: "employment", action: "read", allowed: true) == nil)
        for secret in ["wellbeing_notes", "protected_characteristics", "concern", "session", "api_key", "grant"] {
            #expect(ChangeFeed.publication(resourceType: secret, action: "update", allowed: true) == nil, "\(secret)")
        }
    }

    @Test func eachReaderGetsTheTopicsItsScopesOrRolesCover() {
        func key(_ scopes: Set<APIScope>) -> Caller { .apiKey(id: UUID(), trust: Self.trust, scopes: scopes) }
        func user(_ roles: Set<Role>) -> Caller {
            .user(account: UUID(), person: UUID(), trust: Self.trust, roles: roles)
        }
        #expect(ChangeFeed.topics(readBy: key([.eventsRead])).isEmpty)
        #expect(ChangeFeed.topics(readBy: key([.eventsRead, .staffWrite])) == [.staff])
        #expect(ChangeFeed.topics(readBy: key([.eventsRead, .staffRead, .appraisalsRead])) == [.staff, .appraisals])
        #expect(ChangeFeed.topics(readBy: user([.hr])) == Set(ChangeFeed.Topic.allCases))
        #expect(ChangeFeed.topics(readBy: user([.trustAdmin])) == [.staff, .appraisals, .integration])
        #expect(ChangeFeed.managesWebhooks(key([.eventsRead, .staffWrite])) != .allow)
        #expect(ChangeFeed.managesWebhooks(user([.hr])) == .allow)
        #expect(ChangeFeed.readsFeed(key([.staffRead])) != .allow)
        #expect(ChangeFeed.readsFeed(user([.ceo])) != .allow)
        #expect(ChangeFeed.readsFeed(user([.trustAdmin])) == .allow)
    }
}
