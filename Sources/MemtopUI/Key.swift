/// A key press or terminal event, decoded by the terminal layer.
public enum Key: Equatable, Sendable {
    case tab, backTab, enter, escape
    case left, right, up, down, pageUp, pageDown, home, end
    case char(Character)
    /// A mouse button press at a cell.
    case mouse(x: Int, y: Int)
    case resize
}

/// A panel of the dashboard; the order is the Tab order and the `1`–`9` numbering.
public enum PanelID: Int, CaseIterable, Sendable {
    case summary, rss, heap, threads, alerts, mappings
    /// With `--go`: the Go runtime's heap against RSS, the goroutine count, and the heap-profile diff.
    case goHeap, goroutines, heapDiff

    /// The panels of a session without `--go`.
    public static let standard: [PanelID] = [.summary, .rss, .heap, .threads, .alerts, .mappings]

    /// The panels a session shows, in Tab and `1`–`9` order.
    public static func available(go: Bool) -> [PanelID] { go ? allCases : standard }

    /// Title shown on the panel's border.
    public var title: String {
        switch self {
        case .summary: return "Summary"
        case .rss: return "RSS"
        case .heap: return "Heap"
        case .threads: return "Threads"
        case .alerts: return "Alerts"
        case .mappings: return "Mappings"
        case .goHeap: return "Go heap"
        case .goroutines: return "Goroutines"
        case .heapDiff: return "Heap diff"
        }
    }

    /// Panels that show a time-series graph (and so respond to pan and scale).
    public var isGraph: Bool { [.rss, .heap, .threads, .goHeap, .goroutines].contains(self) }
}

/// How the mappings table is ordered; `s` cycles through these.
public enum MappingSort: Int, CaseIterable, Sendable {
    case rss, change, swap, name

    /// Column title the sort applies to.
    public var title: String {
        switch self {
        case .rss: return "RSS"
        case .change: return "Change"
        case .swap: return "Swap"
        case .name: return "Mapping"
        }
    }
}
