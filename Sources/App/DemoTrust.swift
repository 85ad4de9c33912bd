import Domain
import Foundation
import Postgres
import Store

/// A demo trust for trying the API: two schools and a central team, 36 staff with line
/// managers. Loading is idempotent: the demo trust has a fixed id and is created once.
public struct DemoTrust: Sendable {
    public static let trustID = UUID(uuidString: "0193a5b0-0000-7000-8000-00000000d3e0")!

    let environment: AppEnvironment
    public init(_ environment: AppEnvironment) { self.environment = environment }

    /// Returns false when the demo trust was already there.
    @discardableResult
    public func load() async throws -> Bool {
        let now = environment.clock.now()
        let newID = environment.newID
        let trustID = Self.trustID
        let environment = self.environment
        return try await environment.pool.transaction(trustID: trustID, platform: true) { db in
            // Every row the demo creates is audited like any other write.
            func audit(_ resourceType: String, _ id: UUID, subject: UUID? = nil) throws {
                try environment.audit(.init(trustId: trustID, action: "create", resourceType: resourceType, resourceId: id,
                                            subjectPersonId: subject), .system, at: now, on: db)
            }
            if try TrustStore.find(trustID, on: db) != nil { return false }
            try TrustStore.insert(Trust(id: trustID, name: "Demo Learning Trust", kind: .multiAcademyTrust,
                                              companiesHouseNumber: nil, version: 1, createdAt: now, updatedAt: now), on: db)
            try audit("trust", trustID)
            let schools = [
                UnitInput(name: "Riverside Primary Academy", kind: .school, urn: "140001", phase: .primary, externalId: "MIS-U-1"),
                UnitInput(name: "Hillcrest Secondary Academy", kind: .school, urn: "140002", phase: .secondary, externalId: "MIS-U-2"),
                UnitInput(name: "Central Team", kind: .centralTeam, externalId: "MIS-U-0"),
            ]
            var units: [UUID] = []
            for input in schools {
                let unit = OrganisationUnit(id: newID(), trustId: trustID, input: input, version: 1, createdAt: now, updatedAt: now)
                try UnitStore.insert(unit, on: db)
                try audit(UnitStore.resourceName, unit.id)
                units.append(unit.id)
            }
            let given = ["Amara", "Ben", "Chloe", "Dev", "Ella", "Finn", "Grace", "Hassan", "Isla", "Jack", "Keira", "Liam"]
            let family = ["Patel", "Jones", "Williams", "Khan", "Taylor", "Brown"]
            var staffNumber = 0
            func hire(_ unit: UUID, _ group: Employment.StaffGroup, _ title: String, manager: UUID?, qts: Bool,
                      contract: Employment.ContractType = .permanent) throws -> UUID {
                staffNumber += 1
                let person = Person(id: newID(), trustId: trustID, input: PersonInput(
                    givenName: given[staffNumber % given.count], familyName: family[(staffNumber / 2) % family.count],
                    email: "staff\(staffNumber)@demo-trust.example", externalId: "MIS-P-\(staffNumber)"), version: 1, createdAt: now, updatedAt: now)
                try PersonStore.insert(person, on: db)
                try audit(PersonStore.resourceName, person.id, subject: person.id)
                let start = CalendarDate(year: 2015 + staffNumber % 10, month: 9, day: 1)!
                let employment = Employment(id: newID(), trustId: trustID, input: EmploymentInput(
                    personId: person.id, unitId: unit, staffGroup: group, jobTitle: title, lineManagerId: manager,
                    contractType: contract,
                    contractEndDate: contract == .fixedTerm ? CalendarDate(year: 2027, month: 8, day: 31) : nil,
                    startDate: start, qts: qts, fte: staffNumber % 5 == 0 ? Decimal(string: "0.6")! : 1,
                    payPoint: qts ? "M\(1 + staffNumber % 6)" : nil,
                    workingPattern: group == .central || group == .ceo ? .allYear : .termTime,
                    externalId: "MIS-E-\(staffNumber)"), version: 1, createdAt: now, updatedAt: now)
                try EmploymentStore.insert(employment, on: db)
                try audit(EmploymentStore.resourceName, employment.id, subject: person.id)
                return employment.id
            }
            let ceo = try hire(units[2], .ceo, "Chief Executive Officer", manager: nil, qts: true)
            let operations = try hire(units[2], .central, "Operations Director", manager: ceo, qts: false)
            for _ in 0..<2 { _ = try hire(units[2], .central, "Finance Officer", manager: operations, qts: false) }
            for school in units.prefix(2) {
                let head = try hire(school, .headteacher, "Headteacher", manager: ceo, qts: true)
                let deputy = try hire(school, .leadership, "Deputy Headteacher", manager: head, qts: true)
                for index in 0..<9 {
                    _ = try hire(school, .teacher, "Class Teacher", manager: deputy, qts: true,
                                 contract: index == 8 ? .fixedTerm : .permanent)
                }
                for _ in 0..<4 { _ = try hire(school, .support, "Teaching Assistant", manager: deputy, qts: false) }
            }
            return true
        }
    }
}
