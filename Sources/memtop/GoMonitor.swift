import Foundation
import MemtopCore
import MemtopUI
import Synchronization

/// Polls a Go program's debug endpoint on its own thread, so a slow or hung endpoint never
/// delays a sample, a key or a redraw. Samples take the newest runtime reading; the dashboard
/// reads the feeds' health, the expvars and the heap diff.
final class GoMonitor: Sendable {
    /// What the poller has learned, behind one lock.
    struct State {
        /// A runtime reading not yet attached to a sample.
        var fresh: (memstats: GoMemStats?, goroutines: Int?)?
        var model: GoModel
        var baseline: GoHeapProfile?
        var first: GoHeapProfile?
        var current: GoHeapProfile?
        var baselineRequested = false
        var generation = 0
    }

    let endpoint: GoEndpoint
    /// Seconds between heap-profile reads: the profile is the heaviest request, and only
    /// changes when a GC completes.
    static let heapPeriod = 10.0
    private let state: Mutex<State>
    private let stopSignal = StopSignal()

    init(endpoint: GoEndpoint) {
        self.endpoint = endpoint
        state = Mutex(State(model: GoModel(endpoint: endpoint.display)))
    }

    /// Starts polling with `poller` (already probed), every `interval` seconds (at least 1 s).
    func start(_ poller: GoPoller, interval: Double) {
        let thread = Thread { [self] in self.run(poller, interval: interval) }
        thread.name = "memtop-go"
        thread.start()
    }

    /// Stops the polling thread at its next wake-up (a request in flight ends by its timeout).
    func stop() { stopSignal.stop(.quit) }

    /// The newest runtime reading, once: a sample carries it, later samples do not repeat it.
    func takeFresh() -> (memstats: GoMemStats?, goroutines: Int?)? {
        state.withLock { s in
            defer { s.fresh = nil }
            return s.fresh
        }
    }

    /// The Go panels' data now, and a number that changes whenever it does.
    func snapshot() -> (model: GoModel, generation: Int) {
        state.withLock { ($0.model, $0.generation) }
    }

    var generation: Int { state.withLock { $0.generation } }

    /// Makes the next heap profile the baseline the diff compares against.
    func requestBaseline() { state.withLock { $0.baselineRequested = true } }

    /// Heap growth since the session's first profile, read now (for the headless summary).
    func growthSinceStart(timeout: Double = 5) -> [GoHeapSiteChange]? {
        guard let first = state.withLock({ $0.first }) else { return nil }
        var poller = GoPoller(endpoint: endpoint, http: SocketHTTPClient(host: endpoint.host, port: endpoint.port), timeout: timeout)
        guard let now = poller.pollHeap(now: SystemClock.wallNow()) else { return nil }
        return GoHeapSiteChange.diff(base: first, current: now)
    }

    private func run(_ initial: GoPoller, interval: Double) {
        var poller = initial
        let runtimePeriod = max(interval, poller.memstatsFromHeap ? 2 : 1)
        var nextRuntime = SystemClock.now()
        var nextHeap = nextRuntime
        while stopSignal.requested == nil {
            let now = SystemClock.now()
            if now >= nextRuntime {
                let reading = poller.pollRuntime(now: SystemClock.wallNow())
                let sites = reading.goroutines?.sites()
                state.withLock { s in
                    s.fresh = (reading.memstats, reading.goroutines?.total)
                    if let sites { s.model.goroutineSites = Array(sites.prefix(20)) }
                    copyHealth(poller, into: &s.model)
                    s.generation += 1
                }
                if let p = reading.heapProfile { publish(p) }
                // The next slot after now: a slow endpoint skips slots instead of polling back to back.
                nextRuntime += runtimePeriod * (((now - nextRuntime) / runtimePeriod).rounded(.down) + 1)
            }
            let wantBaseline = state.withLock { $0.baselineRequested }
            if !poller.memstatsFromHeap, now >= nextHeap || wantBaseline {
                if let p = poller.pollHeap(now: SystemClock.wallNow()) { publish(p) }
                state.withLock { copyHealth(poller, into: &$0.model); $0.generation += 1 }
                nextHeap = SystemClock.now() + Self.heapPeriod
            } else if poller.memstatsFromHeap, wantBaseline, let current = state.withLock({ $0.current }) {
                publish(current)
            }
            // Wake at least every quarter second so `b` is answered promptly.
            stopSignal.wait(until: min(nextRuntime, poller.memstatsFromHeap ? nextRuntime : nextHeap, SystemClock.now() + 0.25))
        }
    }

    /// Stores a new heap profile and recomputes the diff (outside the lock: large profiles take a while).
    private func publish(_ profile: GoHeapProfile) {
        let wall = SystemClock.wallNow()
        let (base, reset) = state.withLock { s -> (GoHeapProfile?, Bool) in
            (s.baseline, s.baseline == nil || s.baselineRequested)
        }
        let diff = GoHeapSiteChange.diff(base: reset ? profile : base, current: profile)
        state.withLock { s in
            if reset {
                s.baseline = profile
                s.model.baselineTime = wall
                s.model.baselineSetByUser = s.first != nil
                s.baselineRequested = false
            }
            if s.first == nil { s.first = profile }
            s.current = profile
            s.model.profileTime = wall
            s.model.heapDiff = Array(diff.prefix(200))
            s.generation += 1
        }
    }

    private func copyHealth(_ poller: GoPoller, into model: inout GoModel) {
        model.runtime = poller.runtime
        model.goroutines = poller.goroutines
        model.heap = poller.heap
        model.fromHeapProfile = poller.memstatsFromHeap
        model.expvars = poller.expvars
    }
}
