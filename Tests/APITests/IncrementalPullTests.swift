import Foundation
import Testing
import TestSupport

/// Issue 16 §2: `updated_since` on the cycles and appraisals lists — a nightly job reads only
/// what changed, an appraisal counting as changed when its reviewers do.
@Suite(.enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct IncrementalPullTests: PresetScenario {
    let now = TestClock("2051-09-08")
    let api: TestAPI

    init() { api = TestAPI(clock: now.clock) }

    func ids(_ path: String, _ t: Trust) async -> Set<String> {
        let page = await api.send("GET", path, trust: t.id)
        #expect(page.status == 200, "\(page.text)")
        return Set(page.items.compactMap { $0["id"] as? String })
    }

    @Test func onlyWhatChangedSinceTheLastPullIsListed() async throws {
        let t = try await makeTrust(preset: "000-alpha-trust")
        let (appraisals, _) = try await open(t, year: 2051)
        #expect(await ids("/v1/appraisals?updated_since=2051-09-08T11:59:59Z", t).count == appraisals.count)

        now.set("2051-09-09")
        let since = "2051-09-09T12:00:00Z"
        #expect(await ids("/v1/appraisals?updated_since=\(since)", t).isEmpty)
        #expect(await ids("/v1/cycles?updated_since=\(since)", t).isEmpty)
        // A reviewer appointed is a change to the appraisal as listed (its reviewers).
        let teacher = try #require(appraisals["teacher"])
        #expect(await appoint(t, teacher, by: "head", reviewers: ["deputy"]).0 == 201)
        #expect(await ids("/v1/appraisals?updated_since=\(since)", t) == [teacher["id"] as! String])
        #expect(await ids("/v1/appraisals?updated_since=2051-09-09T12:00:01Z", t).isEmpty)
        #expect(await api.send("GET", "/v1/cycles?updated_since=yesterday", trust: t.id).status == 400)
    }
}
