import MemtopCore
import Synchronization

/// The session as the dashboard sees it: filled by the sampling thread, read by the UI thread.
final class LiveSession: Sendable {
    /// Everything that changes while the session runs, behind one lock.
    struct Data {
        var history: SampleHistory
        /// Bumped on every change so the UI redraws only when something changed.
        var generation = 0
        var mappings: [MappingGroup] = []
        /// Session time of the smaps read the mappings come from.
        var mappingsElapsed: Double?
        var baseline: [String: UInt64]?
        var baselineElapsed: Double?
        /// Events to attach to the next sample (so the streamed CSV carries them too).
        var pendingEvents: [SessionEvent] = []
        var ended: (phrase: String, wallTime: Double)?
        var smapsPeriod: Double = 0
        var restricted: Set<RestrictedSource> = []
        var name: String
        var csvFailure: String?
        /// The target's state letter at the last sample (`T` when stopped).
        var targetState: UInt8?
        var alerts: AlertEngine
    }

    let pid: Int32
    let commandLine: String
    let interval: Double
    let processStart: Double?
    let limit: MemoryLimit?
    private let state: Mutex<Data>

    /// The Go endpoint poller, with `--go`.
    let go: GoMonitor?

    init(identity: ProcessIdentity, interval: Double, processStart: Double?, limit: MemoryLimit?, alertRate: Double, go: GoMonitor?) {
        self.go = go
        pid = identity.pid
        commandLine = identity.commandLine
        self.interval = interval
        self.processStart = processStart
        self.limit = limit
        state = Mutex(Data(history: SampleHistory(pid: identity.pid, go: go != nil), name: identity.name,
                           alerts: AlertEngine(rate: alertRate, limit: limit?.bytes)))
    }

    /// Runs `body` with the data locked; keep it short (the sampler waits).
    func withData<T>(_ body: (inout Data) -> T) -> T {
        state.withLock { body(&$0) }
    }

    /// Changes whenever anything on screen may have: a sample, a key's effect, or news from the Go endpoint.
    var generation: Int { state.withLock { $0.generation } &+ (go?.generation ?? 0) &* 1_000_003 }

    /// Stores one sample (with any pending events) and what the sampler learned on this tick.
    /// Returns the sample as stored, for the CSV stream.
    func record(_ sample: Sample, sampler: Sampler) -> Sample {
        var s = sample
        let smaps = sampler.lastSmaps
        let period = sampler.smapsCadence.period
        let restricted = sampler.restricted
        let name = sampler.identity.name
        return state.withLock { d in
            s.events = d.pendingEvents + s.events
            d.pendingEvents = []
            if !s.events.contains(.exit) {
                s.events += d.alerts.feed(s)
                d.targetState = s.state
            }
            d.history.append(s)
            if let smaps, smaps.elapsed != d.mappingsElapsed {
                d.mappings = MappingGroup.groups(smaps.summary.mappings, baseline: d.baseline)
                d.mappingsElapsed = smaps.elapsed
            }
            d.smapsPeriod = period
            d.restricted = restricted
            d.name = name
            d.generation += 1
            return s
        }
    }

    /// Makes the current mappings the baseline and marks the event.
    func setBaseline() -> String {
        state.withLock { d in
            go?.requestBaseline()
            guard !d.mappings.isEmpty else { return go == nil ? "no mappings read yet: baseline not set" : "baseline set for the heap diff; no mappings read yet" }
            d.baseline = MappingGroup.baseline(d.mappings)
            d.mappings = d.mappings.map { var g = $0; g.change = 0; g.isNew = false; return g }
            d.baselineElapsed = d.history.isEmpty ? 0 : d.history.elapsed(at: d.history.count - 1)
            if d.ended == nil { d.pendingEvents.append(.baseline) } else { d.history.addEventToLast(.baseline) }
            d.generation += 1
            return go == nil ? "baseline set: the mappings table now shows change since now" : "baseline set: mappings and heap diff now show change since now"
        }
    }

    /// Marks the session as ended (target gone); the dashboard keeps showing it.
    func end(_ phrase: String, wallTime: Double) {
        state.withLock { d in
            d.ended = (phrase, wallTime)
            d.generation += 1
        }
    }
}
