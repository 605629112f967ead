import Foundation
import MemtopCore
import MemtopTestSupport

/// `memtop-bench scale`: memtop on a target near vm.max_map_count: its CPU headless and with the
/// dashboard, how often smaps-derived cells get filled, the cadence it shows, and key latency.
let scaleBench = BenchCommand(name: "scale", summary: "memtop on a ~65k-mapping target: CPU, smaps cadence, key latency") { args in
    guard let opts = benchOptions(args, ["maps": 65_000, "seconds": 60]) else { return 2 }
    let seconds = opts["seconds"]!
    let rig = WatchRig(label: "scale")
    defer { rig.stop() }
    let csv = rig.directory + "/scale.csv"

    let limit = (try? String(contentsOfFile: "/proc/sys/vm/max_map_count", encoding: .utf8))
        .flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 65530
    do {
        // The runtime's own mappings come on top of the requested ones: count them on a tiny target first,
        // then ask for what keeps the total (plus room for a thread or two) under the kernel's limit.
        let probe = try MapsTarget(extraMappings: 1)
        let base = probe.mapCount
        probe.stop()
        let total = min(Int(opts["maps"]!), limit - 100)
        try rig.watch(try MapsTarget(extraMappings: max(1, total - base)), headlessArguments: ["--csv", csv], cols: 140, rows: 45)
    } catch {
        benchError("scale bench: \(error)")
        return 1
    }
    guard let target = rig.target, let pane = rig.panes.first, rig.warmUp() else { return 1 }
    let maps = target.mapCount
    var rows = rig.memtopRows(headlessName: "memtop --no-ui --csv")
    waitWindow(seconds, label: "scale bench")
    for i in rows.indices { rows[i].finish() }
    let screen = (try? pane.session.capture()) ?? []
    let summary = rig.finishHeadless()

    print("memtop: \(MemtopBinary.path)")
    print("target: pid \(target.pid), \(maps) mappings (/proc/PID/maps lines; vm.max_map_count \(limit)); watchers at 1 s")
    print("window \(Int(seconds)) s after a 3 s warm-up; headless: \(summary)")
    print("")
    printCPUTable(rows, reference: nil)
    let worst = rows.filter { $0.name.hasPrefix("memtop") }.compactMap(\.percent).max() ?? .infinity
    print(String(format: "(a) target ≤ 5%% of one core: worst memtop %.2f%%: %@", worst, worst <= 5 ? "met" : "NOT met"))
    print("")

    let gaps = HeapGaps(SessionFile(path: csv))
    print("(b) \(gaps.report)")
    // Rows land on a fixed 1 s schedule, so a read due every 30 s shows as a 30 s gap give or take tick jitter.
    let gapOK = gaps.longest.map { $0 <= 30.5 } ?? false
    print("    target: longest gap ≤ 30 s: " + (gapOK ? "met" : "NOT met"))
    print("")

    var shownPeriod: Double?
    if let line = screen.first(where: { $0.contains("smaps every ") }), let range = line.range(of: "smaps every ") {
        let shown = line[range.upperBound...].split(separator: " ").first.map(String.init) ?? "?"
        shownPeriod = try? Units.parseDuration(shown)
        print("(c) the dashboard shows its cadence: smaps every \(shown)")
        print("    summary line: " + line.trimmingCharacters(in: .whitespaces))
    } else {
        print("(c) NOT met: no \"smaps every\" on the dashboard; screen rows 0-5:")
        for l in screen.prefix(6) { print("    " + l) }
    }
    print("")

    let smaps = readTimes("/proc/\(target.pid)/smaps")
    let rollup = readTimes("/proc/\(target.pid)/smaps_rollup")
    print(String(format: "one read at this size (median of 3): smaps %.1f ms (%@), smaps_rollup %.1f ms",
                 smaps.ms, Units.bytes(UInt64(smaps.bytes)), rollup.ms))
    print("")

    for line in keyLatencyReport(pane.session, smapsPeriod: shownPeriod ?? 30) { print(line) }
    return 0
}

/// Wall time to read a `/proc` file to its end (median of 3) and its size, read as the kernel hands it out.
private func readTimes(_ path: String) -> (ms: Double, bytes: Int) {
    var runs: [Double] = []
    var size = 0
    let buffer = UnsafeMutableRawPointer.allocate(byteCount: 1 << 20, alignment: 16)
    defer { buffer.deallocate() }
    for _ in 0..<3 {
        let start = ContinuousClock.now
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return (.nan, 0) }
        size = 0
        while true {
            let n = read(fd, buffer, 1 << 20)
            if n <= 0 { break }
            size += n
        }
        close(fd)
        runs.append(millis(since: start))
    }
    return (medianOf(runs), size)
}

/// How regularly the session CSV's heap_bytes cells were filled (smaps-derived: empty on ticks without a smaps read).
struct HeapGaps {
    let rows: Int
    let filled: [Double]
    let lastElapsed: Double?

