import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// Export with `e`, replay of a recorded file, and the round trip between them, in a real terminal.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct SessionTmuxTests {
    private func text(_ screen: [String]) -> String { screen.joined(separator: "\n") }

    /// `exported N samples to PATH` from the status line.
    private func exported(_ screen: [String]) -> (count: Int, path: String)? {
        guard let line = screen.last(where: { $0.contains("exported ") }),
              let r = line.range(of: "exported ") else { return nil }
        let words = line[r.upperBound...].split(separator: " ")
        guard words.count >= 4, let n = Int(words[0]) else { return nil }
        return (n, String(words[3]))
    }

    @Test func exportWritesEverySampleTaken() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        let t = try TmuxSession(command: "\(MemtopBinary.path) --pid \(w.pid) --interval 250ms --csv \(dir.path)/live.csv --export-dir \(dir.path)", cols: 140, rows: 40)
        defer { t.kill() }
        try t.waitFor { s in s.contains { $0.contains("┌ Mappings ") } }
        try w.allocate(mib: 16)
        usleep(1_500_000)
        try t.send("e")
        let screen = try t.waitFor { exported($0) != nil }
        let (count, path) = try #require(exported(screen), "no export message:\n\(text(screen))")
        #expect(path.hasPrefix(dir.path + "/memtop-\(w.pid)-") && path.hasSuffix(".csv"), "\(path)")
        let file = SessionFile(path: path)
        #expect(file.rows.count == count && count >= 6, "\(file.rows.count) rows, \(count) samples")
        #expect(file.header + "\n" == SessionCSV.header())
        // The same samples the streamed CSV has: every one since the start, not just the screen's.
        let live = SessionFile(path: dir.path + "/live.csv")
        #expect(Array(live.rows.prefix(count)) == file.rows)
        #expect(try t.isRunning())
        try t.send("q")
    }

    @Test func anExportThatCannotBeWrittenSaysSoAndTheSessionGoesOn() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        // /proc is a directory nobody can create files in, not even root.
        let t = try TmuxSession(command: "\(MemtopBinary.path) --pid \(w.pid) --interval 250ms --export-dir /proc", cols: 120, rows: 40)
        defer { t.kill() }
        try t.waitFor { s in s.contains { $0.contains("┌ Mappings ") } }
        try t.send("e")
        let screen = try t.waitFor { s in s.contains { $0.contains("export failed") } }
        #expect(screen.contains { $0.contains("export failed: cannot write /proc/memtop-") }, "\(text(screen))")
        #expect(try t.isRunning())
        try t.send("q")
    }

    @Test func replayShowsTheRecordingAndExportsItUnchanged() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        let recorded = dir.path + "/rec.csv"
        let recorder = try MemtopBinary.start(["--pid", "\(w.pid)", "--no-ui", "--interval", "250ms", "--duration", "3s", "--csv", recorded])
        usleep(1_000_000)
        try w.allocate(mib: 32)
        try w.startThreads(2)
        #expect(recorder.finish().status == 0)

        let t = try TmuxSession(command: "\(MemtopBinary.path) --replay \(recorded) --export-dir \(dir.path)", cols: 140, rows: 40)
        defer { t.kill() }
        let titles = ["RSS", "Heap", "Threads", "Alerts", "Mappings"]
        // Each wait is for everything then checked: a capture can land while a frame is half written.
        var screen = try t.waitFor { s in
            s.first?.contains("REPLAY") == true && titles.allSatisfy { title in s.contains { $0.contains("┌ \(title) ") } }
        }
        #expect(screen[0].contains("rec.csv  pid \(w.pid)") && screen[0].contains("REPLAY "), "\(text(screen))")
        for title in titles {
            #expect(screen.contains { $0.contains("┌ \(title) ") }, "panel \(title) missing:\n\(text(screen))")
        }
        // Panning back moves the cursor time in the header.
        let before = screen[0]
        try t.send("Left", "Left")
        screen = try t.waitFor { $0.first != before && $0.last?.contains("PANNED") == true }
        #expect(screen.last?.contains("PANNED") == true, "\(text(screen))")
        try t.send("e")
        screen = try t.waitFor { exported($0) != nil }
        let (count, path) = try #require(exported(screen), "no export message:\n\(text(screen))")
        let original = Fixtures.bytesAt(recorded)
        #expect(count == SessionFile(path: recorded).rows.count)
        #expect(Fixtures.bytesAt(path) == original, "the replay's export differs from the recording")
        try t.send("q")
    }

    @Test func aMalformedReplayFileNamesTheLineAndColumn() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let file = dir.path + "/bad.csv"
        let good = "2026-12-04T19:39:47.123Z,0.000,42,1048576,,,,,,,,,,,,3,,,\n"
        try (SessionCSV.header() + good + good.replacingOccurrences(of: ",3,", with: ",x,") + good).write(toFile: file, atomically: true, encoding: .utf8)
        let r = try MemtopBinary.run(["--replay", file])
        #expect(r.status == 2)
        #expect(r.stderr == "memtop: --replay \(file): line 3, column 16: threads: 'x' is not a whole number\n", "\(r.stderr)")
        let missing = try MemtopBinary.run(["--replay", dir.path + "/none.csv"])
        #expect(missing.status == 2 && missing.stderr.contains("no such file"))
    }
}
