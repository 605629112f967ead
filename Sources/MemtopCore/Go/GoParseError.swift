/// Why a response from a Go debug endpoint could not be used.
public enum GoParseError: Error, Equatable, Sendable {
    /// The body is not JSON; the byte offset where reading stopped.
    case notJSON(offset: Int)
    /// JSON nested deeper than memtop follows (a hostile or broken endpoint).
    case tooDeep
    /// Valid JSON without the `memstats` object expvar publishes.
    case missingMemstats
    /// A memstats field memtop needs is absent or not an unsigned integer.
    case missingField(String)
    /// The first line is not the header of the expected pprof text profile.
    case notProfile(expected: String)
    /// The line at this 1-based index does not have the shape of a profile record.
    case malformedLine(Int)
    /// The body ended in the middle of a record.
    case truncated

    /// What was wrong, in words for the panel or stderr.
    public var message: String {
        switch self {
        case .notJSON(let at): return "not JSON (stopped at byte \(at))"
        case .tooDeep: return "JSON nested too deeply"
        case .missingMemstats: return "JSON without memstats (is expvar imported?)"
        case .missingField(let f): return "memstats without \(f)"
        case .notProfile(let kind): return "not a \(kind) profile in debug=1 text form"
        case .malformedLine(let n): return "malformed profile line \(n)"
        case .truncated: return "profile cut off mid-record"
        }
    }
}
