import MemtopCore
import MemtopTerminal
import MemtopUI
#if canImport(Glibc)
import Glibc
#endif

/// Starts a session from the options: opens outputs, resolves and attaches to the target, runs it.
enum Session {
    static func run(_ options: Options) throws(MemtopError) -> ExitCode {
        let stop = StopSignal()
        stop.installSignalHandlers()
        if let dir = options.exportDirectory {
            var st = stat()
            guard stat(dir, &st) == 0, (st.st_mode & S_IFMT) == S_IFDIR else { throw .usage("--export-dir \(dir): not a directory") }
        }
        if case .replay(let file) = options.target { return try ReplayRunner.run(file, options: options, stop: stop) }

        if !options.headless {
            // Only a terminal can show the dashboard; say so instead of drawing into a pipe.
            guard isatty(0) == 1, isatty(1) == 1 else {
                throw .usage("the dashboard needs a terminal on stdin and stdout; use --no-ui to record headless")
            }
        }

        // Open the CSV first: a bad path must fail before anything is started or sampled.
        let csv = try options.csvPath.map { (p: String) throws(MemtopError) in try CSVStreamWriter(path: p, go: options.go != nil) }
        var terminal: Terminal?
        var target: Target = options.target
        if !options.headless, target == .pick {
            let t = Terminal(useColor: useColor(options))
            t.start()
            guard let pid = pickProcess(t, stop: stop) else {
                t.stop()
                if let csv { csv.close(); unlink(csv.path) }
                return .success
            }
            target = .pid(pid)
            terminal = t
        }

        let resolved: ResolvedTarget
        let sampler: Sampler
        var go: GoMonitor?
        do throws(MemtopError) {
            resolved = try TargetResolver.resolve(target, quietChild: !options.headless)
            do throws(MemtopError) {
                sampler = try Sampler(pid: resolved.pid)
                if let endpoint = options.go { go = try startGoMonitor(endpoint, options: options, startedChild: resolved.child != nil) }
            } catch {
                resolved.child?.terminate()
                throw error
            }
        } catch {
            terminal?.stop()
            if let csv { csv.close(); unlink(csv.path) }
            throw error
        }

        if options.headless {
            resolved.child?.onExit { stop.stop(.childExited) }
            let recorder = HeadlessRecorder(options: options, sampler: sampler, csv: csv, child: resolved.child, stop: stop, go: go)
            return recorder.run()
        }
        let glyphs: GlyphSet = (options.ascii == true || !Terminal.localeIsUTF8()) ? .ascii : .unicode
        let t = terminal ?? Terminal(useColor: useColor(options))
        if !t.isActive { t.start() }
        let runner = DashboardRunner(options: options, terminal: t, stop: stop, glyphs: glyphs)
        return runner.run(target: resolved, sampler: sampler, csv: csv, go: go)
    }

    /// Checks the Go endpoint and starts polling it. Something that answers but is not a Go debug
    /// endpoint is a usage error; nothing answering yet is not (the service may be starting).
    static func startGoMonitor(_ endpoint: GoEndpoint, options: Options, startedChild: Bool) throws(MemtopError) -> GoMonitor {
        var poller = GoPoller(endpoint: endpoint, http: SocketHTTPClient(host: endpoint.host, port: endpoint.port))
        // A command memtop just started needs a moment to open its port.
        let deadline = SystemClock.now() + (startedChild ? 5 : 0)
        var result = try poller.probe(now: SystemClock.wallNow())
        while case .unreachable = result, SystemClock.now() < deadline {
            usleep(100_000)
            result = try poller.probe(now: SystemClock.wallNow())
        }
        let monitor = GoMonitor(endpoint: endpoint)
        monitor.start(poller, interval: options.interval)
        return monitor
    }

    /// Colour unless `--no-color` or a non-empty `NO_COLOR` says otherwise.
    static func useColor(_ options: Options) -> Bool {
        if options.noColor { return false }
        if let v = getenv("NO_COLOR"), v.pointee != 0 { return false }
        return true
    }

    /// Runs the process picker; nil when the user leaves without picking.
    static func pickProcess(_ terminal: Terminal, stop: StopSignal) -> Int32? {
        let me = ProcessTable.lineage(of: getpid())
        var picker = Picker(processes: ProcessTable.scan().filter { !me.contains($0.pid) })
        var dirty = true
        while stop.requested == nil {
            if dirty {
                let (w, h) = terminal.size
                var canvas = Canvas(width: w, height: h)
                picker.render(into: &canvas)
                terminal.draw(canvas)
                dirty = false
            }
            guard let key = terminal.readKey(timeoutMs: 200) else { continue }
            dirty = true
            if key == .resize { terminal.invalidate() }
            switch picker.handle(key) {
            case .attach(let pid): return pid
            case .quit: return nil
            case .refresh: picker.processes = ProcessTable.scan().filter { !me.contains($0.pid) }
            case .none: break
            }
        }
        return nil
    }
}
