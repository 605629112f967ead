import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct SamplerTests {
    let pid: Int32 = 3947
    let c = Fixtures.procCase("c-threads")

    private func source() -> FixtureFileSource {
        let src = FixtureFileSource()
        src.install(c, pid: pid)
        return src
    }

    /// The c-threads `stat` with field `n` (1-based, as in proc(5)) replaced.
    private func stat(replacingField n: Int, with value: String) -> [UInt8] {
        let text = String(decoding: c.file("stat"), as: UTF8.self)
        let close = text.lastIndex(of: ")")!
        var fields = text[text.index(after: close)...].dropFirst().split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        fields[n - 3] = value
        return Array((String(text[...close]) + " " + fields.joined(separator: " ")).utf8)
    }

    @Test func oneSampleHoldsEveryFieldFromItsSource() throws {
        let sampler = try Sampler(pid: pid, source: source())
        #expect(sampler.identity.name == "c-threads")
        #expect(sampler.identity.commandLine == "/srv/memtop-fixtures/c-threads")
        guard case .sample(let s) = sampler.sample(time: 100, elapsed: 0) else { Issue.record("no sample"); return }
        #expect(s.pid == pid && s.time == 100)
        #expect(s.rss == c.kb("vmrss_kb"))
        #expect(s.anon == c.kb("rssanon_kb") && s.file == c.kb("rssfile_kb") && s.shmem == c.kb("rssshmem_kb"))
        #expect(s.pss == c.kb("rollup_pss_kb") && s.uss == c.kb("rollup_private_kb"))
        #expect(s.swap == c.kb("rollup_swap_kb") && s.lazyfree == c.kb("rollup_lazyfree_kb"))
        #expect(s.heap == c.kb("heap_kb") && s.stack == c.kb("stack_kb"))
        #expect(s.vmSize == c.kb("vmsize_kb") && s.vmHWM == c.kb("vmhwm_kb"))
        #expect(s.threads == c.int("threads"))
        #expect(s.minflt == UInt64(c.expected["minflt"]!) && s.majflt == 0)
        #expect(sampler.restricted.isEmpty)
    }

    @Test func pidReuseEndsTheSession() throws {
        let src = source()
        let sampler = try Sampler(pid: pid, source: src)
        src.set("/proc/\(pid)/stat", stat(replacingField: 22, with: "99999"))
        #expect(sampler.sample(time: 1, elapsed: 1) == .ended(.pidReused))
    }

    @Test func vanishingProcessEndsTheSession() throws {
        let src = source()
        let sampler = try Sampler(pid: pid, source: src)
        src.removeAll(under: "/proc/\(pid)/")
        #expect(sampler.sample(time: 1, elapsed: 1) == .ended(.exited))
    }

    @Test func vanishingBetweenTwoReadsOfOneSample() throws {
        let src = source()
        let sampler = try Sampler(pid: pid, source: src)
        // stat and status still read, then smaps is gone: the process exited mid-sample.
        src.fail("/proc/\(pid)/smaps_rollup", .noSuchProcess)
        #expect(sampler.sample(time: 1, elapsed: 1) == .ended(.exited))
    }

    @Test func zombieEndsTheSessionAndCannotBeAttached() throws {
        let src = source()
        let sampler = try Sampler(pid: pid, source: src)
        src.set("/proc/\(pid)/stat", stat(replacingField: 3, with: "Z"))
        #expect(sampler.sample(time: 1, elapsed: 1) == .ended(.zombie))
        #expect(throws: MemtopError.self) { try Sampler(pid: pid, source: src) }
    }

    @Test func deniedSmapsLeavesThoseFieldsUnknownAndTheRestMeasured() throws {
        let src = source()
        src.fail("/proc/\(pid)/smaps", .permissionDenied)
        src.fail("/proc/\(pid)/smaps_rollup", .permissionDenied)
        let sampler = try Sampler(pid: pid, source: src)
        guard case .sample(let s) = sampler.sample(time: 1, elapsed: 0) else { Issue.record("no sample"); return }
        #expect(s.rss == c.kb("vmrss_kb") && s.threads == 8)
        #expect(s.pss == nil && s.uss == nil && s.lazyfree == nil && s.heap == nil && s.stack == nil)
        // Swap still comes from status's VmSwap: measured, not invented.
        #expect(s.swap == 0)
        #expect(sampler.restricted == [.smaps, .smapsRollup])
    }

    @Test func attachErrorsSayWhatIsWrong() throws {
        let src = FixtureFileSource()
        do { _ = try Sampler(pid: 5, source: src); Issue.record("attached to nothing") } catch {
            #expect(error.exitCode == .cannotAttach)
            #expect(error.message == "no such process: 5")
        }
        src.fail("/proc/6/stat", .permissionDenied)
        do { _ = try Sampler(pid: 6, source: src); Issue.record("attached without permission") } catch {
            #expect(error.exitCode == .cannotAttach)
            #expect(error.message.contains("permission denied"))
        }
        src.install(Fixtures.procCase("kthread"), pid: 2)
        do { _ = try Sampler(pid: 2, source: src); Issue.record("attached to a kernel thread") } catch {
            #expect(error.message.contains("kernel thread"))
        }
    }

    @Test func garbledStatusKeepsSamplingWithUnknowns() throws {
        let src = source()
        let sampler = try Sampler(pid: pid, source: src)
        src.set("/proc/\(pid)/status", text: "Name:\tc-threads\nVmRSS:\t garbage\n")
        guard case .sample(let s) = sampler.sample(time: 1, elapsed: 1) else { Issue.record("no sample"); return }
        #expect(s.rss == nil && s.threads == nil)
        #expect(s.minflt != nil)
    }

    @Test func expensiveSmapsIsReadLessOften() throws {
        let src = source()
        // Each timed read "costs" 0.1 s on this fake clock: the 0.15% budget would allow one per 67 s; the ceiling is 30 s.
        let clock = FakeClock(step: 0.1)
        let sampler = try Sampler(pid: pid, source: src, costClock: { clock.next() })
        var heapReads = 0
        for t in 0..<60 {
            guard case .sample(let s) = sampler.sample(time: Double(t), elapsed: Double(t)) else { continue }
            if s.heap != nil { heapReads += 1 }
            #expect(s.rss != nil)
        }
        #expect(heapReads == 3)  // t = 0, 29, 58 (5% slack)
        #expect(sampler.smapsCadence.period == 30)
    }
}

/// Advances by `step` on every reading, so each timed read appears to cost `step`.
final class FakeClock: @unchecked Sendable {
    private var t = 0.0
    private let step: Double
    init(step: Double) { self.step = step }
    func next() -> Double { t += step; return t }
}
