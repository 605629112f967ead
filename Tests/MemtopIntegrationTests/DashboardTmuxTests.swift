import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// The dashboard in a real terminal (tmux) against a real child process.
@Suite(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
struct DashboardTmuxTests {
    /// Runs memtop in tmux; after it exits the pane prints its exit status and the tty modes.
    /// `shellSetup` runs first in the wrapper shell (e.g. to make it survive Ctrl-C, which the terminal
    /// sends to the whole foreground group).
    private func start(_ args: String, cols: Int = 120, rows: Int = 40, shellSetup: String = "") throws -> TmuxSession {
        try TmuxSession(command: "sh -c '\(shellSetup)\(MemtopBinary.path) \(args); echo MEMTOP_EXIT=$?; stty -a | tr \"\\n\" \" \"; echo; sleep 120'", cols: cols, rows: rows)
    }

    private func joined(_ screen: [String]) -> String { screen.joined(separator: "\n") }

    @Test func panelsKeysAndExit() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        try w.allocate(mib: 48)
        let t = try start("--pid \(w.pid) --interval 250ms")
        defer { t.kill() }

        var screen = try t.waitFor { s in
            ["RSS", "Heap", "Threads", "Alerts", "Mappings"].allSatisfy { title in s.contains { $0.contains("┌ \(title) ") } }
                && s.count > 1 && rssOnScreen(s[1]) != nil
        }
        for title in ["RSS", "Heap", "Threads", "Alerts", "Mappings"] {
            #expect(screen.contains { $0.contains("┌ \(title) ") }, "panel \(title) missing:\n\(joined(screen))")
        }
        #expect(screen[0].contains("pid \(w.pid)") && screen[0].contains("memtop-serve"))

        // The RSS figure in the header against the kernel's own.
        let kernel = Double(Kernel.status(w.pid, "VmRSS")!)
        let shown = try #require(rssOnScreen(screen[1]), "no RSS figure in: \(screen[1])")
        #expect(abs(shown - kernel) / kernel < 0.02, "screen \(shown) vs kernel \(kernel)")

        // Tab moves focus to Heap; Enter zooms it to the full width, and back.
        try t.send("Tab", "Enter")
        // Each wait is for everything then checked: a capture can land while a frame is half written.
        screen = try t.waitFor { s in s.contains { $0.hasPrefix("┌ Heap ") && $0.hasSuffix("┐") } && !s.contains { $0.contains("┌ RSS ") } }
        #expect(screen.contains { $0.hasPrefix("┌ Heap ") && $0.hasSuffix("┐") }, "Heap not zoomed:\n\(joined(screen))")
        #expect(!screen.contains { $0.contains("┌ RSS ") })
        try t.send("Enter")
        screen = try t.waitFor { s in s.contains { $0.hasPrefix("┌ RSS ") } }
        #expect(screen.contains { $0.hasPrefix("┌ RSS ") })

        // A second Tab moves on to Threads: zooming now shows Threads.
        try t.send("Tab", "Enter")
        // Unzoomed, Threads' row also starts with its title and ends in a corner: RSS must be gone too.
        screen = try t.waitFor { s in s.contains { $0.hasPrefix("┌ Threads ") && $0.hasSuffix("┐") } && !s.contains { $0.contains("┌ RSS ") } }
        #expect(screen.contains { $0.hasPrefix("┌ Threads ") && $0.hasSuffix("┐") } && !screen.contains { $0.contains("┌ RSS ") },
                "Threads not zoomed:\n\(joined(screen))")
        try t.send("Enter")

        try t.send("?")
        screen = try t.waitFor { s in s.contains { $0.contains("┌ Help ") } && joined(s).contains("pan back / forward in time") }
        #expect(screen.contains { $0.contains("┌ Help ") } && joined(screen).contains("pan back / forward in time"))
        try t.send("x")
        screen = try t.waitFor { s in !s.contains { $0.contains("┌ Help ") } }
        #expect(!screen.contains { $0.contains("┌ Help ") })

        try t.send("q")
        screen = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        let text = joined(screen)
        #expect(text.contains("MEMTOP_EXIT=0"), "\(text)")
        // endwin restored cooked mode: canonical input and echo are back on.
        #expect(text.contains(" icanon ") && text.contains(" echo "), "\(text)")
        #expect(Kernel.status(w.pid, "VmRSS") != nil, "the watched process must survive memtop")
    }

    @Test func resizingRedrawsWithoutCrashOrGarbage() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let t = try start("--pid \(w.pid) --interval 250ms")
        defer { t.kill() }
        for (cols, rows) in [(120, 40), (60, 20), (200, 60), (40, 10), (120, 40)] {
            try t.resize(cols: cols, rows: rows)
            let screen = try t.waitFor { s in
                // A whole frame: a capture can land while ncurses is still writing one.
                s.count == rows && (cols < 50 || rows < 15 ? s.joined().contains("at least")
                    : s.first?.hasSuffix("┐") == true && s[0].count == cols && s[rows - 2].hasPrefix("└") && s[rows - 2].hasSuffix("┘")
                        && s.contains { $0.contains("┌ Mappings ") })
            }
            #expect(try t.isRunning(), "memtop died at \(cols)x\(rows)")
            #expect(screen.count == rows)
            #expect(screen.allSatisfy { $0.count <= cols })
            if cols >= 50 && rows >= 15 {
                #expect(screen[0].hasPrefix("┌ memtop") && screen[0].hasSuffix("┐"), "\(cols)x\(rows) top:\n\(joined(screen))")
                #expect(screen[rows - 2].hasPrefix("└") && screen[rows - 2].hasSuffix("┘"), "\(cols)x\(rows) bottom:\n\(joined(screen))")
                #expect(screen.contains { $0.contains("┌ RSS ") } && screen.contains { $0.contains("┌ Mappings ") })
                // Every row is a whole number of boxes: no stray glyphs from the previous size.
                for row in screen.dropLast() {
                    #expect(row.first == "┌" || row.first == "│" || row.first == "└", "\(cols)x\(rows): \(row)")
                }
            } else {
                #expect(joined(screen).contains("memtop needs a terminal of at least"))
            }
        }
        try t.send("q")
        let end = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        #expect(joined(end).contains("MEMTOP_EXIT=0"))
    }

    /// SIGHUP here is a `kill -HUP` while the terminal is still there (a closed terminal needs no restoring).
    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func signalsRestoreTheTerminal(_ sig: Int32) throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let t = try start("--pid \(w.pid)")
        defer { t.kill() }
        try t.waitFor { s in s.contains { $0.contains("┌ RSS ") } }
        // The memtop process is the child of the pane's sh; find it by its command line.
        let m = try #require(memtopPid(watching: w.pid))
        kill(m, sig)
        let screen = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        let text = joined(screen)
        #expect(text.contains("MEMTOP_EXIT=0") && text.contains(" icanon ") && text.contains(" echo "), "\(text)")
    }

    @Test func ctrlCRestoresTheTerminal() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let t = try start("--pid \(w.pid)", shellSetup: "trap \"\" INT; ")
        defer { t.kill() }
        try t.waitFor { s in s.contains { $0.contains("┌ RSS ") } }
        try t.send("C-c")
        let screen = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        let text = joined(screen)
        #expect(text.contains("MEMTOP_EXIT=0") && text.contains(" icanon ") && text.contains(" echo "), "\(text)")
    }

    @Test func targetExitKeepsTheSession() throws {
        let w = try ServeWorkload()
        let t = try start("--pid \(w.pid) --interval 250ms")
        defer { t.kill() }
        try t.waitFor { s in s.contains { $0.contains("┌ RSS ") } }
        w.stop()
        let screen = try t.waitFor { s in s[0].contains("EXITED") && joined(s).contains("target exited") }
        #expect(screen[0].contains("EXITED"), "\(joined(screen))")
        #expect(joined(screen).contains("target exited"))
        #expect(try t.isRunning(), "the dashboard must stay up after the target exits")
        try t.send("q")
        let end = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        #expect(joined(end).contains("MEMTOP_EXIT=0"))
    }

    @Test func startedCommandExitKeepsTheSessionAndQStillQuits() throws {
        let t = try start("--interval 250ms -- sh -c \"sleep 1; exit 4\"")
        defer { t.kill() }
        let screen = try t.waitFor { s in s[0].contains("EXITED") && joined(s).contains("exited with status 4") }
        #expect(screen[0].contains("EXITED") && joined(screen).contains("exited with status 4"), "\(joined(screen))")
        try t.send("q")
        let end = try t.waitFor { s in s.contains { $0.contains("MEMTOP_EXIT=") } && s.contains { $0.contains("icanon") } }
        #expect(joined(end).contains("MEMTOP_EXIT=0"), "\(joined(end))")
    }

    /// The RSS figure from the header's first line, in bytes.
    private func rssOnScreen(_ line: String) -> Double? {
        let words = line.split(separator: " ").map(String.init)
        guard let i = words.firstIndex(of: "RSS"), i + 2 < words.count, let v = Double(words[i + 1]) else { return nil }
        let units = ["B": 1.0, "KiB": 1024, "MiB": 1048576, "GiB": 1073741824]
        guard let u = units[words[i + 2]] else { return nil }
        return v * u
    }

    private func memtopPid(watching pid: Int32) -> Int32? {
        // Whole words: `--pid 4512` must not match a memtop watching 45123.
        ProcessTable.scan().first { p in
            let words = p.commandLine.split(separator: " ")
            return words.first.map(String.init) == MemtopBinary.path && zip(words, words.dropFirst()).contains { $0 == "--pid" && $1 == "\(pid)" }
        }?.pid
    }
}
