import Foundation

/// CPU time, RSS and ancestry of any process, read from `/proc` with plain text handling.
public enum ProcessCPU {
    /// Clock ticks per second, the unit of `utime`/`stime` in `/proc/PID/stat`.
    public static let ticksPerSecond: Double = Double(sysconf(Int32(_SC_CLK_TCK)))

    /// The fields of `/proc/PID/stat` after the command name, which may itself hold spaces and ')'.
    /// Index 0 is field 3 (state).
    static func statFields(_ pid: Int32) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
              let close = text.lastIndex(of: ")") else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    /// User plus system CPU seconds the process (all its threads) has used so far.
    public static func cpuSeconds(_ pid: Int32) -> Double? {
        guard let f = statFields(pid), f.count > 12, let user = Double(f[11]), let system = Double(f[12]) else { return nil }
        return (user + system) / ticksPerSecond
    }

    /// CPU seconds of each thread of the process, by thread id.
    public static func threadCPUSeconds(_ pid: Int32) -> [Int32: Double] {
        let tids = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        var out: [Int32: Double] = [:]
        for name in tids {
            // A thread's stat has the same layout as the process's, under task/TID.
            guard let tid = Int32(name), let text = try? String(contentsOfFile: "/proc/\(pid)/task/\(tid)/stat", encoding: .utf8),
                  let close = text.lastIndex(of: ")") else { continue }
            let f = text[text.index(after: close)...].split(separator: " ")
            if f.count > 12, let user = Double(f[11]), let system = Double(f[12]) { out[tid] = (user + system) / ticksPerSecond }
        }
        return out
    }

    /// The parent's pid.
    public static func parent(_ pid: Int32) -> Int32? {
        guard let f = statFields(pid), f.count > 1 else { return nil }
        return Int32(f[1])
    }

    /// The process's name as `/proc/PID/comm` gives it.
    public static func comm(_ pid: Int32) -> String? {
        (try? String(contentsOfFile: "/proc/\(pid)/comm", encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// Resident set size in bytes (`VmRSS`).
    public static func rss(_ pid: Int32) -> UInt64? { Kernel.status(pid, "VmRSS") }

    /// Number of lines in `/proc/PID/maps`, i.e. of mappings.
    public static func mapCount(_ pid: Int32) -> Int? {
        guard let bytes = readAll("/proc/\(pid)/maps") else { return nil }
        return bytes.reduce(0) { $0 + ($1 == UInt8(ascii: "\n") ? 1 : 0) }
    }

    /// A `/proc` file read to its end. `/proc` files report size 0 and Foundation's file readers
    /// can stop after the first page the kernel hands out, so this loops on read(2) itself.
    public static func readAll(_ path: String) -> [UInt8]? {
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var out: [UInt8] = []
        var chunk = [UInt8](repeating: 0, count: 1 << 16)
        while true {
            let n = chunk.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            guard n > 0 else { return n == 0 ? out : nil }
            out.append(contentsOf: chunk[0..<n])
        }
    }

    /// The nearest ancestor (the process itself included) whose comm starts with `prefix`.
    public static func ancestor(of pid: Int32, commPrefix prefix: String) -> Int32? {
        var p = pid
        for _ in 0..<16 {
            if comm(p)?.hasPrefix(prefix) == true { return p }
            guard let up = parent(p), up > 1 else { return nil }
            p = up
        }
        return nil
    }
}

/// A process's CPU use between two readings, as a share of one core.
public struct CPUWindow: Sendable {
    public let pid: Int32
    let startCPU: Double
    let startWall: Double

    /// Starts the window now; nil when the process is gone.
    public init?(pid: Int32) {
        guard let cpu = ProcessCPU.cpuSeconds(pid) else { return nil }
        self.pid = pid
        startCPU = cpu
        startWall = ProcessInfo.processInfo.systemUptime
    }

    /// Percent of one core used since the window started, and the CPU seconds it amounts to.
    public func percent() -> (percent: Double, cpuSeconds: Double, wallSeconds: Double)? {
        guard let cpu = ProcessCPU.cpuSeconds(pid) else { return nil }
        let wall = ProcessInfo.processInfo.systemUptime - startWall
        return (wall > 0 ? (cpu - startCPU) / wall * 100 : 0, cpu - startCPU, wall)
    }
}
