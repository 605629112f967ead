import MemtopCore
import MemtopTerminal
import MemtopUI

/// The dashboard's key-and-draw loop, shared by live sessions and replays: redraw when the data,
/// the clock's second or the state changed; hand keys to the reducer; let the caller act on effects.
struct DashboardLoop {
    let terminal: Terminal
    let stop: StopSignal
    let glyphs: GlyphSet
    let panels: [PanelID]

    /// What the loop needs from the session for one frame or one key.
    struct Source {
        /// A number that changes whenever the data does.
        var generation: () -> Int
        /// The model to draw (its status message is set by the loop).
        var model: () -> DashboardModel
        /// Newest sample time and list lengths, for the reducer.
        var counts: () -> (latest: Double, mappings: Int, alerts: Int, heapDiff: Int)
        /// Acts on an effect; returns a status-line message.
        var effect: (Effect) -> String?
    }

    /// Runs until a stop (other than a started command's exit) is requested; `q` requests one.
    func run(_ source: Source) {
        var state = AppState(interval: source.model().interval)
        var statusMessage: String?
        var lastGeneration = -1
        var lastLayout: Layout?
        var dirty = true
        var lastDraw = -Double.infinity
        while true {
            if let r = stop.requested, r != .childExited { break }
            let generation = source.generation()
            let now = SystemClock.now()
            // New data redraws; otherwise the header clock is kept current once a second. At 1 s
            // intervals the samples alone do that, so the clock adds no second redraw.
            if dirty || generation != lastGeneration || now - lastDraw >= 1 {
                let (w, h) = terminal.size
                var model = source.model()
                model.statusMessage = statusMessage
                let frame = Dashboard.render(model, state: state, width: w, height: h)
                terminal.draw(frame.0)
                lastLayout = frame.1
                lastGeneration = generation
                lastDraw = now
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMs: 100) else { continue }
            dirty = true
            if key == .resize { terminal.invalidate() }
            let counts = source.counts()
            let layout = lastLayout
            let ctx = KeyContext(
                latest: counts.latest, visibleColumns: Dashboard.visibleColumns(layout: layout, glyphs: glyphs),
                mappingsCount: counts.mappings, alertsCount: counts.alerts, heapDiffCount: counts.heapDiff,
                panels: panels, panelAt: { x, y in layout?.panel(at: x, y) })
            statusMessage = nil
            switch state.handle(key, ctx) {
            case .quit?: stop.stop(.quit)
            case let effect?: statusMessage = source.effect(effect)
            case nil: break
            }
        }
    }
}
