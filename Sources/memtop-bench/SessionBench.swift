import Foundation
import MemtopCore
import MemtopTestSupport
import MemtopUI

/// `memtop-bench session`: a 24-hour session at 1 s (86,400 rows) exported, read back for replay,
/// drawn, and turned into a report; each step's time and its ratio to reading the file's bytes.
let sessionBench = BenchCommand(name: "session", summary: "a 24 h session: export, load for replay, alerts, first frame, HTML report") { _ in
    let rows = 86_400
    let history = syntheticHistory(rows: rows, go: true)
    let dir = NSTemporaryDirectory() + "memtop-bench-\(getpid())"
    try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: dir) }

    var path = ""
    let export = median { path = (try? SessionExport.write(history, directory: dir, fileName: "day.csv")) ?? "" }
    var bytes: [UInt8] = []
    let read = median { bytes = (try? LiveFileSource().read(path)) ?? [] }
    var loaded: SampleHistory?
    let parse = median { loaded = try? SessionCSVReader.read(bytes).history }
    guard let loaded, loaded.count == rows else {
        FileHandle.standardError.write(Data("session bench: the exported file did not read back\n".utf8))
        return 1
    }
    let alerts = median {
        var engine = AlertEngine(rate: Options.defaultAlertRate, limit: nil)
        for i in 0..<loaded.count { _ = engine.feed(loaded[i]) }
    }
    let frame = median {
        var model = DashboardModel(pid: loaded.pid, name: "day.csv", commandLine: path, interval: 1, history: loaded,
                                   now: loaded.time(at: rows - 1), glyphs: .unicode)
        model.go = GoModel(endpoint: "recorded")
        _ = Dashboard.render(model, state: AppState(interval: 1), width: 200, height: 60)
    }
    var html = ""
    let report = median { html = SessionReport.html(loaded, title: "day", source: path, generatedAt: 0) }

    print("24 h session at 1 s: \(rows) rows with Go columns, \(bytes.count / 1024) KiB of CSV, history \(history.approximateBytes / 1024) KiB in memory")
    print("step                         ms    × read")
    func line(_ name: String, _ ms: Double) {
        print(name.padding(toLength: 24, withPad: " ", startingAt: 0) + String(format: "%8.1f  %8.1f", ms, ms / read))
    }
    line("read the file", read)
    line("parse (replay load)", parse)
    line("recompute alerts", alerts)
    line("first replay frame", frame)
    line("HTML report", report)
    line("export (e)", export)
    print("report: \(html.utf8.count / 1024) KiB; replay ready (read + parse + alerts + frame) in \(String(format: "%.0f", read + parse + alerts + frame)) ms")
    return 0
}

/// Median of three runs, in milliseconds.
private func median(_ body: () -> Void) -> Double {
    medianOf((0..<3).map { _ in seconds(body) }) * 1000
}
