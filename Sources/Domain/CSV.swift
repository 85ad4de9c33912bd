import Foundation

/// CSV for spreadsheets (RFC 4180), shared by every report that answers `Accept: text/csv`.
public enum CSV {
    /// Quoted when it holds a separator, a quote or a line break; a leading `=`, `+`, `-` or `@`
    /// is prefixed with `'` so a spreadsheet never runs a name as a formula (OWASP).
    public static func field(_ value: String) -> String {
        var text = value
        if let first = text.first, "=+-@".contains(first) { text = "'" + text }
        guard text.contains(where: { ",\"\r\n".contains($0) }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}
