import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

/// A process to watch, and the child handle when memtop started it.
struct ResolvedTarget {
    var pid: Int32
    var child: ChildProcess?
}

/// Turns `--pid`, `--name`, `-- COMMAND` and `--demo` into a pid to attach to.
enum TargetResolver {
    static func resolve(_ target: Target, quietChild: Bool) throws(MemtopError) -> ResolvedTarget {
        switch target {
        case .pid(let pid):
            return ResolvedTarget(pid: pid, child: nil)
        case .name(let pattern):
            return ResolvedTarget(pid: try pidMatching(pattern), child: nil)
        case .command(let argv):
            let child = try ChildProcess.spawn(argv, quiet: quietChild)
            return ResolvedTarget(pid: child.pid, child: child)
        case .demo:
            let child = try ChildProcess.spawn([selfExecutable(), "__workload", "demo"], quiet: true)
            return ResolvedTarget(pid: child.pid, child: child)
        case .replay:
            throw .usage("a recorded session has no process to attach to")
        case .pick:
            throw .usage("no target given: use --pid PID, --name PATTERN, --demo or -- COMMAND")
        }
    }

    /// The one process matching `pattern`, leaving out memtop and its ancestors.
    static func pidMatching(_ pattern: String) throws(MemtopError) -> Int32 {
        let all = ProcessTable.scan()
        let matches = ProcessTable.matching(pattern, in: all, excluding: ProcessTable.lineage(of: getpid()))
        let shown = TextSanitizer.clean(pattern)
        switch matches.count {
        case 0:
            throw .cannotAttach("no process matches '\(shown)' (by name or command line)")
        case 1:
            return matches[0].pid
        default:
            var lines = ["--name '\(shown)' matches \(matches.count) processes; pick one with --pid:"]
            for p in matches.prefix(20) {
                let rss = p.rss.map(Units.bytes) ?? "?"
                let pid = String(p.pid)
                lines.append("  " + String(repeating: " ", count: max(0, 7 - pid.count)) + pid + "  "
                    + p.name.padding(15) + " " + String(repeating: " ", count: max(0, 10 - rss.count)) + rss
                    + "  " + String(p.commandLine.prefix(60)))
            }
            if matches.count > 20 { lines.append("  … and \(matches.count - 20) more") }
            throw .usage(lines.joined(separator: "\n"))
        }
    }

    /// The running memtop binary, for re-executing itself as the demo workload.
    static func selfExecutable() -> String {
        var buf = [CChar](repeating: 0, count: 4096)
        let n = readlink("/proc/self/exe", &buf, buf.count - 1)
        if n > 0 { return String(decoding: buf[0..<n].map { UInt8(bitPattern: $0) }, as: UTF8.self) }
        return CommandLine.arguments[0]
    }
}

extension String {
    /// Left-aligned in `width` columns, cut if longer.
    func padding(_ width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }
}
