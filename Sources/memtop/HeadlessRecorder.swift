import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

/// The `--no-ui` loop: sample on a fixed schedule, stream CSV, report one summary line at the end.
final class HeadlessRecorder {
    private let options: Options
    private let sampler: Sampler
    private let csv: CSVStreamWriter?
    private let child: ChildProcess?
    private let stop: StopSignal
    private var stats = SessionStats()
    private var alerts: AlertEngine
    private var reportedRestricted = false
    private var reportedCSVFailure = false
    private let go: GoMonitor?
    /// Whether the target was stopped at the last sample, so stopping and continuing are told once each.
    private var reportedStopped = false
    /// The Go runtime feed's problem last reported on stderr, so each change is told once.
    private var reportedGoProblem: String?

    init(options: Options, sampler: Sampler, csv: CSVStreamWriter?, child: ChildProcess?, stop: StopSignal, go: GoMonitor?) {
        self.go = go
        self.options = options
        self.sampler = sampler
        self.csv = csv
        self.child = child
        self.stop = stop
        alerts = AlertEngine(rate: options.alertRate, limit: Cgroup.effectiveLimit(pid: sampler.pid)?.bytes)
    }

    func run() -> ExitCode {
        let loop = SamplingLoop(sampler: sampler, interval: options.interval, duration: options.duration, stop: stop, child: child, go: go)
        let end = loop.run { sample in
            var s = sample
            if !s.events.contains(.exit) {
                stats.add(s)
                let events = alerts.feed(s)
                s.events += events
                for e in events { reportAlert(e) }
            }
            csv?.append(s)
            reportRestrictedOnce()
            reportCSVFailureOnce()
            reportGoHealth()
            reportStopped(s)
        }
        var ending: String
        switch end {
        case .target(let t): ending = targetEndPhrase(t)
        case .duration: ending = "duration reached"
        case .stopped(let r): ending = r.phrase
        }
        reportCSVFailureOnce()
        csv?.close()
        // The last heap profile is read while a started command still runs.
        go?.stop()
        let goGrowth = go.flatMap(goGrowthLine)
        if let child, !child.hasExited {
            child.terminate()
            ending += "; stopped \(child.commandName) (\(child.statusPhrase ?? "still running"))"
        }
        Console.out(summary(ending: ending, elapsed: SystemClock.now() - loop.start))
        if let goGrowth { Console.out(goGrowth) }
        return options.failOnAlert && alerts.anyFired ? .alertFired : .success
    }

    /// One stderr line as an alert fires or clears.
    private func reportAlert(_ e: SessionEvent) {
        let metric: Metric
        switch e {
        case .alert(let m), .clear(let m): metric = m
        default: return
        }
        guard let r = alerts.records.last(where: { $0.metric == metric }) else { return }
        Console.err("memtop: " + (r.active ? "ALERT " : "") + alerts.describe(r))
    }

    /// One stderr line when the target is stopped (SIGSTOP, a debugger) and when it runs again.
    private func reportStopped(_ s: Sample) {
        guard let state = s.state else { return }
        let stopped = state == UInt8(ascii: "T") || state == UInt8(ascii: "t")
        guard stopped != reportedStopped else { return }
        reportedStopped = stopped
        Console.err("memtop: pid \(sampler.pid) " + (stopped ? "is stopped (SIGSTOP or a debugger); sampling goes on" : "runs again"))
    }

    /// One stderr line when the Go endpoint starts failing, changes what is wrong, or recovers.
    private func reportGoHealth() {
        guard let go else { return }
        let feed = go.snapshot().model.runtime
        guard feed.problem != reportedGoProblem else { return }
        if let problem = feed.problem {
            Console.err("memtop: --go \(go.endpoint.display): \(TextSanitizer.clean(problem, maxLength: 200)); the Go columns stay empty until it answers")
        } else {
            Console.err("memtop: --go \(go.endpoint.display): answering again")
        }
        reportedGoProblem = feed.problem
    }

