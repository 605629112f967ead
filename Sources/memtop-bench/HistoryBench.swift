import Foundation
import MemtopCore
import MemtopTestSupport

/// `memtop-bench history`: what memtop's session history costs: bytes per sample, a simulated
/// 24 h at 1 s (with and without the Go columns), and the process's anonymous RSS growth holding it
/// (RssAnon, not VmRSS: the first pass also pages in code, which is not history).
let historyBench = BenchCommand(name: "history", summary: "history bytes per sample and RSS after a simulated 24 h at 1 s") { _ in
    let rows = 86_400
    print("history                     bytes/sample  24 h MiB  RssAnon growth MiB")
    // Each history is kept to the end, so the second does not reuse memory the first freed.
    var kept: [SampleHistory] = []
    for go in [false, true] {
        let before = Kernel.status(getpid(), "RssAnon") ?? 0
        var h = SampleHistory(pid: 1, go: go)
        var rng = SplitMix64(seed: 1)
        for i in 0..<rows {
            var s = Sample(time: 1_796_400_000 + Double(i), elapsed: Double(i), pid: 1)
            let rss = (200 << 20) + UInt64(i) * 17 * 1024 + (rng.next() % 64) * 4096
            s.rss = rss; s.anon = rss - (30 << 20); s.file = 30 << 20; s.shmem = 0; s.swap = 0; s.lazyfree = 0
            s.vmSize = rss * 3; s.vmHWM = rss; s.threads = 24; s.minflt = UInt64(i) * 40; s.majflt = 0
            if i % 5 == 0 { s.pss = rss; s.uss = rss; s.heap = rss / 2; s.stack = 132 << 10 }
            if go { s.goHeapAlloc = rss / 2 + rng.next() % 4096; s.goHeapInuse = rss / 2; s.goHeapSys = rss; s.goNumGC = UInt64(i / 20); s.goroutines = 300 }
            if i % 3600 == 0 { s.events = [.baseline] }
            h.append(s)
        }
        let after = Kernel.status(getpid(), "RssAnon") ?? 0
        let perSample = Double(h.approximateBytes) / Double(rows)
        let label = (go ? "with --go" : "without --go").padding(toLength: 27, withPad: " ", startingAt: 0)
        print(label + String(format: " %12.1f  %8.2f  %18.2f", perSample,
                     Double(h.approximateBytes) / 1_048_576, Double(after > before ? after - before : 0) / 1_048_576))
        kept.append(h)
    }
    print("target: 24 h at 1 s <= 8 MiB of history")
    return 0
}
