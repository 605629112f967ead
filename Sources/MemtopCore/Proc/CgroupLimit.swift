/// One line of `/proc/PID/cgroup`: `hierarchy-id:controllers:path`.
public struct CgroupMembership: Equatable, Sendable {
    public var hierarchyID: Int
    /// Empty for the v2 unified hierarchy.
    public var controllers: [String]
    public var path: String

    /// A membership line's parts.
    public init(hierarchyID: Int, controllers: [String], path: String) {
        self.hierarchyID = hierarchyID
        self.controllers = controllers
        self.path = path
    }
}

/// The memory limit that applies to a process, and where it came from.
public struct MemoryLimit: Equatable, Sendable {
    /// The effective limit in bytes.
    public var bytes: UInt64
    /// Human-readable origin, e.g. `cgroup v2 /system.slice` or `MemTotal`.
    public var source: String

    /// A limit and its origin.
    public init(bytes: UInt64, source: String) {
        self.bytes = bytes
        self.source = source
    }
}

/// Parsers and resolution for cgroup v1/v2 memory limits.
public enum Cgroup {
    /// v1 prints "no limit" as a huge page-rounded number; anything at or above this is unlimited.
    static let unlimitedThreshold: UInt64 = 1 << 60

    /// Parses the bytes of `/proc/PID/cgroup`.
    public static func parseMemberships(_ bytes: [UInt8]) throws(ProcParseError) -> [CgroupMembership] {
        guard !bytes.isEmpty else { throw .empty }
        guard bytes.last == Bytes.newline else { throw .truncated }
        var result: [CgroupMembership] = []
        for (n, line) in bytes.split(separator: Bytes.newline, omittingEmptySubsequences: true).enumerated() {
            // The path itself may contain ':', so split only twice.
            let parts = line.split(separator: Bytes.colon, maxSplits: 2, omittingEmptySubsequences: false)
            guard parts.count == 3, let id = Int(String(decoding: parts[0], as: UTF8.self)) else {
                throw .malformedLine(n + 1)
            }
            let controllers = parts[1].isEmpty ? [] : parts[1].split(separator: UInt8(ascii: ",")).map { String(decoding: $0, as: UTF8.self) }
            result.append(CgroupMembership(hierarchyID: id, controllers: controllers, path: String(decoding: parts[2], as: UTF8.self)))
        }
        return result
    }

    /// Parses a limit file (`memory.max` or `memory.limit_in_bytes`): nil means unlimited.
    public static func parseLimitValue(_ bytes: [UInt8]) throws(ProcParseError) -> UInt64? {
        var text = bytes
        while let last = text.last, last == Bytes.newline || Bytes.isBlank(last) { text.removeLast() }
        guard !text.isEmpty else { throw .empty }
        if text == Array("max".utf8) { return nil }
        guard let v = UInt64(String(decoding: text, as: UTF8.self)) else { throw .badNumber(field: "memory limit") }
        return v >= unlimitedThreshold ? nil : v
    }

    /// The smallest limit on the cgroup path of the process (walking up to the root) and MemTotal.
    ///
    /// Prefers the v1 memory controller when the process has one (hybrid hosts), else v2.
    /// Unreadable levels are skipped: in a container the host's upper levels are not visible.
    public static func effectiveLimit(
        memberships: [CgroupMembership], memTotal: UInt64?, source: FileSource, cgroupRoot: String = "/sys/fs/cgroup"
    ) -> MemoryLimit? {
        var best: MemoryLimit? = memTotal.map { MemoryLimit(bytes: $0, source: "MemTotal") }
        func consider(_ dir: String, file: String, label: String) {
            guard let bytes = try? source.read(dir + "/" + file),
                  let value = try? parseLimitValue(bytes) else { return }
            if best == nil || value < best!.bytes { best = MemoryLimit(bytes: value, source: label) }
        }
        if let v1 = memberships.first(where: { $0.controllers.contains("memory") }) {
            for path in ancestors(of: v1.path) {
                consider(join(cgroupRoot + "/memory", path), file: "memory.limit_in_bytes", label: "cgroup v1 " + path)
            }
        } else if let v2 = memberships.first(where: { $0.hierarchyID == 0 && $0.controllers.isEmpty }) {
            // The root cgroup has no memory.max; levels below it do.
            for path in ancestors(of: v2.path) where path != "/" {
                consider(join(cgroupRoot, path), file: "memory.max", label: "cgroup v2 " + path)
            }
        }
        return best
    }

    static func join(_ base: String, _ path: String) -> String { path == "/" ? base : base + path }

    /// The effective limit of a running process: its cgroup memberships and MemTotal, read through `source`.
    public static func effectiveLimit(pid: Int32, source: FileSource = LiveFileSource(), procRoot: String = "/proc") -> MemoryLimit? {
        let memberships = (try? source.read("\(procRoot)/\(pid)/cgroup")).flatMap { try? parseMemberships($0) } ?? []
        let memTotal = (try? source.read(procRoot + "/meminfo")).flatMap { try? Meminfo.parse($0) }?.memTotal
        return effectiveLimit(memberships: memberships, memTotal: memTotal, source: source)
    }

    /// `/a/b/c` → `["/a/b/c", "/a/b", "/a", "/"]`.
    static func ancestors(of path: String) -> [String] {
        var parts = path.split(separator: "/").map(String.init)
        var result: [String] = []
        while !parts.isEmpty {
            result.append("/" + parts.joined(separator: "/"))
            parts.removeLast()
        }
        result.append("/")
        return result
    }
}
