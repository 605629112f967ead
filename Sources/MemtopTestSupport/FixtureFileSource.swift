import MemtopCore
import Synchronization

/// A `FileSource` over an in-memory file tree, so tests can feed the sampler captured `/proc` files
/// and change them between ticks (exit, PID reuse, permission loss).
public final class FixtureFileSource: FileSource, Sendable {
    private let files = Mutex<[String: Result<[UInt8], FileReadError>]>([:])

    /// An empty tree.
    public init() {}

    /// Sets the content of `path`.
    public func set(_ path: String, _ bytes: [UInt8]) { files.withLock { $0[path] = .success(bytes) } }
    /// Sets the content of `path` from text.
    public func set(_ path: String, text: String) { set(path, Array(text.utf8)) }
    /// Makes reads of `path` fail with `error`.
    public func fail(_ path: String, _ error: FileReadError) { files.withLock { $0[path] = .failure(error) } }
    /// Removes every file under `prefix` (a process exiting).
    public func removeAll(under prefix: String) {
        files.withLock { $0 = $0.filter { !$0.key.hasPrefix(prefix) } }
    }

    /// Installs a captured process case as `/proc/PID/…`.
    public func install(_ c: Fixtures.ProcCase, pid: Int32, procRoot: String = "/proc") {
        for name in ["status", "stat", "smaps", "smaps_rollup", "cmdline"] {
            if c.hasFile(name) { set("\(procRoot)/\(pid)/\(name)", c.file(name)) } else { fail("\(procRoot)/\(pid)/\(name)", .noSuchProcess) }
        }
    }

    public func read(_ path: String) throws(FileReadError) -> [UInt8] {
        guard let r = files.withLock({ $0[path] }) else { throw .notFound }
        return try r.get()
    }

    public func list(_ path: String) throws(FileReadError) -> [String] {
        let prefix = path.hasSuffix("/") ? path : path + "/"
        let names = files.withLock { f in
            Set(f.keys.filter { $0.hasPrefix(prefix) }.compactMap { $0.dropFirst(prefix.count).split(separator: "/").first.map(String.init) })
        }
        guard !names.isEmpty else { throw .notFound }
        return names.sorted()
    }
}
