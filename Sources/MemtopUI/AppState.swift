/// What the reducer needs to know about the session and the screen to interpret a key.
public struct KeyContext: Sendable {
    /// Session time of the newest sample, seconds.
    public var latest: Double
    /// Data columns visible in a graph, for the pan step.
    public var visibleColumns: Int
    /// Rows in the mappings table and the alerts list, to keep the selection inside them.
    public var mappingsCount: Int
    public var alertsCount: Int
    public var heapDiffCount: Int
    /// The panels on screen, in Tab order.
    public var panels: [PanelID]
    /// The panel under a screen cell, for mouse clicks.
    public var panelAt: @Sendable (Int, Int) -> PanelID?

    /// Context with the newest sample time, graph width, list sizes and a hit-test for clicks.
    public init(
        latest: Double, visibleColumns: Int, mappingsCount: Int = 0, alertsCount: Int = 0, heapDiffCount: Int = 0,
        panels: [PanelID] = PanelID.standard, panelAt: @escaping @Sendable (Int, Int) -> PanelID? = { _, _ in nil }
    ) {
        self.heapDiffCount = heapDiffCount
        self.panels = panels
        self.latest = latest
        self.visibleColumns = visibleColumns
        self.mappingsCount = mappingsCount
        self.alertsCount = alertsCount
        self.panelAt = panelAt
    }
}

/// Something the run loop must do outside the pure state.
public enum Effect: Equatable, Sendable {
    case quit
    case setBaseline
    case export
}

/// Everything about the dashboard that keys change; pure and testable.
public struct AppState: Equatable, Sendable {
    public var focus: PanelID = .rss
    public var zoomed = false
    public var showHelp = false
    /// Session time the display is frozen at (`p`); sampling goes on.
    public var pausedAt: Double?
    /// Session time the graphs end at when panned back; nil follows the newest sample.
    public var viewEnd: Double?
    /// Index into `AppState.scales`.
    public var scaleIndex: Int
    /// Selected row of the mappings table.
    public var mappingsRow = 0
    /// Selected row of the alerts list.
    public var alertsRow = 0
    /// Selected row of the heap diff.
    public var heapDiffRow = 0
    public var mappingsSort: MappingSort = .rss

    /// Seconds per data column offered by `+`/`-`.
    public static let scales: [Double] = [0.1, 0.25, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 1800, 3600]

    /// Initial state for a sampling interval: one data column per sample.
    public init(interval: Double) {
        scaleIndex = AppState.scales.firstIndex { $0 >= interval - 1e-9 } ?? AppState.scales.count - 1
    }

    /// Seconds one data column covers.
    public var secondsPerColumn: Double { AppState.scales[scaleIndex] }

    /// The session time the display shows: paused, panned, or live.
    public func cursor(latest: Double) -> Double {
        if let viewEnd { return min(viewEnd, pausedAt ?? latest) }
        return pausedAt ?? latest
    }

    /// True when the graphs follow the newest sample.
    public var isLive: Bool { viewEnd == nil && pausedAt == nil }

    /// Applies one key; returns what the run loop must do, if anything.
    public mutating func handle(_ key: Key, _ ctx: KeyContext) -> Effect? {
        if showHelp {
            // Any key closes help; it never also acts on the dashboard.
            if case .resize = key { return nil }
            showHelp = false
            return nil
        }
        let panels = ctx.panels
        let at = panels.firstIndex(of: focus) ?? 0
        switch key {
        case .tab:
            focus = panels[(at + 1) % panels.count]
        case .backTab:
            focus = panels[(at + panels.count - 1) % panels.count]
        case .enter:
            zoomed.toggle()
        case .escape:
            zoomed = false
        case .left:
            let end = cursor(latest: ctx.latest)
            viewEnd = max(0, end - panStep(ctx))
        case .right:
            guard let v = viewEnd else { break }
            let next = v + panStep(ctx)
            viewEnd = next >= (pausedAt ?? ctx.latest) ? nil : next
        case .end:
            // Back to live: stop panning and un-pause.
            viewEnd = nil
            pausedAt = nil
        case .up: scroll(-1, ctx)
        case .down: scroll(1, ctx)
        case .pageUp: scroll(-10, ctx)
        case .pageDown: scroll(10, ctx)
        case .home: scroll(-Int.max / 2, ctx)
        case .mouse(let x, let y):
            if let p = ctx.panelAt(x, y) { focus = p }
        case .resize:
            break
        case .char(let c):
            return handle(char: c, ctx)
        }
        return nil
    }

    private mutating func handle(char c: Character, _ ctx: KeyContext) -> Effect? {
        switch c {
        case "q", "Q": return .quit
        case "?", "h": showHelp = true
        case "+", "=": scaleIndex = max(0, scaleIndex - 1)
        case "-", "_": scaleIndex = min(AppState.scales.count - 1, scaleIndex + 1)
        case "s": mappingsSort = MappingSort.allCases[(mappingsSort.rawValue + 1) % MappingSort.allCases.count]
        case "b": return .setBaseline
        case "e": return .export
        case "p":
            pausedAt = pausedAt == nil ? ctx.latest : nil
        default:
            if let d = c.wholeNumberValue, d >= 1, d <= ctx.panels.count {
                focus = ctx.panels[d - 1]
            }
        }
        return nil
    }

    /// A quarter of the visible window, at least one column.
    private func panStep(_ ctx: KeyContext) -> Double {
        Double(max(1, ctx.visibleColumns / 4)) * secondsPerColumn
    }

    private mutating func scroll(_ by: Int, _ ctx: KeyContext) {
        func moved(_ row: Int, _ count: Int) -> Int { max(0, min(count - 1, row + by)) }
        switch focus {
        case .mappings: mappingsRow = moved(mappingsRow, ctx.mappingsCount)
        case .alerts: alertsRow = moved(alertsRow, ctx.alertsCount)
        case .heapDiff: heapDiffRow = moved(heapDiffRow, ctx.heapDiffCount)
        default: break
        }
    }
}
