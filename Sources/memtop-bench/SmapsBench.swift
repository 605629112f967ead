import Foundation
import MemtopCore
import MemtopTestSupport

/// `memtop-bench smaps`: what parsing `smaps` costs next to the kernel's cost of producing it, and
/// a whole memtop sample next to `pmap -X`, on targets with 1k, 10k and 65k mappings.
let smapsBench = BenchCommand(name: "smaps", summary: "smaps parse overhead and a full sample vs pmap -X at 1k/10k/65k mappings") { _ in
    let limit = (try? String(contentsOfFile: "/proc/sys/vm/max_map_count", encoding: .utf8)).flatMap { Int($0.trimmingCharacters(in: .whitespacesAndNewlines)) } ?? 65530
    print("mappings  read ms  read+parse ms  (read+parse)/read  sample ms  pmap -X ms  sample/pmap")
    for wanted in [1_000, 10_000, 65_000] {
        // Leave room under vm.max_map_count for the runtime's own mappings.
        let n = min(wanted, limit - 600)
        guard let target = try? MemtopBinary.start(["__workload", "maps", String(n)]), target.waitForLines("ready", count: 1, timeout: 120) else {
            print("\(wanted): the target did not start")
            return 1
        }
        defer { target.killIfRunning() }
        let pid = target.pid
        let path = "/proc/\(pid)/smaps"
        let runs = wanted >= 65_000 ? 5 : (wanted >= 10_000 ? 9 : 31)
        // Interleaved so both see the same machine load; medians.
        var read: [Double] = [], both: [Double] = [], sample: [Double] = [], pmap: [Double] = []
        var count = 0
        guard let sampler = try? Sampler(pid: pid) else { return 1 }
        sampler.keepMappings = true
        // The kernel's cost is a bare read loop into memory that is already there; memtop's is
        // the same read plus the parse, with the mappings kept (as the dashboard does).
        let buffer = ReadBuffer()
        try? buffer.fill(from: path)
        for k in 0..<runs {
            read.append(seconds { try? buffer.fill(from: path) })
            both.append(seconds {
                try? buffer.fill(from: path)
                if let s = try? SmapsSummary.parse(buffer.bytes, keepMappings: true) { count = s.mappingCount }
            })
            // Far apart in session time, so the adaptive cadence always finds smaps due.
            sample.append(seconds { _ = sampler.sample(time: 0, elapsed: Double(k + 1) * 1000) })
            pmap.append(seconds { runPmap(pid) })
        }
        let r = medianOf(read), b = medianOf(both), s = medianOf(sample), p = medianOf(pmap)
        print(String(format: "%8d  %7.2f  %13.2f  %17.3f  %9.2f  %10.2f  %11.3f", count, r * 1000, b * 1000, b / r, s * 1000, p * 1000, s / p))
    }
    print("targets: (read+parse)/read <= 1.15, sample/pmap <= 0.2")
    return 0
}

/// `pmap -X PID` to /dev/null, start to exit.
private func runPmap(_ pid: Int32) {
    let p = Process()
    p.executableURL = URL(fileURLWithPath: "/usr/bin/pmap")
    p.arguments = ["-X", String(pid)]
    p.standardOutput = FileHandle.nullDevice
    p.standardError = FileHandle.nullDevice
    try? p.run()
    p.waitUntilExit()
}

/// Seconds `body` took.
func seconds(_ body: () -> Void) -> Double {
    let d = ContinuousClock().measure(body)
    return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18
}


/// `memtop-bench smaps-parse FILE [RUNS]`: parses a captured smaps file repeatedly, for profilers
/// (callgrind counts instructions repeatably where wall time is noise).
let smapsParseBench = BenchCommand(name: "smaps-parse", summary: "parse a captured smaps file repeatedly (for profiling)") { args in
    guard let path = args.first, let bytes = try? LiveFileSource().read(path) else {
        FileHandle.standardError.write(Data("usage: memtop-bench smaps-parse FILE [RUNS]\n".utf8))
        return 2
    }
    let runs = args.count > 1 ? Int(args[1]) ?? 20 : 20
    var mappings = 0
    let t = seconds { for _ in 0..<runs { mappings = (try? SmapsSummary.parse(bytes, keepMappings: true))?.mappingCount ?? 0 } }
    print(String(format: "%d mappings, %d bytes: %.3f ms per parse, %.1f ns per byte", mappings, bytes.count, t / Double(runs) * 1000, t / Double(runs) / Double(bytes.count) * 1e9))
    return 0
}
