/// One running process, as listed for `--name` matching and the process picker.
public struct ProcessSummary: Equatable, Sendable {
    public var pid: Int32
    /// `comm`, sanitized.
    public var name: String
    /// Sanitized command line; empty for kernel threads.
    public var commandLine: String
    /// `VmRSS`, nil for kernel threads or unreadable status.
    public var rss: UInt64?
    public var ppid: Int32

    /// A process row with every field given.
    public init(pid: Int32, name: String, commandLine: String, rss: UInt64?, ppid: Int32) {
        self.pid = pid
        self.name = name
        self.commandLine = commandLine
        self.rss = rss
        self.ppid = ppid
    }
}

/// Lists processes from `/proc` and matches them by name.
public enum ProcessTable {
    /// Every process that has a user address space (kernel threads are left out), sorted by RSS, largest first.
    public static func scan(source: FileSource = LiveFileSource(), procRoot: String = "/proc") -> [ProcessSummary] {
        guard let entries = try? source.list(procRoot) else { return [] }
        var result: [ProcessSummary] = []
        for entry in entries {
            guard let pid = Int32(entry), pid > 0 else { continue }
            let dir = procRoot + "/" + entry
            // A process may exit between the listing and these reads; skip it then.
            guard let statBytes = try? source.read(dir + "/stat"), let stat = try? ProcStat.parse(statBytes),
                  let statusBytes = try? source.read(dir + "/status"), let status = try? ProcStatus.parse(statusBytes),
                  !status.isKernelThread, stat.state != UInt8(ascii: "Z")
            else { continue }
            let cmd = (try? source.read(dir + "/cmdline")).map { ProcessIdentity.commandLine(from: $0, maxLength: 512) } ?? ""
            result.append(ProcessSummary(pid: pid, name: TextSanitizer.clean(stat.comm), commandLine: cmd, rss: status.vmRSS, ppid: stat.ppid))
        }
        result.sort { ($0.rss ?? 0, $1.pid) > ($1.rss ?? 0, $0.pid) }
        return result
    }

    /// Processes whose name or command line contains `pattern`, leaving out `excluding`
    /// (memtop itself and its ancestors, whose command lines contain the pattern too).
    public static func matching(_ pattern: String, in processes: [ProcessSummary], excluding: Set<Int32>) -> [ProcessSummary] {
        processes.filter { p in
            !excluding.contains(p.pid) && (p.name.contains(pattern) || p.commandLine.contains(pattern))
        }
    }

    /// `pid` and its ancestors up to init, found through `PPid`.
    public static func lineage(of pid: Int32, source: FileSource = LiveFileSource(), procRoot: String = "/proc") -> Set<Int32> {
        var result: Set<Int32> = []
        var current = pid
        while current > 0, !result.contains(current) {
            result.insert(current)
            guard let bytes = try? source.read(procRoot + "/\(current)/stat"), let stat = try? ProcStat.parse(bytes) else { break }
            current = stat.ppid
        }
        return result
    }
}
