import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// The sampler against real children whose memory and threads are known.
@Suite struct LiveSamplerTests {
    /// A fresh sampler reads smaps on its first tick, so every field is measured.
    private func sample(_ pid: Int32) throws -> Sample {
        let sampler = try Sampler(pid: pid)
        guard case .sample(let s) = sampler.sample(time: SystemClock.wallNow(), elapsed: 0) else {
            throw MemtopError.cannotAttach("process \(pid) ended")
        }
        return s
    }

    @Test func allocating64MiBShowsUpInRssAnonAndHeap() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let before = try sample(w.pid)
        try w.allocate(mib: 64)
        let after = try sample(w.pid)
        let mib = 1048576.0
        let grew = { (a: UInt64?, b: UInt64?) in (Double(b!) - Double(a!)) / mib }
        // 64 MiB touched, plus at most a few pages of allocator and stack noise. Under a sanitizer the
        // workload is instrumented too, and its runtime's bookkeeping (shadow and metadata pages) grows
        // alongside by a MiB or so.
        let noise = MemtopBinary.isSanitized ? 4.0 : 1.0
        #expect(abs(grew(before.rss, after.rss) - 64) < noise, "rss grew \(grew(before.rss, after.rss)) MiB")
        #expect(abs(grew(before.anon, after.anon) - 64) < noise, "anon grew \(grew(before.anon, after.anon)) MiB")
        #expect(abs(grew(before.heap, after.heap) - 64) < noise, "heap grew \(grew(before.heap, after.heap)) MiB")
        #expect(abs(grew(before.uss, after.uss) - 64) < noise, "uss grew \(grew(before.uss, after.uss)) MiB")
        #expect(after.file != nil && after.shmem != nil && after.stack != nil)
    }

    @Test func threadsAreCountedExactly() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        // ThreadSanitizer's runtime starts a helper thread at the first pthread_create;
        // one thread first keeps it out of the +6.
        try w.startThreads(1)
        let before = try sample(w.pid)
        try w.startThreads(6)
        let after = try sample(w.pid)
        #expect(after.threads == before.threads! + 6)
        #expect(after.threads == Kernel.taskCount(w.pid))
    }

    @Test func figuresAgreeWithTheKernel() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        try w.allocate(mib: 16)
        let s = try sample(w.pid)
        let rss = Double(Kernel.status(w.pid, "VmRSS")!)
        let pss = Double(Kernel.rollup(w.pid, "Pss")!)
        #expect(abs(Double(s.rss!) - rss) / rss < 0.02)
        #expect(abs(Double(s.pss!) - pss) / pss < 0.02)
        #expect(s.vmSize == Kernel.status(w.pid, "VmSize"))
        #expect(s.threads == Int(Kernel.status(w.pid, "Threads")!))
    }

    @Test func memtopCanWatchItself() throws {
        let s = try sample(getpid())
        #expect(s.rss != nil && s.heap != nil && s.threads != nil)
    }

    @Test func kernelThreadIsRefusedWithAReason() {
        do { _ = try Sampler(pid: 2); Issue.record("attached to kthreadd") } catch {
            #expect(error.exitCode == .cannotAttach)
            #expect(error.message.contains("kernel thread"))
        }
    }
}
