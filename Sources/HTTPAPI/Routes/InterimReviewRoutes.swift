import App
import Domain
import Foundation
import HTTPCore

/// Formal interim reviews (issue 13 §1).
extension API {
    static func registerInterimReviews(_ router: inout Router) {
        router.add("GET", "/v1/appraisals/{appraisal_id}/interim-reviews", .appraisalRead, listInterimReviews)
        router.add("POST", "/v1/appraisals/{appraisal_id}/interim-reviews", .appraisalRecordWrite,
                   createInterimReview)
        router.add("GET", "/v1/interim-reviews/{interim_review_id}", .appraisalRead, getInterimReview)
        router.add("PUT", "/v1/interim-reviews/{interim_review_id}/comment", .appraisalRecordWrite,
                   commentOnInterimReview)
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/appraisals/{appraisal_id}/interim-reviews
    /// The appraisal's formal interim reviews, earliest first.
    @Sendable static func listInterimReviews(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        let reviews = try await api.recording {
            try await InterimReviewService(api.environment).list(appraisal: appraisal, in: trust,
                                                                 caller: context.recordCaller)
        }
        return Reply.json(Items(items: reviews.map(InterimReviewResponse.init)))
    }

    // POST /v1/appraisals/{appraisal_id}/interim-reviews
    /// Record a formal interim review, as the reviewer (002 §2.2.5, 003 §5.3.2): progress against each
    /// objective, the objectives that should change, the support needed.
    @Sendable static func createInterimReview(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let appraisal = try context.uuid("appraisal_id")
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(InterimReviewInput.self,
                                    from: try Body.object(context.request, allowed: InterimReviewInput.fields))
        return try await api.idempotent(context, trustID: trust) {
            let review = try await api.recording {
                try await InterimReviewService(api.environment).create(input, appraisal: appraisal, in: trust,
                                                                       caller: context.recordCaller)
            }
            return Reply.json(InterimReviewResponse(review), status: 201, etag: review.version,
                              location: "/v1/interim-reviews/\(review.id.uuidString.lowercased())")
        }
    }

    // GET /v1/interim-reviews/{interim_review_id}
    /// One interim review.
    @Sendable static func getInterimReview(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let id = try context.item(.interimReview)
        let review = try await api.recording {
            try await InterimReviewService(api.environment).get(id, in: trust, caller: context.recordCaller)
        }
        return Reply.json(InterimReviewResponse(review), etag: review.version)
    }

    // PUT /v1/interim-reviews/{interim_review_id}/comment
    /// The reviewee's comment on their interim review.
    @Sendable static func commentOnInterimReview(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decode(StatementCommentInput.self,
                                    from: try Body.object(context.request, allowed: StatementCommentInput.fields))
        let trust = try api.trustID(context)
        let id = try context.item(.interimReview)
        let review = try await api.recording {
            try await InterimReviewService(api.environment).comment(id, input, in: trust, caller: context.recordCaller)
        }
        return Reply.json(InterimReviewResponse(review), etag: review.version)
    }
}
