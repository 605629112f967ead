import Foundation

/// A `memtop __workload serve` child: allocates, frees and starts threads on command.
public final class ServeWorkload: @unchecked Sendable {
    public let process: RunningProcess
    private var replies = 1  // "ready"

    /// Starts the workload; `tag` lands in its command line so `--name` can find exactly this one.
    public init(tag: String = "t" + UUID().uuidString.prefix(8).lowercased()) throws {
        self.tag = tag
        process = try MemtopBinary.start(["__workload", "serve", tag])
        guard process.waitForLines("ready", count: 1) else { throw WorkloadError.noReply("ready") }
    }

    /// The unique word in the workload's command line.
    public let tag: String
    public var pid: Int32 { process.pid }

    /// Sends a command and waits for its `ok`.
    public func command(_ line: String) throws {
        process.send(line)
        replies += 1
        guard process.waitForLines("ok", count: replies - 1) else { throw WorkloadError.noReply(line) }
    }

    /// Allocates and touches `mib` MiB.
    public func allocate(mib: Int) throws { try command("alloc \(mib)") }
    /// Starts `n` sleeping threads.
    public func startThreads(_ n: Int) throws { try command("threads \(n)") }

    /// Ends the workload.
    public func stop() { process.killIfRunning() }
    deinit { process.killIfRunning() }
}

/// A workload that did not answer.
public enum WorkloadError: Error { case noReply(String) }

/// Reads the kernel's own numbers with plain text handling, independent of memtop's parsers.
public enum Kernel {
    /// A `status` field in bytes (kB fields) or as a count.
    public static func status(_ pid: Int32, _ key: String) -> UInt64? {
        field(in: "/proc/\(pid)/status", key)
    }

    /// A `smaps_rollup` field in bytes.
    public static func rollup(_ pid: Int32, _ key: String) -> UInt64? {
        field(in: "/proc/\(pid)/smaps_rollup", key)
    }

    /// Number of threads as entries of `/proc/PID/task`.
    public static func taskCount(_ pid: Int32) -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task").count) ?? -1
    }

    private static func field(in path: String, _ key: String) -> UInt64? {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let parts = line.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard parts.count >= 2, let v = UInt64(parts[1]) else { return nil }
            return parts.count >= 3 && parts[2] == "kB" ? v * 1024 : v
        }
        return nil
    }
}

/// A fresh temporary directory, removed by `remove()`.
public struct TempDir: Sendable {
    public let path: String

    /// Creates a new empty directory.
    public init() {
        path = NSTemporaryDirectory() + "memtop-test-" + UUID().uuidString
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    /// Deletes the directory and everything in it.
    public func remove() { try? FileManager.default.removeItem(atPath: path) }
}
