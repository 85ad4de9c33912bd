import Domain
import Foundation
import Testing

/// Issue 16 §4: where webhooks may go, and how long they are retried.
@Suite struct WebhookAddressTests {
    @Test func onlyAbsoluteHTTPSURLsWithoutCredentialsAreAccepted() {
        #expect(WebhookAddress.parse("https://hr.example.org/hook", allowHTTP: false)?.port == 443)
        #expect(WebhookAddress.parse("https://hr.example.org:8443/x", allowHTTP: false)?.port == 8443)
        #expect(WebhookAddress.parse("http://hr.example.org/hook", allowHTTP: false) == nil)
        #expect(WebhookAddress.parse("http://127.0.0.1:9/hook", allowHTTP: true)?.secure == false)
        for refused in ["https://user:pass@hr.example.org/", "https://hr.example.org/#frag", "ftp://hr.example.org/",
                        "hr.example.org/hook", "https:///nohost"] {
            #expect(WebhookAddress.parse(refused, allowHTTP: true) == nil, "\(refused)")
        }
    }

    @Test func internalAddressesAreForbidden() {
        let forbidden: [[UInt8]] = [
            [127, 0, 0, 1], [10, 1, 2, 3], [172, 16, 0, 1], [172, 31, 255, 255], [192, 168, 1, 1],
            [169, 254, 169, 254], [100, 64, 0, 1], [0, 0, 0, 0], [224, 0, 0, 1], [255, 255, 255, 255],
            Array(repeating: 0, count: 15) + [1],                                   // ::1
            [0xfd, 0x00] + Array(repeating: 0, count: 13) + [1],                    // unique local
            [0xfe, 0x80] + Array(repeating: 0, count: 14),                          // link-local
            Array(repeating: 0, count: 10) + [0xff, 0xff, 127, 0, 0, 1],           // ::ffff:127.0.0.1
        ]
        for address in forbidden { #expect(WebhookAddress.isForbidden(address), "\(address)") }
        let allowed: [[UInt8]] = [[93, 184, 216, 34], [172, 32, 0, 1], [100, 128, 0, 1],
                                  [0x26, 0x06, 0x47, 0x00] + Array(repeating: 0, count: 12)]
        for address in allowed { #expect(!WebhookAddress.isForbidden(address), "\(address)") }
    }

    @Test func retriesSpanAboutThreeDaysThenStop() {
        let total = (1...WebhookRetrySchedule.delays.count).compactMap { WebhookRetrySchedule.delay(afterAttempts: $0) }
            .reduce(0, +)
        #expect(total > 2.5 * 86_400 && total < 3.5 * 86_400)
        #expect(WebhookRetrySchedule.delay(afterAttempts: 1) == 5)
        #expect(WebhookRetrySchedule.delay(afterAttempts: WebhookRetrySchedule.delays.count + 1) == nil)
        #expect(WebhookRetrySchedule.delay(afterAttempts: 2, scale: 0.5) == 15)
    }
}
