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
        let h = syntheticHistory(rows: rows, go: go)
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
