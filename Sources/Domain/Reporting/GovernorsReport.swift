import Foundation

/// The termly report for governors (issue 17 §3; 000 §3.2, 001 "Monitoring and Review", 003
/// §1.7–1.8: the board and governors monitor performance management): the reports that show
/// whether the arrangements work — how far each appraisal has got, whether statements and
/// feedback come on time, how objectives were assessed and how that relates to pay — each as
/// the reader may read it (governors: anonymised, small counts hidden), with the pay equality
/// analysis for those who read it.
public enum GovernorsReport {
    public static let kinds: [ReportKind] = [.completion, .statementsOnTime, .observationFeedback,
                                             .objectiveOutcomes, .outcomesAndPay]
}
