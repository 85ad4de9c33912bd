import App
import Foundation
import Testing

#if os(Linux)
import Glibc

/// Issue 12 §4: memory a large piece of work freed goes back to the kernel when the server
/// trims (every two seconds under `appraise serve`), instead of staying resident for good.
@Suite struct FreedHeapTests {
    /// The process's anonymous resident memory, in bytes.
    func residentAnonymous() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        let line = try #require(status.split(separator: "\n").first { $0.hasPrefix("RssAnon:") })
        let kilobytes = try #require(Int(line.split(separator: " ", omittingEmptySubsequences: true)[1]))
        return kilobytes * 1024
    }

    @Test func aFreedHeapIsGivenBackOnlyOverTheThreshold() throws {
        // 48 MB in blocks below glibc's mmap threshold, so they come from the heap, written
        // so they are resident. Every other one is freed: what a long piece of work leaves,
        // free memory between blocks still in use, which glibc never returns by itself.
        let blocks = (0..<480).map { _ in malloc(100_000)! }
        for block in blocks { memset(block, 1, 100_000) }
        for (index, block) in blocks.enumerated() where index % 2 == 0 { free(block) }
        defer { for (index, block) in blocks.enumerated() where index % 2 == 1 { free(block) } }
        #expect(FreedHeap.heldBytes > 20 << 20)
        #expect(!FreedHeap.release(over: 1 << 40), "under the threshold nothing is trimmed")

        let before = try residentAnonymous()
        #expect(FreedHeap.release())
        let after = try residentAnonymous()
        // Other tests run beside this one and allocate too: half is a margin, not the figure.
        #expect(before - after > 12 << 20, "resident \(before >> 20) MB → \(after >> 20) MB")
    }
}
#endif
