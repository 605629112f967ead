import Foundation
import MemtopCore
import MemtopTestSupport

/// `memtop-bench cpu`: memtop headless, memtop's dashboard and htop watch the same 2,000-mapping
/// target at 1 s over the same window; each one's CPU share of one core, side by side.
let cpuBench = BenchCommand(name: "cpu", summary: "CPU of memtop (headless, dashboard) vs htop on a 2,000-mapping target at 1 s") { args in
    guard let opts = benchOptions(args, ["seconds": 60]) else { return 2 }
    let seconds = opts["seconds"]!
    let rig = WatchRig(label: "cpu")
    defer { rig.stop() }
    do {
        try rig.watch(try MapsTarget(extraMappings: 2000), cols: 120, rows: 40)
        if let htop = htopPath, let pid = rig.target?.pid {
            // Its own rc file: htop writes its settings back on exit, and the user's must stay untouched.
            try rig.addPane([htop, "-p", String(pid), "-d", "10"], environment: ["HTOPRC": rig.directory + "/htoprc"],
                            cols: 120, rows: 40)
        }
    } catch {
        benchError("cpu bench: \(error)")
        return 1
    }
    guard let target = rig.target, rig.warmUp() else { return 1 }
    let panes = rig.panes
    var rows = rig.memtopRows(headlessName: "memtop --no-ui")
    if panes.count > 1 {
        rows.append(CPURow("htop -p -d 10", pid: panes[1].pid))
        if let server = panes[1].serverPid { rows.append(CPURow("  tmux server drawing it", pid: server)) }
    }
    waitWindow(seconds, label: "cpu bench")
    for i in rows.indices { rows[i].finish() }
    let screen = (try? panes[0].session.capture()) ?? []

    print("memtop: \(MemtopBinary.path)")
    print("target: pid \(target.pid), \(target.mapCount) mappings; every watcher at 1 s; window \(Int(seconds)) s after a 3 s warm-up")
    print(String(format: "CPU from /proc/PID/stat utime+stime at %.0f ticks/s: resolution %.3f%% of a core over the window; %d cores",
                 ProcessCPU.ticksPerSecond, 100 / ProcessCPU.ticksPerSecond / seconds, ProcessInfo.processInfo.activeProcessorCount))
    print("")
    let htop = rows.first { $0.name.hasPrefix("htop") }?.percent
    printCPUTable(rows, reference: htop)
    if htopPath == nil { print("htop not installed: skipped") }
    print("")
    if let line = screen.first(where: { $0.contains("smaps every ") }) {
        print("dashboard summary says: " + line.trimmingCharacters(in: .whitespaces))
    } else {
        print("dashboard summary shows no \"smaps every\": smaps is read every tick at this size")
    }
    let memtops = rows.filter { $0.name.hasPrefix("memtop") }
    let worst = memtops.compactMap(\.percent).max() ?? .infinity
    print(String(format: "target: memtop ≤ 0.50%% of one core with the UI on; worst of the two %.3f%%: %@",
                 worst, worst <= 0.5 ? "met" : "NOT met"))
    return 0
}
