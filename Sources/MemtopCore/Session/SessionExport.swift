#if canImport(Glibc)
import Glibc
#endif

/// Writes a whole session to a CSV file atomically (temp file, then rename), for the `e` key.
public enum SessionExport {
    /// `memtop-PID-YYYYmmdd-HHMMSS.csv`, stamped with local time.
    public static func fileName(pid: Int32, at wallTime: Double) -> String {
        "memtop-\(pid)-\(Timestamp.fileStamp(wallTime)).csv"
    }

    /// Writes every sample of `history` to `directory/fileName`; returns the path.
    /// On failure the temp file is removed and the error says why (read-only directory, disk full…).
    public static func write(_ history: SampleHistory, directory: String, fileName: String) throws(MemtopError) -> String {
        let path = (directory.hasSuffix("/") ? directory : directory + "/") + fileName
        let temp = path + ".tmp-\(getpid())"
        let fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .usage("cannot write \(path): \(String(cString: strerror(errno)))") }
        var ok = true
        var buffer: [UInt8] = Array(SessionCSV.header(go: history.hasGo).utf8)
        buffer.reserveCapacity(1 << 16)
        func flush() {
            var offset = 0
            while ok, offset < buffer.count {
                let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
                if n < 0 { if errno == EINTR { continue }; ok = false } else { offset += n }
            }
            buffer.removeAll(keepingCapacity: true)
        }
        for i in 0..<history.count {
            buffer.append(contentsOf: SessionCSV.row(history[i], go: history.hasGo).utf8)
            if buffer.count > 60_000 { flush() }
        }
        flush()
        let writeErrno = errno
        if ok && fsync(fd) != 0 { ok = false }
        close(fd)
        guard ok, rename(temp, path) == 0 else {
            let reason = String(cString: strerror(ok ? errno : writeErrno))
            unlink(temp)
            throw .usage("cannot write \(path): \(reason)")
        }
        return path
    }
}

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
