#if canImport(Glibc)
import Glibc
#endif

/// Converts a process's start time in clock ticks after boot to wall-clock time.
public enum ProcessClock {
    /// Boot time (`btime` from `/proc/stat`) in seconds since the epoch.
    public static func bootTime(procStat bytes: [UInt8]) -> Double? {
        for line in bytes.split(separator: Bytes.newline) where line.starts(with: Array("btime ".utf8)) {
            return Double(String(decoding: line.dropFirst(6), as: UTF8.self))
        }
        return nil
    }

    /// Wall time the process `identity` started, from its start ticks and the boot time in `/proc/stat`.
    public static func startWallTime(of identity: ProcessIdentity, source: FileSource = LiveFileSource(), procRoot: String = "/proc") -> Double? {
        guard let stat = try? source.read(procRoot + "/stat"), let boot = bootTime(procStat: stat) else { return nil }
        return startWallTime(startTicks: identity.startTime, bootTime: boot)
    }

    /// Wall time a process started, from its `stat` start time and the boot time.
    public static func startWallTime(startTicks: UInt64, bootTime: Double) -> Double {
        bootTime + Double(startTicks) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
