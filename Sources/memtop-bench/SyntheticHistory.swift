import MemtopCore
import MemtopTestSupport

/// `rows` seconds of a service leaking 1 MiB/min under a 20 s GC sawtooth, sampled every second,
/// with smaps every 5th tick and, when `go`, the Go runtime's figures: what the benches replay,
/// render and hold.
func syntheticHistory(rows: Int, go: Bool) -> SampleHistory {
    var h = SampleHistory(pid: 4242, go: go)
    var rng = SplitMix64(seed: 7)
    for i in 0..<rows {
        let t = Double(i)
        var s = Sample(time: 1_796_400_000 + t, elapsed: t, pid: 4242)
        let base = 200.0 * 1_048_576 + t * 1_048_576 / 60
        let saw = Double(i % 20) * 2 * 1_048_576
        let rss = UInt64(base + saw) / 4096 * 4096
        s.rss = rss
        s.anon = rss - 30 << 20
        s.file = 30 << 20
        s.shmem = 0
        s.swap = 0
        s.vmSize = rss * 3
        s.vmHWM = rss
        s.threads = 24 + Int(rng.next() % 3)
        s.minflt = UInt64(i) * 40
        s.majflt = 3
        if i % 5 == 0 {
            s.pss = rss - 4 << 20
            s.uss = rss - 8 << 20
            s.heap = rss - 40 << 20
            s.stack = 132 << 10
            s.lazyfree = 0
        }
        if go {
            s.goHeapAlloc = UInt64(base * 0.8 + saw) + rng.next() % 4096
            s.goHeapInuse = UInt64(base * 0.85 + saw)
            s.goHeapSys = UInt64(base * 0.95 + saw)
            s.goNumGC = UInt64(i / 20)
            s.goroutines = 300 + Int(rng.next() % 50)
        }
        h.append(s)
    }
    return h
}
