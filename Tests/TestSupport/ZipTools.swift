import Foundation

/// A zip as another implementation reads it: Python's `zipfile`, which checks every entry's
/// CRC (`testzip`) — so a test of our archive does not trust our own writer to read it back.
public enum ZipTools {
    /// Each entry's name and bytes, in the archive's order.
    public static func entries(of zip: Data) throws -> [(name: String, bytes: Data)] {
        let directory = NSTemporaryDirectory() + "appraise-zip-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        try zip.write(to: URL(fileURLWithPath: directory + "/archive.zip"))
        let script = """
            import base64, json, sys, zipfile
            z = zipfile.ZipFile(sys.argv[1])
            bad = z.testzip()
            if bad: sys.exit("bad CRC: " + bad)
            entries = [[i.filename, base64.b64encode(z.read(i)).decode()] for i in z.infolist()]
            json.dump(entries, open(sys.argv[2], "w"))
            """
        try script.write(toFile: directory + "/list.py", atomically: true, encoding: .utf8)
        try PDFTools.run("python3", [directory + "/list.py", directory + "/archive.zip", directory + "/entries.json"])
        let listed = try JSONSerialization.jsonObject(with: Data(contentsOf: URL(fileURLWithPath: directory
            + "/entries.json"))) as? [[String]] ?? []
        return listed.map { ($0[0], Data(base64Encoded: $0[1]) ?? Data()) }
    }
}
