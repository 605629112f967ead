import Foundation
import MemtopTestSupport

/// A maps target watched at 1 s by headless memtop and by memtop's dashboard in tmux, plus any other
/// panes (htop): what the `cpu` and `scale` benches measure side by side. `stop()` ends every
/// process it started, each by its own pid, and removes its scratch directory.
final class WatchRig {
    /// Scratch space for pid files and the headless CSV.
    let directory: String
    private(set) var target: MapsTarget?
    private(set) var headless: RunningProcess?
    /// The dashboard first, then any added pane.
    private(set) var panes: [TmuxProgram] = []
    private let label: String

    /// An empty rig; `label` names the bench in messages and the scratch directory.
    init(label: String) {
        self.label = label
        directory = NSTemporaryDirectory() + "memtop-\(label)bench-\(getpid())"
        try? FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
    }

    /// Starts headless memtop (with `headlessArguments` added) and the dashboard on `target`, which
    /// the rig then owns.
    func watch(_ target: MapsTarget, headlessArguments: [String] = [], cols: Int, rows: Int) throws {
        self.target = target
        let pid = String(target.pid)
        headless = try MemtopBinary.start(["--pid", pid, "--no-ui", "--interval", "1s"] + headlessArguments)
        try addPane([MemtopBinary.path, "--pid", pid, "--interval", "1s"], cols: cols, rows: rows)
    }

    /// Runs another program beside the dashboard, in its own tmux server.
    func addPane(_ argv: [String], environment: [String: String] = [:], cols: Int, rows: Int) throws {
        panes.append(try TmuxProgram(argv, environment: environment, cols: cols, rows: rows, pidDirectory: directory))
    }

    /// Waits out the first ticks (they read everything once and size the screen: not the steady
    /// state being measured); false, with the reason on stderr, if headless memtop has exited.
    func warmUp() -> Bool {
        usleep(3_000_000)
        guard let headless, headless.process.isRunning else {
            benchError("\(label) bench: headless memtop exited early: \(headless?.stderr ?? "not started")")
            return false
        }
        return true
    }

    /// CPU rows for the target, headless memtop and the dashboard (split by thread) with its tmux server.
    func memtopRows(headlessName: String) -> [CPURow] {
        guard let target, let headless, let dashboard = panes.first else { return [] }
        var rows = [
            CPURow("target (memtop __workload maps)", pid: target.pid),
            CPURow(headlessName, pid: headless.pid),
            CPURow("memtop dashboard", pid: dashboard.pid, threads: ("main thread (UI)", "other threads (sampling)")),
        ]
        if let server = dashboard.serverPid { rows.append(CPURow("  tmux server drawing it", pid: server)) }
        return rows
    }

    /// Ends headless memtop (killed if it has not exited 10 s after SIGTERM) and returns its stdout,
    /// the session summary line, or its stderr when it printed none.
    func finishHeadless() -> String {
        guard let headless else { return "" }
        self.headless = nil
        if headless.process.isRunning { headless.signal(SIGTERM) }
        let r = headless.finish(killingAfter: 10)
        let out = r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
        return out.isEmpty ? "no summary; stderr: " + r.stderr.trimmingCharacters(in: .whitespacesAndNewlines) : out
    }

    /// Stops every pane, headless memtop and the target, and removes the scratch directory.
    func stop() {
        defer {
            target?.stop()
            target = nil
            try? FileManager.default.removeItem(atPath: directory)
        }
        for p in panes { p.stop() }
        panes = []
        _ = finishHeadless()
    }
}
