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
        let file = try AtomicFile(path: path)
        file.append(SessionCSV.header(go: history.hasGo).utf8)
        for i in 0..<history.count { file.append(SessionCSV.row(history[i], go: history.hasGo).utf8) }
        try file.commit()
        return path
    }

    /// The `e` key: writes the whole session into `directory` (the current one when nil) and
    /// returns the status-line message, the path on success or why it failed. Never throws:
    /// the session in memory is kept whatever happens to the file.
    public static func exportForKey(_ history: SampleHistory, directory: String?, now: Double = SystemClock.wallNow()) -> String {
        var dir = directory ?? "."
        if directory == nil || !dir.hasPrefix("/") {
            var buffer = [CChar](repeating: 0, count: 4096)
            if let cwd = getcwd(&buffer, buffer.count) {
                let base = String(cString: cwd)
                dir = directory.map { base + "/" + $0 } ?? base
            }
        }
        let name = fileName(pid: history.pid, at: now)
        do {
            let path = try write(history, directory: dir, fileName: name)
            return "exported \(history.count) samples to \(path)"
        } catch {
            return "export failed: " + error.message + " (the session is kept; e tries again)"
        }
    }
}
