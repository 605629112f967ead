/// Why a `/proc` or cgroup text could not be parsed.
public enum ProcParseError: Error, Equatable, Sendable {
    /// The input ended before a complete record (the kernel always ends with a newline).
    case truncated
    /// The input was empty where a record is required.
    case empty
    /// A required field was absent.
    case missingField(String)
    /// A field held something that is not a number where a number belongs.
    case badNumber(field: String)
    /// The line at this 1-based index does not have the expected shape.
    case malformedLine(Int)
}
