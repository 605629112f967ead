import Foundation
import MemtopCore
import MemtopTestSupport
import MemtopUI

/// `memtop-bench render`: time to build one dashboard frame (every panel) at 200x60 and 120x40,
/// with and without the Go panels, over an hour of samples; then the same frame over 24 hours,
/// since a frame must not get dearer as a session goes on.
let renderBench = BenchCommand(name: "render", summary: "time per dashboard frame at 200x60 with all panels") { _ in
    print("frame                     ms/frame  frames/s")
    let hour = benchModel(go: false, rows: 3600)
    for (go, m) in [(false, hour), (true, benchModel(go: true, rows: 3600))] {
        for (w, hgt) in [(200, 60), (120, 40)] {
            let ms = frameMillis(m, width: w, height: hgt)
            let label = "\(w)x\(hgt)\(go ? " with --go" : "")".padding(toLength: 25, withPad: " ", startingAt: 0)
            print(label + String(format: " %8.2f  %8.0f", ms, 1000 / ms))
        }
    }
    let hourMillis = frameMillis(hour, width: 200, height: 60)
    let dayMillis = frameMillis(benchModel(go: false, rows: 86_400), width: 200, height: 60)
    print(String(format: "200x60 after 24 h / after 1 h: %.2f / %.2f ms = %.2f (target: about 1)", dayMillis, hourMillis, dayMillis / hourMillis))
    return 0
}

/// Milliseconds per frame of `m`, over 200 frames.
private func frameMillis(_ m: DashboardModel, width: Int, height: Int) -> Double {
    let frames = 200
    let t = seconds { for _ in 0..<frames { _ = Dashboard.render(m, state: AppState(interval: 1), width: width, height: height) } }
    return t / Double(frames) * 1000
}

/// A dashboard model over `rows` seconds of the benches' synthetic service, with 200 mappings.
private func benchModel(go: Bool, rows: Int) -> DashboardModel {
    let h = syntheticHistory(rows: rows, go: go)
    var m = DashboardModel(pid: 4242, name: "bench", commandLine: "bench", interval: 1, history: h, now: 1_796_400_000 + Double(rows), glyphs: .unicode)
    m.mappings = (0..<200).map { MappingGroup(name: "/usr/lib/lib\($0).so", rss: UInt64($0) << 16, swap: 0, count: 3, change: nil, isNew: false) }
    if go {
        var g = GoModel(endpoint: "http://127.0.0.1:6060")
        g.heapDiff = (0..<100).map { GoHeapSiteChange(site: GoSite(function: "main.f\($0)", location: "main.go:\($0)"), bytes: Double($0) * 4096, bytesChange: Double($0) * 1024, objectsChange: 1) }
        m.go = g
    }
    return m
}
