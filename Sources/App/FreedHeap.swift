#if os(Linux)
import CMalloc
#endif

/// Gives the heap's free pages back to the kernel after a large piece of work (issue 12 §4).
///
/// glibc keeps what a program frees for its next allocations and returns only a free top of
/// the heap, so memory freed in the middle stays resident until the process exits: 7 MB after
/// the first reminders pass over the bench cluster's 103 trusts (idle 57 → 50 MB). The server
/// asks every two seconds (`PeriodicService.heapTrimming`): 0.25–0.47 ms a call under the
/// list's load, holding each arena's lock in turn while it walks it.
///
/// What it cannot give back is the free top of another thread's arena: glibc trims that only
/// above a threshold it raises after large frees, so a sync of 10,000 staff still leaves the
/// server near 100 MB. Fixing the thresholds (`mallopt`) would return that too, but cost the
/// list of 50 employments about 15 % of its throughput in an A/B run; not done.
public enum FreedHeap {
    /// Free bytes the heap holds in all its arenas, resident or already given back.
    public static var heldBytes: Int {
        #if os(Linux)
        Int(mallinfo2().fordblks)
        #else
        0
        #endif
    }

    /// Gives back the free pages when the heap holds more than `threshold` free bytes
    /// (`malloc_trim`); whether any were given back. Below it, trimming would only make the
    /// next requests fault the same pages in again.
    @discardableResult
    public static func release(over threshold: Int = 1 << 20) -> Bool {
        #if os(Linux)
        guard heldBytes > threshold else { return false }
        return malloc_trim(0) == 1
        #else
        return false
        #endif
    }
}
