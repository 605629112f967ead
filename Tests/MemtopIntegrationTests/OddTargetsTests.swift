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
        let r = try MemtopBinary.shell("exec \(MemtopBinary.path) --pid $$ --no-ui --duration 2s --interval 250ms --csv \(dir.path)/self.csv")
        #expect(r.status == 0)
        #expect(r.stdout.contains("pid \(r.pid) (memtop)"), "\(r.stdout)")
        let rows = SessionFile(path: dir.path + "/self.csv").rows
        #expect(rows.count >= 8 && rows.allSatisfy { !$0[SessionFile.column("rss_bytes")].isEmpty })
    }
}
