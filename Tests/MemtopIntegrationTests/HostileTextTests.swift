import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// Text the target chose (its name, mapping paths, command line) reaches the screen inert.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct HostileTextTests {
    @Test func escapeSequencesInNamesPathsAndCommandLinesAreDrawnInert() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let long = String(repeating: "A", count: 100_000)
        let target = try MemtopBinary.start(["__workload", "hostile", dir.path, long])
        defer { target.killIfRunning() }
        #expect(target.waitForLines("ready", count: 1), "stderr: \(target.stderr)")

        let t = try TmuxSession(command: "\(MemtopBinary.path) --pid \(target.pid) --interval 250ms", cols: 120, rows: 40)
        defer { t.kill() }
        // Everything checked below, whole: a capture can land while a frame is half written.
        var screen = try t.waitFor { s in
            s.first?.contains("pid \(target.pid)  ?[2J?]0;x?") == true && s.contains { $0.contains("evil\\012name?[31mred?]0;y?.bin") }
        }
        let text = screen.joined(separator: "\n")
        // The name would clear the screen and set the title; the path would colour and retitle.
        #expect(screen[0].contains("pid \(target.pid)  ?[2J?]0;x?"), "\(screen[0])")
        #expect(screen.contains { $0.contains("evil\\012name?[31mred?]0;y?.bin") }, "\(text)")
        let title = try t.paneTitle()
        #expect(title != "x" && title != "y", "the target set the terminal title to \(title)")
        let raw = try t.capture(escapes: true).joined(separator: "\n")
        #expect(!raw.contains("\u{1b}[2J") && !raw.contains("\u{1b}]") && !raw.contains("\u{7}"))
        #expect(screen.count == 40 && screen.allSatisfy { $0.count <= 120 })

        // The zoomed summary shows the 100 KB command line, cut to fit.
        try t.send("1", "Enter")
        screen = try t.waitFor { s in s.contains { $0.contains("__workload hostile") } }
        #expect(screen.contains { $0.contains("__workload hostile") }, "\(screen.joined(separator: "\n"))")
        #expect(screen.allSatisfy { $0.count <= 120 })
        #expect(try t.isRunning())
        try t.send("q")
    }
}
