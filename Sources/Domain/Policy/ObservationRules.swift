import Foundation

/// How observations run under a policy (000 §6, 001, 002 §2.2.4, 003 §5.1.1, 004 §7).
public struct ObservationRules: Sendable, Equatable, Codable {
    public var verbalFeedbackWorkingDays: Int?
    public var writtenFeedbackWorkingDays: Int?
    public var workObservationFeedbackHours: Int?
    public var maxHoursPerYear: Decimal?
    public var maxFormalWorkObservationsPerCycle: Int?
    public var teacherObserverNeedsQts: Bool
    public var workObservationNeedsNotice: Bool
    public var learningWalksForPerformanceManagement: Bool
    /// Whose classroom practice needs an observer with QTS when `teacher_observer_needs_qts`:
    /// teachers (absent: the default), or everyone employed to work in class, teaching
    /// assistants included (004 §7.3).
    public var qtsObserverFor: QtsScope?
    /// Whether the unit's senior leaders, besides the reviewer and the head, may record
    /// drop-in observations (002 §2.2.4, 003 §5.1.1: "the Headteacher or other senior leaders").
    public var seniorLeadersMayDropIn: Bool?

    public enum QtsScope: String, Sendable, Codable, CaseIterable {
        case teachers, everyoneInClass = "everyone_in_class"
    }

    public init(verbalFeedbackWorkingDays: Int?, writtenFeedbackWorkingDays: Int?, workObservationFeedbackHours: Int?,
                maxHoursPerYear: Decimal?, maxFormalWorkObservationsPerCycle: Int?, teacherObserverNeedsQts: Bool,
                workObservationNeedsNotice: Bool, learningWalksForPerformanceManagement: Bool,
                qtsObserverFor: QtsScope? = nil, seniorLeadersMayDropIn: Bool? = nil) {
        self.qtsObserverFor = qtsObserverFor
        self.seniorLeadersMayDropIn = seniorLeadersMayDropIn
        self.verbalFeedbackWorkingDays = verbalFeedbackWorkingDays
        self.writtenFeedbackWorkingDays = writtenFeedbackWorkingDays
        self.workObservationFeedbackHours = workObservationFeedbackHours
        self.maxHoursPerYear = maxHoursPerYear
        self.maxFormalWorkObservationsPerCycle = maxFormalWorkObservationsPerCycle
        self.teacherObserverNeedsQts = teacherObserverNeedsQts
        self.workObservationNeedsNotice = workObservationNeedsNotice
        self.learningWalksForPerformanceManagement = learningWalksForPerformanceManagement
    }
}
