#if canImport(Glibc)
import Glibc
#endif

/// A file written whole or not at all: bytes go to a temp file beside it, which is renamed over
/// the target only once everything is written and synced. A reader never sees half a file.
public final class AtomicFile {
    public let path: String
    private let temp: String
    private var fd: Int32
    private var buffer: [UInt8] = []
    /// errno of the first failed write, after which nothing more is written.
    private var failure: Int32?

    /// Creates the temp file next to `path`.
    public init(path: String) throws(MemtopError) {
        self.path = path
        temp = path + ".tmp-\(getpid())"
        fd = open(temp, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { throw .usage("cannot write \(path): \(String(cString: strerror(errno)))") }
        buffer.reserveCapacity(1 << 16)
    }

    deinit { abandon() }

    /// Queues bytes; they reach the disk in 64 KiB writes.
    public func append<C: Collection>(_ bytes: C) where C.Element == UInt8 {
        buffer.append(contentsOf: bytes)
        if buffer.count >= 60_000 { flush() }
    }

    /// Writes everything, syncs and renames over `path`; on failure removes the temp file and says why.
    public func commit() throws(MemtopError) {
        flush()
        if failure == nil, fsync(fd) != 0 { failure = errno }
        close(fd)
        fd = -1
        if failure == nil, rename(temp, path) != 0 { failure = errno }
        if let e = failure {
            unlink(temp)
            throw .usage("cannot write \(path): \(String(cString: strerror(e)))")
        }
    }

    /// Drops the temp file (when not committed).
    public func abandon() {
        guard fd >= 0 else { return }
        close(fd)
        fd = -1
        unlink(temp)
    }

    /// Writes `bytes` to `path` atomically in one go.
    public static func write(_ bytes: [UInt8], to path: String) throws(MemtopError) {
        let f = try AtomicFile(path: path)
        f.append(bytes)
        try f.commit()
    }

    private func flush() {
        var offset = 0
        while failure == nil, offset < buffer.count {
            let n = buffer.withUnsafeBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 { if errno != EINTR { failure = errno } } else { offset += n }
        }
        buffer.removeAll(keepingCapacity: true)
    }
}
