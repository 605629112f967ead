#if canImport(Glibc)
import Glibc
#endif

/// Streams session rows to a file, one `write` per row, so a crash loses at most the last row.
public final class CSVStreamWriter {
    public let path: String
    private var fd: Int32
    /// The first write error, after which nothing more is written.
    public private(set) var failure: String?
    /// Data rows written so far.
    public private(set) var rowsWritten = 0
    /// True when rows carry the Go columns.
    public let go: Bool

    /// Creates (or truncates) `path` and writes the header (with the Go columns when `go`).
    /// Fails before any sampling starts.
    public init(path: String, go: Bool = false) throws(MemtopError) {
        self.path = path
        self.go = go
        fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else {
            let e = errno
            let reason = e == ENOENT ? "directory does not exist" : String(cString: strerror(e))
            throw .usage("--csv \(path): cannot create file: \(reason)")
        }
        if !writeAll(SessionCSV.header(go: go)) {
            throw .usage("--csv \(path): cannot write: \(failure ?? "unknown error")")
        }
    }

    deinit { if fd >= 0 { Glibc.close(fd) } }

    /// Appends one sample; returns false once writing has failed (disk full, I/O error).
    @discardableResult
    public func append(_ sample: Sample) -> Bool {
        guard failure == nil, fd >= 0 else { return false }
        let ok = writeAll(SessionCSV.row(sample, go: go))
        if ok { rowsWritten += 1 }
        return ok
    }

    /// Closes the file; later appends are ignored.
    public func close() {
        if fd >= 0 { Glibc.close(fd); fd = -1 }
    }

    private func writeAll(_ text: String) -> Bool {
        guard fd >= 0 else { return false }
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 {
                if errno == EINTR { continue }
                failure = String(cString: strerror(errno))
                return false
            }
            offset += n
        }
        return true
    }
}
