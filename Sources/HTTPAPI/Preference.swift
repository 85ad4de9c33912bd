import Foundation
import HTTPCore

/// Which of a route's media types the caller's `Accept` prefers (RFC 9110 §12.5.1): each type
/// gets the quality of the most specific range that matches it; the higher quality wins, and
/// on a tie the type the caller named outright wins over one only a wildcard reached.
enum Preference {
    static func prefers(_ wanted: String, over other: String, in request: Request) -> Bool {
        guard let accept = request.headers["Accept"], !accept.isEmpty else { return false }
        let ranges = parse(accept)
        let wantedQuality = quality(of: wanted, in: ranges)
        let otherQuality = quality(of: other, in: ranges)
        guard wantedQuality.value > 0 else { return false }
        if wantedQuality.value != otherQuality.value { return wantedQuality.value > otherQuality.value }
        return wantedQuality.specificity > otherQuality.specificity
    }

    private struct Range { let type: String; let quality: Double }

    private static func parse(_ accept: String) -> [Range] {
        accept.split(separator: ",").compactMap { part in
            let pieces = part.split(separator: ";").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
            guard let type = pieces.first, !type.isEmpty else { return nil }
            let q = pieces.dropFirst().first { $0.hasPrefix("q=") }.flatMap { Double($0.dropFirst(2)) } ?? 1
            return Range(type: type, quality: q)
        }
    }

    /// 2 for the exact type, 1 for `type/*`, 0 for `*/*`; -1 (quality 0) when nothing matches.
    private static func quality(of type: String, in ranges: [Range]) -> (value: Double, specificity: Int) {
        let family = type.split(separator: "/").first.map { "\($0)/*" } ?? ""
        var best: (value: Double, specificity: Int) = (0, -1)
        for range in ranges {
            let specificity = range.type == type ? 2 : range.type == family ? 1 : range.type == "*/*" ? 0 : -1
            if specificity > best.specificity { best = (range.quality, specificity) }
        }
        return best
    }
}
