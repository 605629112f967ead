import Foundation
import MemtopCore
import MemtopTerminal
import MemtopUI

/// The interactive session: a sampling thread feeds `LiveSession`; the main thread reads keys and draws.
final class DashboardRunner {
    private let options: Options
    private let terminal: Terminal
    private let stop: StopSignal
    private let glyphs: GlyphSet

    init(options: Options, terminal: Terminal, stop: StopSignal, glyphs: GlyphSet) {
        self.options = options
        self.terminal = terminal
        self.stop = stop
        self.glyphs = glyphs
    }

    /// Runs the dashboard on `target` until the user quits or a signal arrives.
    func run(target: ResolvedTarget, sampler: Sampler, csv: CSVStreamWriter?, go: GoMonitor?) -> ExitCode {
        sampler.keepMappings = true
        let session = LiveSession(
            identity: sampler.identity, interval: options.interval,
            processStart: ProcessClock.startWallTime(of: sampler.identity), limit: Cgroup.effectiveLimit(pid: sampler.pid),
            alertRate: options.alertRate, go: go
        )
        let child = target.child
        child?.onExit { [stop] in stop.stop(.childExited) }

        // Sampling runs on its own thread, so a slow smaps read never delays keys or redraws.
        let samplerStop = StopSignal()
        let samplingDone = DispatchSemaphore(value: 0)
        let work = SamplingWork(
            loop: SamplingLoop(sampler: sampler, interval: options.interval, duration: options.duration, stop: samplerStop, child: child, go: go),
            csv: csv)
        let uiStop = stop
        let worker = Thread {
            let end = work.loop.run { s in
                let stored = session.record(s, sampler: work.loop.sampler)
                work.csv?.append(stored)
            }
            work.csv?.close()
            switch end {
            case .target(let t):
                child?.waitForExit(seconds: 2)
                let phrase = child?.statusPhrase.map { "target " + $0 } ?? t.phrase
                session.end(phrase, wallTime: SystemClock.wallNow())
            case .duration:
                session.end("duration reached: sampling stopped", wallTime: SystemClock.wallNow())
                uiStop.stop(.quit)
            case .stopped:
                break
            }
            samplingDone.signal()
        }
        worker.start()

        var state = AppState(interval: options.interval)
        var statusMessage: String?
        var lastGeneration = -1
        var lastLayout: Layout?
        var dirty = true
        var lastClock = 0
        while true {
            if let r = stop.requested, r != .childExited { break }
            let generation = session.generation
            let clock = Int(SystemClock.wallNow())
            if dirty || generation != lastGeneration || clock != lastClock {
                let (w, h) = terminal.size
                let frame = session.withData { d -> (Canvas, Layout) in
                    var model = DashboardModel(
                        pid: session.pid, name: d.name, commandLine: session.commandLine, interval: session.interval,
                        history: d.history, now: SystemClock.wallNow(), glyphs: glyphs)
                    model.processStart = session.processStart
                    model.limit = session.limit
                    model.smapsPeriod = d.smapsPeriod
                    model.mappings = d.mappings
                    model.hasBaseline = d.baseline != nil
                    model.ended = d.ended
                    model.statusMessage = statusMessage
                    model.alerts = d.alerts.records.reversed().map { r in
                        AlertRow(
                            started: r.firedWall, metric: r.metric.rawValue, rate: r.rateText,
                            duration: r.growingFor(now: d.history.isEmpty ? 0 : d.history.elapsed(at: d.history.count - 1)),
                            timeToLimit: r.timeToLimit.map { "~" + Units.duration($0) },
                            severity: r.severity == .critical ? .critical : .warning, active: r.active)
                    }
                    for m in Metric.allCases { model.slopes[m] = d.alerts.recentSlope(m) }
                    model.go = go?.snapshot().model
                    if !d.restricted.isEmpty { model.restrictedNote = restrictedNotice(pid: session.pid, d.restricted) }
                    return Dashboard.render(model, state: state, width: w, height: h)
                }
                terminal.draw(frame.0)
                lastLayout = frame.1
                lastGeneration = generation
                lastClock = clock
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMs: 100) else { continue }
            dirty = true
            if key == .resize { terminal.invalidate() }
            let (latest, mappingsCount, alertsCount) = session.withData { d in
                (d.history.isEmpty ? 0 : d.history.elapsed(at: d.history.count - 1), d.mappings.count, d.alerts.records.count)
            }
            let layout = lastLayout
            let ctx = KeyContext(
                latest: latest, visibleColumns: Dashboard.visibleColumns(layout: layout, glyphs: glyphs),
                mappingsCount: mappingsCount, alertsCount: alertsCount, heapDiffCount: go?.snapshot().model.heapDiff.count ?? 0,
                panels: PanelID.available(go: go != nil), panelAt: { x, y in layout?.panel(at: x, y) })
            statusMessage = nil
            switch state.handle(key, ctx) {
            case .quit?:
                stop.stop(.quit)
            case .setBaseline?:
                statusMessage = session.setBaseline()
            case .export?:
                statusMessage = export(session)
            case nil:
                break
            }
        }
        samplerStop.stop(.quit)
        go?.stop()
        samplingDone.wait()
        terminal.stop()
        if let child, !child.hasExited { child.terminate() }
        let fired = session.withData { $0.alerts.anyFired }
        return options.failOnAlert && fired ? .alertFired : .success
    }

    private func export(_ session: LiveSession) -> String {
        let history = session.withData { $0.history }
        let name = SessionExport.fileName(pid: session.pid, at: SystemClock.wallNow())
        do {
            let path = try SessionExport.write(history, directory: FileManager.default.currentDirectoryPath, fileName: name)
            return "exported \(history.count) samples to \(path)"
        } catch {
            return "export failed: " + error.message
        }
    }

    /// The sampler, its loop and the CSV stream, handed whole to the sampling thread:
    /// after the hand-over no other thread touches them.
    private final class SamplingWork: @unchecked Sendable {
        let loop: SamplingLoop
        let csv: CSVStreamWriter?
        init(loop: SamplingLoop, csv: CSVStreamWriter?) {
            self.loop = loop
            self.csv = csv
        }
    }
}
