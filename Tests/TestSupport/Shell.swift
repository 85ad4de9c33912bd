import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Runs a shell command on a dispatch thread with system(3) and returns its status (Foundation's
/// Process on Linux can miss a child's exit inside the test runner and wait forever).
public func shell(_ command: String) async -> Int32 {
    await withCheckedContinuation { continuation in
        DispatchQueue.global().async { continuation.resume(returning: system(command)) }
    }
}
