import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// Targets that are not a plain running process.
@Suite struct OddTargetsTests {
    @Test func memtopCanWatchItself() throws {
        let dir = TempDir()
        defer { dir.remove() }
        // `exec` gives memtop the shell's pid, the one named on its command line.
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", "exec \(MemtopBinary.path) --pid $$ --no-ui --duration 2s --interval 250ms --csv \(dir.path)/self.csv"]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        p.waitUntilExit()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(p.terminationStatus == 0)
        #expect(text.contains("pid \(p.processIdentifier) (memtop)"), "\(text)")
        let rows = SessionFile(path: dir.path + "/self.csv").rows
        #expect(rows.count >= 8 && rows.allSatisfy { !$0[SessionFile.column("rss_bytes")].isEmpty })
    }
}
