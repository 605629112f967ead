import MemtopCore
import MemtopTerminal
import MemtopUI
#if canImport(Glibc)
import Glibc
#endif

/// `--replay FILE`: the dashboard over a recorded session, with alerts recomputed from its samples.
enum ReplayRunner {
    static func run(_ path: String, options: Options, stop: StopSignal) throws(MemtopError) -> ExitCode {
        let recording = try load(path, flag: "--replay")
        guard isatty(0) == 1, isatty(1) == 1 else { throw .usage("--replay shows the dashboard and needs a terminal; for a file, use memtop report \(path)") }
        let history = recording.history
        var engine = AlertEngine(rate: options.alertRate, limit: nil)
        var recorded: [ReplayEvent] = []
        var gaps: [Double] = []
        for i in 0..<history.count {
            let s = history[i]
            if !s.events.isEmpty { recorded += s.events.map { ReplayEvent(wallTime: s.time, event: $0) } }
            if !s.events.contains(.exit) { _ = engine.feed(s) }
            if i > 0 { gaps.append(history.elapsed(at: i) - history.elapsed(at: i - 1)) }
        }
        gaps.sort()
        let interval = gaps.isEmpty ? 1 : max(Options.minimumInterval, gaps[gaps.count / 2])
        let name = TextSanitizer.clean(String(path.split(separator: "/").last ?? Substring(path)), maxLength: 80)
        let end = history.elapsed(at: history.count - 1)
        let alerts = AlertRow.rows(engine, now: end)
        var slopes: [Metric: Double] = [:]
        for m in Metric.allCases { slopes[m] = engine.recentSlope(m) }
        let note = recording.droppedTruncatedLine ? "the file's cut-off last line was left out" : nil

        let glyphs: GlyphSet = (options.ascii == true || !Terminal.localeIsUTF8()) ? .ascii : .unicode
        let terminal = Terminal(useColor: Session.useColor(options))
        terminal.start()
        defer { terminal.stop() }
        var go: GoModel?
        if history.hasGo {
            // The Go series were recorded; heap profiles and expvars never are.
            var g = GoModel(endpoint: "recorded")
            g.heap.problem = "heap profiles are not part of a session file"
            go = g
        }
        let loop = DashboardLoop(terminal: terminal, stop: stop, glyphs: glyphs, panels: PanelID.available(go: go != nil))
        loop.run(DashboardLoop.Source(
            generation: { 0 },
            model: {
                var m = DashboardModel(pid: history.pid, name: name, commandLine: TextSanitizer.clean(path), interval: interval,
                                       history: history, now: history.time(at: history.count - 1), glyphs: glyphs)
                m.alerts = alerts
                m.slopes = slopes
                m.replay = ReplayInfo(file: TextSanitizer.clean(path), events: recorded)
                m.restrictedNote = note
                m.go = go
                return m
            },
            counts: { (end, 0, alerts.count + recorded.count, 0) },
            effect: { effect in
                switch effect {
                case .export: return SessionExport.exportForKey(history, directory: options.exportDirectory)
                case .setBaseline: return "a recorded session has no mappings to set a baseline on"
                case .quit: return nil
                }
            }))
        return .success
    }

    /// Reads and parses the file; every failure is a usage error naming the file (and line and column).
    static func load(_ path: String, flag: String) throws(MemtopError) -> SessionRecording {
        let bytes: [UInt8]
        do { bytes = try LiveFileSource().read(path) } catch {
            throw .usage("\(flag) \(path): cannot read: \(error.message)")
        }
        let r: SessionRecording
        do throws(SessionFileError) { r = try SessionCSVReader.read(bytes) } catch {
            throw .usage("\(flag) \(path): \(error.message)")
        }
        guard !r.history.isEmpty else { throw .usage("\(flag) \(path): the file holds no samples") }
        return r
    }
}