    init(_ file: SessionFile) {
        let heap = SessionFile.column("heap_bytes"), elapsed = SessionFile.column("elapsed_s")
        let data = file.rows.filter { $0.count > max(heap, elapsed) }
        rows = data.count
        filled = data.filter { !$0[heap].isEmpty }.compactMap { Double($0[elapsed]) }
        lastElapsed = data.last.flatMap { Double($0[elapsed]) }
    }

    /// Longest time between two filled cells, counting the stretch from the last filled cell to the
    /// session's end (an overdue read is a gap even if the window closed before it came); nil if none filled.
    var longest: Double? {
        guard let last = filled.last else { return nil }
        let between = zip(filled, filled.dropFirst()).map { $1 - $0 }
        return (between + [(lastElapsed ?? last) - last]).max()
    }

    var report: String {
        let times = filled.map { String(format: "%.0f", $0) }.joined(separator: ", ")
        var text = "heap_bytes filled in \(filled.count) of \(rows) CSV rows, at elapsed s: \(times)"
        if let longest, let last = filled.last, let end = lastElapsed {
            text += String(format: "\n    longest gap %.1f s (first filled at %.1f s; the last row is %.1f s after the last filled)",
                           longest, filled[0], end - last)
        }
        return text
    }
}

/// Time from sending `?` to the help box appearing, and from another key to it going, polled with capture-pane.
struct KeyLatency {
    var open: [Double] = []
    var close: [Double] = []
    var sends: [Double] = []
    var failures = 0

    /// Presses `?` then `x` `reps` times (or until `until`), `spacing` seconds apart.
    init(_ session: TmuxSession, reps: Int, spacing: Double, until deadline: Date? = nil) {
        func helpShown(_ screen: [String]) -> Bool { screen.contains { $0.contains("Help") && $0.contains("any key closes") } }
        var done = 0
        while deadline.map({ Date() < $0 }) ?? (done < reps) {
            if let ms = time(session, "?", helpShown) { open.append(ms) } else { failures += 1 }
            if let ms = time(session, "x", { !helpShown($0) }) { close.append(ms) } else { failures += 1 }
            done += 1
            usleep(UInt32(spacing * 1_000_000))
        }
    }

    /// Milliseconds from send-keys to a capture for which `done` holds; nil after 5 s.
    private mutating func time(_ session: TmuxSession, _ key: String, _ done: ([String]) -> Bool) -> Double? {
        let t = ContinuousClock.now
        guard (try? session.send(key)) != nil else { return nil }
        sends.append(millis(since: t))
        while millis(since: t) < 5000 {
            if let screen = try? session.capture(), done(screen) { return millis(since: t) }
            usleep(2_000)
        }
        return nil
    }

    /// Wall time of one capture-pane of a screen that does not change: what each poll costs.
    static func captureBaseline(_ session: TmuxSession) -> [Double] {
        (0..<20).map { _ in
            let t = ContinuousClock.now
            _ = try? session.capture()
            return millis(since: t)
        }
    }

    var all: [Double] { open + close }
    var worst: Double { failures > 0 ? .infinity : all.max() ?? .infinity }
}

/// "median 11.8 ms, max 17.1 ms (n=20)".
private func stats(_ v: [Double]) -> String {
    v.isEmpty ? "-" : String(format: "median %.1f ms, max %.1f ms (n=%d)", medianOf(v), v.max()!, v.count)
}

/// Key latency as the brief's ~10 presses, then sustained over a full smaps period so some presses
/// land while memtop's sampler is in the middle of a 65k-mapping smaps read.
private func keyLatencyReport(_ session: TmuxSession, smapsPeriod: Double) -> [String] {
    let baseline = KeyLatency.captureBaseline(session)
    let ten = KeyLatency(session, reps: 10, spacing: 0.7)
    let span = min(max(smapsPeriod, 5) + 2, 62)
    let sustained = KeyLatency(session, reps: 0, spacing: 0.05, until: Date().addingTimeInterval(span))
    var out = ["(d) key latency, send-keys until capture-pane shows the change (polled every 2 ms):"]
    out.append("    10 presses 0.7 s apart:   help opens (?) " + stats(ten.open) + "; closes (x) " + stats(ten.close))
    out.append(String(format: "    sustained for %.0f s:      ", span) + "both " + stats(sustained.all))
    out.append("    tmux round trips: capture-pane of an unchanged screen " + stats(baseline) + "; send-keys " + stats(ten.sends))
    let overhead = medianOf(baseline) + medianOf(ten.sends)
    out.append(String(format: "    memtop's own share ≈ median − (send + one capture) ≈ %.1f ms", medianOf(ten.all) - overhead))
    let failures = ten.failures + sustained.failures
    if failures > 0 { out.append("    \(failures) presses never showed their effect within 5 s") }
    let worst = max(ten.worst, sustained.worst)
    out.append(String(format: "    target ≤ 50 ms: worst %.1f ms, tmux round trips included: %@", worst, worst <= 50 ? "met" : "NOT met"))
    return out
}
