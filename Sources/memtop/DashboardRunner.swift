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

        let loop = DashboardLoop(terminal: terminal, stop: stop, glyphs: glyphs, panels: PanelID.available(go: go != nil))
        loop.run(DashboardLoop.Source(
            generation: { session.generation },
            model: { session.withData { d in self.model(session, d) } },
            counts: {
                session.withData { d in
                    (d.history.isEmpty ? 0 : d.history.elapsed(at: d.history.count - 1), d.mappings.count, d.alerts.records.count,
                     go?.snapshot().model.heapDiff.count ?? 0)
                }
            },
            effect: { effect in
                switch effect {
                case .setBaseline: return session.setBaseline()
                case .export: return self.export(session)
                case .quit: return nil
                }
            }))
        samplerStop.stop(.quit)
        go?.stop()
        samplingDone.wait()
        terminal.stop()
        if let child, !child.hasExited { child.terminate() }
        let fired = session.withData { $0.alerts.anyFired }
        return options.failOnAlert && fired ? .alertFired : .success
    }

    /// The frame's model from the session's data (called with the lock held: no I/O here).
    private func model(_ session: LiveSession, _ d: LiveSession.Data) -> DashboardModel {
        var model = DashboardModel(
            pid: session.pid, name: d.name, commandLine: session.commandLine, interval: session.interval,
            history: d.history, now: SystemClock.wallNow(), glyphs: glyphs)
        model.processStart = session.processStart
        model.limit = session.limit
        model.smapsPeriod = d.smapsPeriod
        model.mappings = d.mappings
        model.hasBaseline = d.baseline != nil
        model.ended = d.ended
        model.targetState = d.targetState
        model.alerts = AlertRow.rows(d.alerts, now: d.history.isEmpty ? 0 : d.history.elapsed(at: d.history.count - 1))
        for m in Metric.allCases { model.slopes[m] = d.alerts.recentSlope(m) }
        model.go = session.go?.snapshot().model
        if !d.restricted.isEmpty { model.restrictedNote = restrictedNotice(pid: session.pid, d.restricted) }
        return model
    }

    private func export(_ session: LiveSession) -> String {
        SessionExport.exportForKey(session.withData { $0.history }, directory: options.exportDirectory)
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
