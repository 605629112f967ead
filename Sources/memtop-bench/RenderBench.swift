import Foundation
import MemtopCore
import MemtopTestSupport
import MemtopUI

/// `memtop-bench render`: time to build one dashboard frame (every panel) at 200x60 and 120x40,
/// with and without the Go panels, over an hour of samples.
let renderBench = BenchCommand(name: "render", summary: "time per dashboard frame at 200x60 with all panels") { _ in
    print("frame                     ms/frame  frames/s")
    for go in [false, true] {
        var h = SampleHistory(pid: 1, go: go)
        var rng = SplitMix64(seed: 3)
        for i in 0..<3600 {
            var s = Sample(time: 1_796_400_000 + Double(i), elapsed: Double(i), pid: 1)
            let rss = (200 << 20) + UInt64(i) * 17 * 1024 + (rng.next() % 64) * 4096
            s.rss = rss; s.anon = rss - (30 << 20); s.file = 30 << 20; s.shmem = 0; s.threads = 24 + Int(rng.next() % 3)
            if i % 5 == 0 { s.pss = rss; s.uss = rss; s.heap = rss / 2; s.stack = 132 << 10 }
            if go { s.goHeapAlloc = rss / 2; s.goHeapInuse = rss / 2 + 4096; s.goHeapSys = rss; s.goNumGC = UInt64(i / 20); s.goroutines = 300 + i / 60 }
            h.append(s)
        }
        var m = DashboardModel(pid: 1, name: "bench", commandLine: "bench", interval: 1, history: h, now: 1_796_403_600, glyphs: .unicode)
        m.mappings = (0..<200).map { MappingGroup(name: "/usr/lib/lib\($0).so", rss: UInt64($0) << 16, swap: 0, count: 3, change: nil, isNew: false) }
        if go {
            var g = GoModel(endpoint: "http://127.0.0.1:6060")
            g.heapDiff = (0..<100).map { GoHeapSiteChange(site: GoSite(function: "main.f\($0)", location: "main.go:\($0)"), bytes: Double($0) * 4096, bytesChange: Double($0) * 1024, objectsChange: 1) }
            m.go = g
        }
        for (w, hgt) in [(200, 60), (120, 40)] {
            let frames = 200
            let t = seconds { for _ in 0..<frames { _ = Dashboard.render(m, state: AppState(interval: 1), width: w, height: hgt) } }
            let ms = t / Double(frames) * 1000
            let label = "\(w)x\(hgt)\(go ? " with --go" : "")".padding(toLength: 25, withPad: " ", startingAt: 0)
            print(label + String(format: " %8.2f  %8.0f", ms, 1000 / ms))
        }
    }
    return 0
}
