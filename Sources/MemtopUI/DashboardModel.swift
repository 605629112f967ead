import MemtopCore

/// One alert as the Alerts panel lists it.
public struct AlertRow: Equatable, Sendable {
    public enum Severity: Sendable { case warning, critical }
    /// Wall time the alert started.
    public var started: Double
    public var metric: String
    /// Growth rate, already formatted (`+2.10 MiB/min`).
    public var rate: String
    /// How long it has been growing, seconds.
    public var duration: Double
    /// Projected time to the memory limit, formatted; nil when unknown.
    public var timeToLimit: String?
    public var severity: Severity
    /// False once it has cleared (kept in the list, dimmed).
    public var active: Bool

    /// An alert row with every column.
    public init(started: Double, metric: String, rate: String, duration: Double, timeToLimit: String?, severity: Severity, active: Bool) {
        self.started = started
        self.metric = metric
        self.rate = rate
        self.duration = duration
        self.timeToLimit = timeToLimit
        self.severity = severity
        self.active = active
    }
}

extension AlertRow {
    /// The Alerts panel's rows for an engine's records, newest first.
    public static func rows(_ engine: AlertEngine, now: Double) -> [AlertRow] {
        engine.records.reversed().map { r in
            AlertRow(
                started: r.firedWall, metric: r.metric.rawValue, rate: r.rateText, duration: r.growingFor(now: now),
                timeToLimit: r.timeToLimit.map { "~" + Units.duration($0) },
                severity: r.severity == .critical ? .critical : .warning, active: r.active)
        }
    }
}

/// One event as a session file recorded it.
public struct ReplayEvent: Equatable, Sendable {
    public var wallTime: Double
    public var event: SessionEvent

    /// An event at a wall time.
    public init(wallTime: Double, event: SessionEvent) {
        self.wallTime = wallTime
        self.event = event
    }
}

/// What a replay adds to the dashboard: the file and the events it recorded.
public struct ReplayInfo: Sendable {
    /// The session file, sanitized.
    public var file: String
    public var events: [ReplayEvent]

    /// Replay details for `file` with its recorded events.
    public init(file: String, events: [ReplayEvent]) {
        self.file = file
        self.events = events
    }
}

/// Everything the dashboard draws, collected once per frame; widgets only read it.
public struct DashboardModel: Sendable {
    public var pid: Int32
    /// Sanitized process name and command line.
    public var name: String
    public var commandLine: String
    public var interval: Double
    public var history: SampleHistory
    /// Wall time the process started, for "up 3h12m".
    public var processStart: Double?
    public var limit: MemoryLimit?
    /// Seconds between smaps reads, as the adaptive cadence chose.
    public var smapsPeriod: Double
    /// Fields that cannot be read, and why (permissions); empty when all can.
    public var restrictedNote: String?
    public var mappings: [MappingGroup]
    public var hasBaseline: Bool
    /// Newest first.
    public var alerts: [AlertRow]
    /// Current floor growth per second by metric, for graph titles.
    public var slopes: [Metric: Double] = [:]
    /// Set once the target is gone: what happened and when.
    public var ended: (phrase: String, wallTime: Double)?
    /// The target's state letter from `stat` at the newest sample (`T` stopped, `t` traced).
    public var targetState: UInt8?
    /// Set when replaying a recorded session.
    public var replay: ReplayInfo?
    /// The Go runtime's view, with `--go`.
    public var go: GoModel?
    /// A one-off message for the status line (export path, errors).
    public var statusMessage: String?
    /// Current wall time.
    public var now: Double
    public var glyphs: GlyphSet

    /// A model with the required parts; the rest start empty.
    public init(pid: Int32, name: String, commandLine: String, interval: Double, history: SampleHistory, now: Double, glyphs: GlyphSet) {
        self.pid = pid
        self.name = name
        self.commandLine = commandLine
        self.interval = interval
        self.history = history
        self.now = now
        self.glyphs = glyphs
        processStart = nil
        limit = nil
        smapsPeriod = 0
        restrictedNote = nil
        mappings = []
        hasBaseline = false
        alerts = []
        ended = nil
        statusMessage = nil
        go = nil
        replay = nil
        targetState = nil
    }

    /// The panels this session shows, in Tab order.
    public var panels: [PanelID] { PanelID.available(go: go != nil) }

    /// Session time of the newest sample.
    public var latestElapsed: Double { history.isEmpty ? 0 : history.elapsed(at: history.count - 1) }
}
