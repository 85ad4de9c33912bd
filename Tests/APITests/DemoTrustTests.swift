import App
import Foundation
import Testing
import TestSupport

/// `make run`'s demo: the trust, and an appraisal year a front can log into at once.
@Suite(.serialized, .enabled(if: TestDatabase.isAvailable, "needs the database from `make test`"))
struct DemoTrustTests {
    let api = TestAPI()

    @Test func theDemoTeacherLogsInAndHasAProposalToAnswer() async throws {
        try await DemoTrust(api.environment).load()
        try await DemoAppraisalYear(api.environment).load()
        // Loading again changes nothing.
        #expect(try await DemoTrust(api.environment).load() == false)
        #expect(try await DemoAppraisalYear(api.environment).load() == false)
        let login = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(DemoAppraisalYear.logins[2].email)", "password": "\#(DemoAppraisalYear.password)"}"#,
                                   authorised: false)
        let token = try #require(login.json["access_token"] as? String, "\(login.text)")
        let tasks = await api.send("GET", "/v1/me/tasks", headers: [("Authorization", "Bearer \(token)")], authorised: false)
        #expect(tasks.items.contains { $0["kind"] as? String == "respond_to_proposal" }, "\(tasks.text)")
        // The deputy reviews that appraisal and reads the objective; the head sees it too.
        let objective = try #require(tasks.items.first { $0["kind"] as? String == "respond_to_proposal" }?["resource"] as? String)
        for who in DemoAppraisalYear.logins.prefix(2) {
            let other = await api.send("POST", "/v1/auth/token", json: #"{"email": "\#(who.email)", "password": "\#(DemoAppraisalYear.password)"}"#,
                                       authorised: false)
            let read = await api.send("GET", objective, headers: [("Authorization", "Bearer \(other.json["access_token"] as? String ?? "")")],
                                      authorised: false)
            #expect(read.json["title"] as? String == "Questioning in Year 4 maths", "\(who.who)")
        }
    }
}
