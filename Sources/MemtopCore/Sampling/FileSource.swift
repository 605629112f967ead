#if canImport(Glibc)
import Glibc
#endif

/// Why a file could not be read, in the terms memtop reports to the user.
public enum FileReadError: Error, Equatable, Sendable {
    /// ENOENT: the file (or the whole `/proc/PID`) does not exist.
    case notFound
    /// ESRCH: the process went away while the file was open.
    case noSuchProcess
    /// EACCES/EPERM: another user's process, or ptrace access denied.
    case permissionDenied
    /// Any other errno.
    case other(Int32)

    /// In words, for a message about a file the user named.
    public var message: String {
        switch self {
        case .notFound: return "no such file"
        case .noSuchProcess: return "no such process"
        case .permissionDenied: return "permission denied"
        case .other(let e): return String(cString: strerror(e))
        }
    }

    /// True when the error means the process is gone.
    public var meansGone: Bool { self == .notFound || self == .noSuchProcess }

    init(errno e: Int32) {
        switch e {
        case ENOENT, ENOTDIR: self = .notFound
        case ESRCH: self = .noSuchProcess
        case EACCES, EPERM: self = .permissionDenied
        default: self = .other(e)
        }
    }
}

/// Where the sampler gets file contents: the real `/proc` and `/sys`, or fixtures in tests.
public protocol FileSource: Sendable {
    /// The whole content of the file at `path`.
    func read(_ path: String) throws(FileReadError) -> [UInt8]
    /// Names of the entries in the directory at `path` (without `.` and `..`).
    func list(_ path: String) throws(FileReadError) -> [String]
    /// The whole content of the file at `path`, into a buffer kept between reads.
    func read(_ path: String, into buffer: ReadBuffer) throws(FileReadError)
}

extension FileSource {
    /// Copies `read(path)` into the buffer; live files read straight into it.
    public func read(_ path: String, into buffer: ReadBuffer) throws(FileReadError) {
        buffer.set(try read(path))
    }
}

/// Reads the live filesystem with plain POSIX calls (`/proc` files report size 0, so read until EOF).
public struct LiveFileSource: FileSource {
    /// A source over the live filesystem.
    public init() {}

    public func read(_ path: String) throws(FileReadError) -> [UInt8] {
        let buffer = ReadBuffer(initialCapacity: 16384)
        try buffer.fill(from: path)
        return Array(buffer.bytes)
    }

    public func read(_ path: String, into buffer: ReadBuffer) throws(FileReadError) {
        try buffer.fill(from: path)
    }

    public func list(_ path: String) throws(FileReadError) -> [String] {
        guard let dir = opendir(path) else { throw FileReadError(errno: errno) }
        defer { closedir(dir) }
        var names: [String] = []
        while let entry = readdir(dir) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != "." && name != ".." { names.append(name) }
        }
        return names
    }
}
