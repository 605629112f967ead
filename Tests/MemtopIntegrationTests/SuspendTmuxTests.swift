import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// Ctrl-Z and `fg` from a job-control shell, and a closed stdout in headless mode.
@Suite struct SuspendTmuxTests {
    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func ctrlZRestoresTheTerminalAndFgRedraws() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let t = try TmuxSession(command: "env PS1='$ ' bash --norc -i", cols: 100, rows: 30)
        defer { t.kill() }
        try t.send("\(MemtopBinary.path) --pid \(w.pid) --interval 250ms", "Enter")
        try t.waitFor { s in s.contains { $0.contains("┌ Mappings ") } }
        try t.send("C-z")
        var screen = try t.waitFor { s in s.contains { $0.contains("Stopped") } }
        #expect(screen.contains { $0.contains("Stopped") }, "\(screen.joined(separator: "\n"))")
        // While memtop is stopped the shell has a normal terminal.
        try t.send("stty -a | tr ' ' '\\n' | grep -x -e icanon -e echo | tr '\\n' ' '; echo MODES", "Enter")
        // The output line, not the command line echoed above it (which holds `grep`).
        screen = try t.waitFor { s in s.contains { $0.hasSuffix("MODES") && !$0.contains("grep") } }
        #expect(screen.contains { $0.contains("icanon echo MODES") }, "\(screen.joined(separator: "\n"))")
        try t.send("clear; fg", "Enter")
        screen = try t.waitFor { s in s.first?.contains("pid \(w.pid)") == true && s.contains { $0.contains("┌ Mappings ") } }
        #expect(screen.first?.contains("pid \(w.pid)") == true, "no redraw after fg:\n\(screen.joined(separator: "\n"))")
        try t.send("q")
        screen = try t.waitFor { s in s.last(where: { !$0.isEmpty })?.hasPrefix("$") == true }
        #expect(screen.last(where: { !$0.isEmpty })?.hasPrefix("$") == true)
    }

    @Test func headlessWithStdoutClosedStillEndsCleanly() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        // The summary line goes to a closed stdout: an error memtop ignores, not a death by SIGPIPE.
        let r = try MemtopBinary.shell("\(MemtopBinary.path) --pid \(w.pid) --no-ui --duration 1s --interval 250ms >&-; echo EXIT=$?")
        #expect(r.stdout.contains("EXIT=0"), "\(r.stdout)")
    }

    @Test func aStoppedTargetIsReportedStoppedAndRunningAgain() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let memtop = try MemtopBinary.start(["--pid", "\(w.pid)", "--no-ui", "--duration", "4s", "--interval", "250ms"])
        usleep(1_000_000)
        kill(w.pid, SIGSTOP)
        usleep(1_500_000)
        kill(w.pid, SIGCONT)
        let r = memtop.finish()
        #expect(r.status == 0)
        #expect(r.stderr.contains("pid \(w.pid) is stopped") && r.stderr.contains("pid \(w.pid) runs again"), "\(r.stderr)")
    }
}
