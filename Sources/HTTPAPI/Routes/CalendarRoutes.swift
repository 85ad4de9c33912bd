import App
import Domain
import Foundation
import HTTPCore

/// School calendars per unit and England and Wales bank holidays (issue 4 §2).
extension API {
    static let academicYears = 2000...2100

    static func registerCalendars(_ router: inout Router) {
        router.add("GET", "/v1/bank-holidays", .trustRead, listBankHolidays)
        router.add("GET", "/v1/units/{unit_id}/school-years/{academic_year}", .trustRead, getSchoolYear)
        router.add("PUT", "/v1/units/{unit_id}/school-years/{academic_year}", .configurationWrite, putSchoolYear)
    }
}

struct BankHolidayList: ResponseBody {
    let year: Int
    let items: [BankHolidays.Holiday]
}

/// A unit's academic year as the API shows it, with the bank holidays that fall in it.
struct SchoolYearView: ResponseBody {
    let unitId: UUID
    let academicYear: Int
    let source: String
    let terms: [SchoolYear.Term]
    let closures: [SchoolYear.Closure]
    let bankHolidays: [BankHolidays.Holiday]

    init(unit: UUID, year: SchoolYear, source: String) {
        unitId = unit
        academicYear = year.academicYear
        self.source = source
        terms = year.terms
        closures = year.closures
        bankHolidays = (BankHolidays.of(year.academicYear) + BankHolidays.of(year.academicYear + 1))
            .filter { year.firstDay <= $0.date && $0.date <= year.lastDay }
    }
}

// The handlers, named by the contract's operationId (openapi.yaml).
extension API {
    // GET /v1/bank-holidays
    /// England and Wales bank holidays of a year, computed (Easter, substitute days, one-offs since 2010).
    @Sendable static func listBankHolidays(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery(["year"])
        guard let year = try context.queryInt("year", in: 1900...2200) else { throw Problem.invalidParameter("year",
                "is required") }
        return Reply.json(BankHolidayList(year: year, items: BankHolidays.of(year)))
    }

    // GET /v1/units/{unit_id}/school-years/{academic_year}
    /// A unit's terms, half terms and closures for an academic year (source default when none are set),
    /// with its bank holidays.
    @Sendable static func getSchoolYear(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let unit = try context.uuid("unit_id")
        let year = try context.int("academic_year", in: academicYears)
        switch try await SchoolYearService(api.environment).get(unit: unit, year: year, in: try api.trustID(context)) {
        case .set(let stored): return Reply.json(SchoolYearView(unit: unit, year: stored.year, source: "unit"),
                                                 etag: stored.version)
        case .standard(let standard): return Reply.json(SchoolYearView(unit: unit, year: standard, source: "default"))
        case .unitNotFound: throw Problem.notFound("unit")
        }
    }

    // PUT /v1/units/{unit_id}/school-years/{academic_year}
    /// Set a unit's term dates and closures for an academic year.
    @Sendable static func putSchoolYear(_ api: API, _ context: Context) async throws -> Response {
        try context.allowQuery([])
        let trust = try api.trustID(context)
        let unit = try context.uuid("unit_id")
        let year = try context.int("academic_year", in: academicYears)
        try Body.requireMediaType(context.request, accepted: [Body.json])
        let input = try Body.decodeStrict(SchoolYearInput.self, from: try Body.object(context.request,
                                                                                      allowed: SchoolYearInput.fields))
        let expected = try context.optionalExpectedVersion
        return try await api.idempotent(context, trustID: trust) {
            switch try await SchoolYearService(api.environment).put(input, unit: unit, year: year,
                                                                    expectedVersion: expected,
                                                                    in: trust, audit: context.audit) {
            case .saved(let stored, let created):
                return Reply.json(SchoolYearView(unit: unit, year: stored.year, source: "unit"),
                                  status: created ? 201 : 200,
                                  etag: stored.version)
            case .unitNotFound: throw Problem.notFound("unit")
            case .preconditionRequired: throw Problem.preconditionRequired
            case .stale: throw Problem.preconditionFailed
            }
        }
    }
}
