/// Where each part of the dashboard goes for a screen size and state.
public struct Layout: Equatable, Sendable {
    /// Smallest screen the dashboard draws into; below it a message says what is needed.
    public static let minimumWidth = 50
    public static let minimumHeight = 15

    public var width: Int
    public var height: Int
    /// Panel rectangles (borders included); a zoomed layout holds only the focused panel.
    public var panels: [PanelID: Rect]
    /// The key hints / status line at the bottom.
    public var statusLine: Rect

    /// True when the screen is too small to draw the dashboard.
    public var isTooSmall: Bool { width < Layout.minimumWidth || height < Layout.minimumHeight }

    /// Computes the layout; `zoomed` gives the focused panel everything below the summary;
    /// `go` adds the Go panels (and a summary line for the Go runtime).
    public init(width: Int, height: Int, focus: PanelID, zoomed: Bool, go: Bool = false) {
        self.width = max(0, width)
        self.height = max(0, height)
        panels = [:]
        statusLine = Rect(x: 0, y: max(0, height - 1), width: width, height: height > 0 ? 1 : 0)
        guard !isTooSmall else { return }

        let summaryHeight = go ? 5 : 4
        let body = Rect(x: 0, y: summaryHeight, width: width, height: height - 1 - summaryHeight)
        if zoomed {
            if focus == .summary {
                panels[.summary] = Rect(x: 0, y: 0, width: width, height: height - 1)
            } else {
                panels[.summary] = Rect(x: 0, y: 0, width: width, height: summaryHeight)
                panels[focus] = body
            }
            return
        }
        panels[.summary] = Rect(x: 0, y: 0, width: width, height: summaryHeight)
        if go {
            layOutGo(body)
            return
        }
        // Graphs get most of the room; the mappings table keeps at least a few rows.
        let mappingsHeight = max(4, body.height * 3 / 10)
        let graphsHeight = body.height - mappingsHeight
        let topHeight = (graphsHeight + 1) / 2
        let bottomHeight = graphsHeight - topHeight
        let leftWidth = (width + 1) / 2
        let rightWidth = width - leftWidth
        panels[.rss] = Rect(x: 0, y: body.y, width: leftWidth, height: topHeight)
        panels[.heap] = Rect(x: leftWidth, y: body.y, width: rightWidth, height: topHeight)
        panels[.threads] = Rect(x: 0, y: body.y + topHeight, width: leftWidth, height: bottomHeight)
        panels[.alerts] = Rect(x: leftWidth, y: body.y + topHeight, width: rightWidth, height: bottomHeight)
        panels[.mappings] = Rect(x: 0, y: body.y + graphsHeight, width: width, height: mappingsHeight)
    }

    /// With `--go`: five graphs and the alerts in a grid (three across on wide screens, two across
    /// otherwise), then the mappings and the heap diff side by side.
    private mutating func layOutGo(_ body: Rect) {
        let tablesHeight = max(5, body.height * 3 / 10)
        let grid = Rect(x: body.x, y: body.y, width: body.width, height: body.height - tablesHeight)
        let order: [[PanelID]] = body.width >= 120
            ? [[.rss, .heap, .goHeap], [.threads, .goroutines, .alerts]]
            : [[.rss, .goHeap], [.heap, .goroutines], [.threads, .alerts]]
        var y = grid.y
        for (r, row) in order.enumerated() {
            let h = grid.height * (r + 1) / order.count - grid.height * r / order.count
            var x = grid.x
            for (c, id) in row.enumerated() {
                let w = grid.width * (c + 1) / row.count - grid.width * c / row.count
                panels[id] = Rect(x: x, y: y, width: w, height: h)
                x += w
            }
            y += h
        }
        let left = (body.width + 1) / 2
        panels[.mappings] = Rect(x: body.x, y: grid.maxY, width: left, height: tablesHeight)
        panels[.heapDiff] = Rect(x: body.x + left, y: grid.maxY, width: body.width - left, height: tablesHeight)
    }

    /// The panel drawn at a cell (for mouse clicks).
    public func panel(at x: Int, _ y: Int) -> PanelID? {
        // Zoomed layouts overlap the summary with nothing, so any hit is unambiguous.
        for (id, r) in panels where x >= r.x && x < r.maxX && y >= r.y && y < r.maxY { return id }
        return nil
    }
}
