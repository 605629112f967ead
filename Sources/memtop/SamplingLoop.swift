import MemtopCore

/// Why a sampling loop ended.
enum LoopEnd: Equatable {
    case target(TargetEnd)
    case duration
    case stopped(StopRequest)
}

/// Takes samples on a fixed schedule (tick k at start + k·interval, so jitter never accumulates)
/// until the target ends, the duration passes, or a stop is requested.
final class SamplingLoop {
    let sampler: Sampler
    let interval: Double
    let duration: Double?
    let stop: StopSignal
    let child: ChildProcess?
    /// The Go endpoint poller, whose newest reading each sample carries.
    let go: GoMonitor?
    /// Monotonic time the session started.
    let start: Double

    init(
        sampler: Sampler, interval: Double, duration: Double?, stop: StopSignal, child: ChildProcess?, go: GoMonitor? = nil,
        start: Double = SystemClock.now()
    ) {
        self.go = go
        self.sampler = sampler
        self.interval = interval
        self.duration = duration
        self.stop = stop
        self.child = child
        self.start = start
    }

    /// Runs the loop, handing each sample to `onSample`, and the final `exit` row (when the
    /// target ended) to `onSample` too.
    func run(_ onSample: (Sample) -> Void) -> LoopEnd {
        var tick = 0
        while true {
            let elapsed = SystemClock.now() - start
            switch sampler.sample(time: SystemClock.wallNow(), elapsed: elapsed) {
            case .sample(var s):
                if let r = go?.takeFresh() {
                    s.goHeapAlloc = r.memstats?.heapAlloc
                    s.goHeapInuse = r.memstats?.heapInuse
                    s.goHeapSys = r.memstats?.heapSys
                    s.goNumGC = r.memstats?.numGC
                    s.goroutines = r.goroutines
                }
                onSample(s)
                // The command was reaped but its /proc entry was still visible: it is gone all the same.
                if stop.requested == .childExited, child?.hasExited == true {
                    onSample(exitRow())
                    return .target(.exited)
                }
            case .ended(let end):
                onSample(exitRow())
                return .target(end)
            }
            tick += 1
            let next = Double(tick) * interval
            if let d = duration, next > d + 1e-9 { return .duration }
            stop.wait(until: start + next)
            if let request = stop.requested, request != .childExited { return .stopped(request) }
        }
    }

    private func exitRow() -> Sample {
        var row = Sample(time: SystemClock.wallNow(), elapsed: SystemClock.now() - start, pid: sampler.pid)
        row.events = [.exit]
        return row
    }
}
