/// Who memtop is watching: pid plus start time, which together survive PID reuse.
public struct ProcessIdentity: Equatable, Sendable {
    public var pid: Int32
    /// `stat` field 22; a different value under the same pid is a different process.
    public var startTime: UInt64
    /// `comm`, control characters already replaced.
    public var name: String
    /// `cmdline` with NULs as spaces, control characters replaced; empty for kernel threads.
    public var commandLine: String
    public var uid: UInt32?
}

/// How a watched process stopped being watchable.
public enum TargetEnd: Equatable, Sendable {
    /// `/proc/PID` is gone.
    case exited
    /// The process is a zombie: it has exited, its parent has not reaped it yet.
    case zombie
    /// The pid now belongs to a different process (start time changed).
    case pidReused

    /// A short phrase for summaries and the status line.
    public var phrase: String {
        switch self {
        case .exited: return "target exited"
        case .zombie: return "target exited (zombie, not yet reaped)"
        case .pidReused: return "target exited (its pid now belongs to another process)"
        }
    }
}

/// A `/proc` file that could not be read for lack of permission.
public enum RestrictedSource: String, Sendable, CaseIterable {
    case smapsRollup = "smaps_rollup"
    case smaps

    /// The sample fields that stay unknown when this source cannot be read.
    public var fields: [String] {
        switch self {
        case .smapsRollup: return ["pss", "uss", "swap", "lazyfree"]
        case .smaps: return ["heap", "stack"]
        }
    }
}

extension ProcessIdentity {
    /// Turns raw `cmdline` bytes (NUL-separated) into one display line.
    public static func commandLine(from bytes: [UInt8], maxLength: Int = 4096) -> String {
        var trimmed = bytes[...]
        while trimmed.last == 0 { trimmed.removeLast() }
        let spaced = trimmed.map { $0 == 0 ? UInt8(ascii: " ") : $0 }
        return TextSanitizer.clean(String(decoding: spaced, as: UTF8.self), maxLength: maxLength)
    }
}
