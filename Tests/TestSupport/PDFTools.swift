import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Poppler's command-line tools (Debian's poppler-utils, which `scripts/deps.sh` installs):
/// what a PDF says, and its pages as PNG images, as a reader's viewer would draw them.
public enum PDFTools {
    public struct Failed: Error, CustomStringConvertible {
        public let description: String
    }

    /// The text of every page, in reading order.
    public static func text(of pdf: Data) throws -> String {
        try inScratch(pdf) { directory, file in
            try run("pdftotext", ["-layout", file, directory + "/text.txt"])
            return try String(contentsOfFile: directory + "/text.txt", encoding: .utf8)
        }
    }

    /// Each page as a PNG at 60 dots to the inch, first page first.
    public static func pngPages(of pdf: Data, resolution: Int = 60) throws -> [Data] {
        try inScratch(pdf) { directory, file in
            try run("pdftoppm", ["-png", "-r", "\(resolution)", file, directory + "/page"])
            let names = try FileManager.default.contentsOfDirectory(atPath: directory)
                .filter { $0.hasPrefix("page") && $0.hasSuffix(".png") }.sorted()
            return try names.map { try Data(contentsOf: URL(fileURLWithPath: directory + "/" + $0)) }
        }
    }

    /// How many pixels of the first page, drawn at 60 dots to the inch, are within 8 of the
    /// colour (red, green, blue in 0…255): whether a chart's bars were drawn, and how much of them.
    public static func pixels(of pdf: Data, colour: (Int, Int, Int)) throws -> Int {
        try inScratch(pdf) { directory, file in
            try run("pdftoppm", ["-r", "60", "-f", "1", "-l", "1", file, directory + "/page"])
            let name = try FileManager.default.contentsOfDirectory(atPath: directory).first { $0.hasSuffix(".ppm") }
            let ppm = [UInt8](try Data(contentsOf: URL(fileURLWithPath: directory + "/" + (name ?? "-"))))
            // P6: three header fields (width, height, 255) after the magic, each ended by whitespace.
            var fields = 0, index = 0
            while fields < 4, index < ppm.count {
                if ppm[index] == 0x0A || ppm[index] == 0x20 { fields += 1 }
                index += 1
            }
            var count = 0
            while index + 2 < ppm.count {
                if abs(Int(ppm[index]) - colour.0) <= 8, abs(Int(ppm[index + 1]) - colour.1) <= 8,
                   abs(Int(ppm[index + 2]) - colour.2) <= 8 { count += 1 }
                index += 3
            }
            return count
        }
    }

    /// What a tool printed on its standard output.
    public static func output(of tool: String, _ arguments: [String]) throws -> String {
        let directory = NSTemporaryDirectory() + "appraise-tool-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try run(tool, arguments, output: directory + "/out.txt")
        return try String(contentsOfFile: directory + "/out.txt", encoding: .utf8)
    }

    private static func inScratch<T>(_ pdf: Data, _ body: (String, String) throws -> T) throws -> T {
        let directory = NSTemporaryDirectory() + "appraise-pdf-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let file = directory + "/document.pdf"
        try pdf.write(to: URL(fileURLWithPath: file))
        return try body(directory, file)
    }

    /// Runs the tool with system(3), which waits for its own child: Foundation's `Process`
    /// on Linux can miss a child's exit, and its `waitUntilExit` then held a cooperative
    /// thread for ever — with two cores, that stalled every test of a `make test` run.
    static func run(_ tool: String, _ arguments: [String], output: String = "/dev/null") throws {
        let errors = FileManager.default.temporaryDirectory.appendingPathComponent("\(tool)-\(UUID()).err").path
        defer { try? FileManager.default.removeItem(atPath: errors) }
        let quoted = ([tool] + arguments).map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }
        let status = system(quoted.joined(separator: " ") + " > '\(output)' 2> '\(errors)'")
        guard status == 0 else {
            let message = (try? String(contentsOfFile: errors, encoding: .utf8)) ?? ""
            throw Failed(description: "\(tool) failed (\(status)): \(message)")
        }
    }
}
