import Foundation
import MemtopCore
import MemtopTestSupport

/// `--name value` options of a bench subcommand, with defaults; nil (and a message) on a bad value.
func benchOptions(_ args: [String], _ defaults: [String: Double]) -> [String: Double]? {
    var values = defaults
    var i = 0
    while i < args.count {
        let key = args[i].hasPrefix("--") ? String(args[i].dropFirst(2)) : ""
        guard defaults[key] != nil, i + 1 < args.count, let v = Double(args[i + 1]), v > 0 else {
            benchError("unknown or bad argument \(args[i]); takes " + defaults.keys.sorted().map { "--\($0) N" }.joined(separator: " "))
            return nil
        }
        values[key] = v
        i += 2
    }
    return values
}

/// A message on stderr: the bench's stdout is its result table.
func benchError(_ message: String) {
    FileHandle.standardError.write(Data((message + "\n").utf8))
}

/// A `memtop __workload maps N` child: about N extra anonymous mappings that never merge, and no CPU use.
final class MapsTarget {
    let process: RunningProcess
    var pid: Int32 { process.pid }

    /// Starts the target and waits until its mappings exist.
    init(extraMappings n: Int) throws {
        process = try MemtopBinary.start(["__workload", "maps", String(n)])
        guard process.waitForLines("ready", count: 1, timeout: 120) else {
            process.killIfRunning()
            throw BenchFailure("the maps workload did not start: \(process.stderr)")
        }
    }

    /// Mappings the target has now, per `/proc/PID/maps`.
    var mapCount: Int { ProcessCPU.mapCount(pid) ?? 0 }

    func stop() { process.killIfRunning() }
}

/// A program run in its own tmux server, with the pids of the program itself and of the server
/// that renders its pane (both use CPU to show a screen).
final class TmuxProgram {
    let session: TmuxSession
    /// The program's pid: the pane's shell writes its pid, then execs the program in place.
    let pid: Int32
    /// The private tmux server's pid, nil if it could not be found.
    let serverPid: Int32?

    /// Runs `argv` (plain words: nothing is quoted) with `environment` added, in a `cols`×`rows` pane,
    /// and waits until it has exec'd.
    init(_ argv: [String], environment: [String: String] = [:], cols: Int, rows: Int, pidDirectory: String) throws {
        let pidFile = pidDirectory + "/pane-\(UUID().uuidString.prefix(8)).pid"
        let program = URL(fileURLWithPath: argv[0]).lastPathComponent
        let exports = environment.sorted { $0.key < $1.key }.map { "export \($0.key)=\($0.value); " }.joined()
        session = try TmuxSession(command: "sh -c '\(exports)echo $$ > \(pidFile); exec \(argv.joined(separator: " "))'", cols: cols, rows: rows)
        var found: Int32?
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            // The pid is the shell's until exec: wait until the comm names the program.
            if let text = try? String(contentsOfFile: pidFile, encoding: .utf8),
               let p = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
               ProcessCPU.comm(p).map({ program.hasPrefix($0) }) == true {
                found = p
                break
            }
            usleep(10_000)
        }
        guard let found else {
            session.kill()
            throw BenchFailure("\(program) did not start in tmux")
        }
        pid = found
        serverPid = ProcessCPU.parent(found).flatMap { ProcessCPU.ancestor(of: $0, commPrefix: "tmux") }
    }

    /// Ends the server (its pane gets SIGHUP), then makes sure the program is gone too.
    func stop() {
        let comm = ProcessCPU.comm(pid)
        session.kill()
        for _ in 0..<200 where ProcessCPU.comm(pid) == comm && comm != nil { usleep(10_000) }
        // Still the same program after 2 s: it ignored the hangup.
        if comm != nil, ProcessCPU.comm(pid) == comm { kill(pid, SIGKILL) }
    }
}

/// A bench that could not set itself up.
struct BenchFailure: Error, CustomStringConvertible {
    let description: String
    init(_ description: String) { self.description = description }
}

/// The `htop` executable, when installed.
let htopPath: String? = ["/usr/bin/htop", "/usr/local/bin/htop", "/bin/htop"].first { FileManager.default.isExecutableFile(atPath: $0) }

/// One row of a results table: a process measured over the window.
struct CPURow {
    let name: String
    let pid: Int32
    let window: CPUWindow?
    var percent: Double?
    var rss: UInt64?
    /// With `threads` (labels for the main thread and the rest), per-thread CPU at the start, to split
    /// e.g. the dashboard's drawing from its sampling.
    let threads: (main: String, others: String)?
    let threadStart: [Int32: Double]?
    var split: (main: Double, others: Double)?

    init(_ name: String, pid: Int32, threads: (main: String, others: String)? = nil) {
        self.name = name
        self.pid = pid
        self.threads = threads
        window = CPUWindow(pid: pid)
        threadStart = threads == nil ? nil : ProcessCPU.threadCPUSeconds(pid)
    }

    /// Ends the window: CPU share over it and RSS now.
    mutating func finish() {
        let w = window?.percent()
        percent = w?.percent
        rss = ProcessCPU.rss(pid)
        if let threadStart, let wall = w?.wallSeconds, wall > 0 {
            var main = 0.0, others = 0.0
            for (tid, cpu) in ProcessCPU.threadCPUSeconds(pid) {
                let used = (cpu - (threadStart[tid] ?? 0)) / wall * 100
                if tid == pid { main += used } else { others += used }
            }
            split = (main, others)
        }
    }
}

/// Prints rows as process, CPU % of one core, ratio to `reference` (when given) and RSS.
func printCPUTable(_ rows: [CPURow], reference: Double?, referenceName: String = "htop") {
    let head = ["process", "pid", "CPU % of 1 core", reference == nil ? "" : "× \(referenceName)", "RSS"]
    let widths = [34, 9, 17, 10, 10]
    func line(_ cells: [String]) -> String {
        zip(cells, widths).map { $0.padding(toLength: $1, withPad: " ", startingAt: 0) }.joined()
    }
    print(line(head))
    print(String(repeating: "-", count: widths.reduce(0, +)))
    for r in rows {
        let pct = r.percent.map { String(format: "%.3f", $0) } ?? "gone"
        var ratio = ""
        if let reference, reference > 0, let p = r.percent { ratio = String(format: "%.2f", p / reference) }
        print(line([r.name, String(r.pid), pct, ratio, r.rss.map { Units.bytes($0) } ?? "-"]))
        if let split = r.split, let labels = r.threads {
            print(line(["    " + labels.main, "", String(format: "%.3f", split.main), "", ""]))
            print(line(["    " + labels.others, "", String(format: "%.3f", split.others), "", ""]))
        }
    }
}

/// Milliseconds since `start` on the monotonic clock.
func millis(since start: ContinuousClock.Instant) -> Double {
    let d = ContinuousClock.now - start
    return Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15
}

/// The median of a non-empty list.
func medianOf(_ values: [Double]) -> Double {
    let s = values.sorted()
    return s.count % 2 == 1 ? s[s.count / 2] : (s[s.count / 2 - 1] + s[s.count / 2]) / 2
}

/// Sleeps through a measuring window, saying so on stderr so a long wait does not look hung.
func waitWindow(_ seconds: Double, label: String) {
    benchError("\(label): measuring for \(Int(seconds)) s…")
    let end = Date().addingTimeInterval(seconds)
    while Date() < end { usleep(UInt32(min(1, max(0, end.timeIntervalSinceNow)) * 1_000_000)) }
}
