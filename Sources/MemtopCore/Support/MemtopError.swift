/// memtop's process exit codes, as DESIGN.md fixes them.
public enum ExitCode: Int32, Sendable {
    case success = 0
    case alertFired = 1
    case usage = 2
    case cannotAttach = 3
}

/// An error the user caused or must act on: one line of text and the exit code it maps to.
public struct MemtopError: Error, Equatable, Sendable, CustomStringConvertible {
    public var message: String
    public var exitCode: ExitCode

    /// An error with its message and exit code.
    public init(_ message: String, exitCode: ExitCode) {
        self.message = message
        self.exitCode = exitCode
    }

    /// A command-line mistake (exit 2).
    public static func usage(_ message: String) -> MemtopError { MemtopError(message, exitCode: .usage) }
    /// The target cannot be watched (exit 3).
    public static func cannotAttach(_ message: String) -> MemtopError { MemtopError(message, exitCode: .cannotAttach) }

    public var description: String { message }
}
