import Foundation
import Testing
import TestSupport

/// A cycle transition's body is checked before its If-Match: a reason over the contract's
/// 4,000 characters (code points, as JSON Schema counts; one grapheme can hold thousands) is
/// 422, not 412. The contract run found it.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct CycleTransitionInputTests: PresetScenario {
    let api = TestAPI()

    @Test func anOverlongReasonIsRefusedWhateverTheIfMatch() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let cycle = try await api.create("/v1/cycles", #"{"name": "2053/54", "year": 2053}"#, trust: t.id)
        let reason = "a" + String(repeating: "\u{1F3FB}", count: 4_000) // one grapheme, 4,001 code points
        #expect(reason.count < 4_000 && reason.unicodeScalars.count > 4_000)
        let body = #"{"to": "open", "reason": "\#(reason)"}"#
        for version in ["\"1\"", "\"99\""] {
            let moved = await api.send("POST", "/v1/cycles/\(cycle)/transitions", json: body, trust: t.id,
                                       headers: [("If-Match", version)])
            #expect(moved.status == 422 && moved.text.contains("reason"), "\(moved.status)")
        }
    }
}