    /// The top allocation sites by heap growth since the session's first profile.
    private func goGrowthLine(_ go: GoMonitor) -> String? {
        guard let diff = go.growthSinceStart() else { return nil }
        let top = diff.prefix(3).filter { $0.bytesChange >= 1024 }
        guard !top.isEmpty else { return "memtop: Go heap profile: no allocation site grew since the start" }
        let sites = top.map { r in
            "\(Units.signedBytes(Int64(r.bytesChange.rounded()))) \(TextSanitizer.clean(r.site.function, maxLength: 200)) (\(TextSanitizer.clean(r.site.location, maxLength: 200)))"
        }
        return "memtop: Go heap growth since start by allocation site: " + sites.joined(separator: ", ")
    }

    private func targetEndPhrase(_ end: TargetEnd) -> String {
        if let child {
            child.waitForExit(seconds: 2)
            if let phrase = child.statusPhrase { return "target " + phrase }
        }
        return end.phrase
    }

    private func reportRestrictedOnce() {
        guard !reportedRestricted, !sampler.restricted.isEmpty else { return }
        reportedRestricted = true
        Console.err("memtop: " + restrictedNotice(pid: sampler.pid, sampler.restricted))
    }

    private func reportCSVFailureOnce() {
        guard !reportedCSVFailure, let csv, let failure = csv.failure else { return }
        reportedCSVFailure = true
        Console.err("memtop: writing \(csv.path) failed (\(failure)); recording stopped after \(csv.rowsWritten) rows, sampling goes on")
    }

    private func summary(ending: String, elapsed: Double) -> String {
        let name = sampler.identity.name
        var parts = "pid \(sampler.pid) (\(name)): \(stats.count) samples in \(Units.duration(elapsed))"
        if let first = stats.firstRSS, let last = stats.lastRSS, let peak = stats.peakRSS {
            parts += ", RSS \(Units.bytes(first)) → \(Units.bytes(last)), peak \(Units.bytes(peak))"
        } else {
            parts += ", RSS unknown"
        }
        if let a = stats.firstGoHeap, let b = stats.lastGoHeap { parts += ", Go HeapAlloc \(Units.bytes(a)) → \(Units.bytes(b))" }
        if let a = stats.firstGoroutines, let b = stats.lastGoroutines { parts += ", goroutines \(a) → \(b)" }
        if let csv, csv.failure == nil { parts += ", \(csv.rowsWritten) rows to \(csv.path)" }
        let fired = alerts.records
        if fired.isEmpty {
            parts += ", no growth alerts"
        } else {
            let names = Set(fired.map(\.metric.rawValue)).sorted().joined(separator: ", ")
            parts += ", \(fired.count) growth alert\(fired.count == 1 ? "" : "s") (\(names))"
        }
        return "memtop: " + parts + "; " + ending
    }
}

/// One line naming what cannot be read, which fields stay unknown, and what would fix it.
func restrictedNotice(pid: Int32, _ restricted: Set<RestrictedSource>) -> String {
    let sources = RestrictedSource.allCases.filter { restricted.contains($0) }
    let files = sources.map { "/proc/\(pid)/\($0.rawValue)" }.joined(separator: " and ")
    let fields = sources.flatMap(\.fields).joined(separator: ", ")
    return "cannot read \(files) (permission denied): \(fields) stay unknown; "
        + "run memtop as the process's user, as root, or with CAP_SYS_PTRACE"
}

/// Running figures for the end-of-session summary.
struct SessionStats {
    var count = 0
    var firstRSS: UInt64?
    var lastRSS: UInt64?
    var peakRSS: UInt64?
    var firstGoHeap: UInt64?
    var lastGoHeap: UInt64?
    var firstGoroutines: Int?
    var lastGoroutines: Int?

    mutating func add(_ s: Sample) {
        count += 1
        if let v = s.goHeapAlloc { firstGoHeap = firstGoHeap ?? v; lastGoHeap = v }
        if let v = s.goroutines { firstGoroutines = firstGoroutines ?? v; lastGoroutines = v }
        guard let rss = s.rss else { return }
        if firstRSS == nil { firstRSS = rss }
        lastRSS = rss
        peakRSS = max(peakRSS ?? 0, rss)
    }
}
