import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// `memtop --no-ui` as a user runs it, against real processes.
@Suite struct HeadlessCLITests {
    private func readCSV(_ path: String) -> (header: String, rows: [[String]], endsWithNewline: Bool) {
        let f = SessionFile(path: path)
        return (f.header, f.rows, f.endsWithNewline)
    }

    private func column(_ name: String) -> Int { SessionFile.column(name) }

    @Test func recordsFiveSecondsAtHalfSecondIntervals() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        // Mostly private memory: PSS of the shared libraries moves as other tests' processes come and go.
        try w.allocate(mib: 128)
        try w.startThreads(3)
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/out.csv"
        let pssBefore = Double(Kernel.rollup(w.pid, "Pss")!)
        let r = try MemtopBinary.run(["--pid", "\(w.pid)", "--no-ui", "--duration", "5s", "--interval", "500ms", "--csv", csv])
        #expect(r.status == 0, "stderr: \(r.stderr)")
        let (header, rows, endsWithNewline) = readCSV(csv)
        #expect(header + "\n" == SessionCSV.header())
        #expect(rows.count >= 9, "only \(rows.count) rows")
        #expect(endsWithNewline)
        #expect(rows.allSatisfy { $0.count == SessionCSV.columns.count })
        let kernelRSS = Double(Kernel.status(w.pid, "VmRSS")!)
        let pssAfter = Double(Kernel.rollup(w.pid, "Pss")!)
        let pssRange = (min(pssBefore, pssAfter) * 0.98)...(max(pssBefore, pssAfter) * 1.02)
        let kernelThreads = Kernel.taskCount(w.pid)
        // Under a sanitizer memtop's own reads cost several times more, and its 1% budget for
        // smaps_rollup may skip some ticks: those PSS cells are rightly empty. A plain build reads it every tick.
        #expect(rows.contains { !$0[column("pss_bytes")].isEmpty })
        for row in rows {
            let rss = Double(row[column("rss_bytes")]) ?? -1
            #expect(abs(rss - kernelRSS) / kernelRSS < 0.02, "rss \(rss) vs kernel \(kernelRSS)")
            if !(MemtopBinary.isSanitized && row[column("pss_bytes")].isEmpty) {
                let pss = Double(row[column("pss_bytes")]) ?? -1
                #expect(pssRange.contains(pss), "pss \(pss) vs kernel \(pssRange)")
            }
            #expect(Int(row[column("threads")]) == kernelThreads)
            #expect(row[column("pid")] == "\(w.pid)")
        }
        #expect(rows.first?[column("heap_bytes")].isEmpty == false)
        #expect(r.stdout.contains("pid \(w.pid) (memtop-serve): \(rows.count) samples"))
        #expect(r.stdout.contains("duration reached"))
    }

    @Test func badInputExitsWithOneClearLine() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let cases: [([String], Int32, String)] = [
            (["--pid", "999999", "--no-ui"], 3, "no such process"),
            (["--pid", "abc", "--no-ui"], 2, "'abc'"),
            (["--pid", "1", "--no-ui", "--interval", "0"], 2, "--interval 0"),
            (["--pid", "1", "--no-ui", "--interval", "50ms"], 2, "--interval 50ms"),
            (["--pid", "1", "--no-ui", "--bogus"], 2, "'--bogus'"),
            (["--pid", "1", "--no-ui", "--csv", dir.path + "/no/such/dir/x.csv"], 2, "directory does not exist"),
            (["--no-ui", "--", "/no/such/command-xyz"], 3, "cannot start"),
            (["--no-ui", "--name", "no-process-has-this-name-\(UUID().uuidString)"], 3, "no process matches"),
        ]
        for (args, status, fragment) in cases {
            let r = try MemtopBinary.run(args)
            #expect(r.status == status, "\(args): exit \(r.status)")
            #expect(r.stderr.hasPrefix("memtop: ") && r.stderr.contains(fragment), "\(args): \(r.stderr)")
            #expect(r.stderr.split(separator: "\n").count == 1, "\(args): \(r.stderr)")
            #expect(r.stdout.isEmpty)
        }
    }

    @Test func missingCSVDirectoryFailsBeforeTheCommandStarts() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let marker = dir.path + "/started"
        let r = try MemtopBinary.run(["--no-ui", "--csv", dir.path + "/none/x.csv", "--", "touch", marker])
        #expect(r.status == 2)
        #expect(!FileManager.default.fileExists(atPath: marker))
    }

    @Test func targetKilledMidSessionEndsCleanly() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/k.csv"
        let m = try MemtopBinary.start(["--pid", "\(w.pid)", "--no-ui", "--interval", "200ms", "--csv", csv])
        defer { m.killIfRunning() }
        #expect(waitFor { readCSV(csv).rows.count >= 3 })
        w.process.signal(SIGKILL)
        _ = w.process.finish()
        let r = m.finish()
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stdout.contains("target exited"))
        let rows = readCSV(csv).rows
        #expect(rows.last?[column("event")] == "exit")
        #expect(rows.last?[column("rss_bytes")] == "")
        #expect(rows.dropLast().allSatisfy { !$0[column("rss_bytes")].isEmpty && $0[column("event")].isEmpty })
    }

    @Test func commandOutputPassesThroughAndItsStatusIsReported() throws {
        let r = try MemtopBinary.run(["--no-ui", "--interval", "100ms", "--", "sh", "-c", "echo to-stdout; echo to-stderr >&2; sleep 0.5; exit 7"])
        #expect(r.status == 0)
        #expect(r.stdout.contains("to-stdout"))
        #expect(r.stderr.contains("to-stderr"))
        #expect(r.stdout.contains("target exited with status 7"), "\(r.stdout)")
    }

    @Test func commandKilledBySignalIsReported() throws {
        let r = try MemtopBinary.run(["--no-ui", "--interval", "100ms", "--", "sh", "-c", "sleep 0.3; kill -9 $$"])
        #expect(r.stdout.contains("target killed by SIGKILL"), "\(r.stdout)")
    }

    @Test func nameFindsExactlyOneProcessOrListsTheCandidates() throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let one = try MemtopBinary.run(["--name", w.tag, "--no-ui", "--duration", "200ms", "--interval", "100ms"])
        #expect(one.status == 0, "\(one.stderr)")
        #expect(one.stdout.contains("pid \(w.pid) "))

        let twin = try ServeWorkload(tag: w.tag)
        defer { twin.stop() }
        let many = try MemtopBinary.run(["--name", w.tag, "--no-ui"])
        #expect(many.status == 2)
        #expect(many.stderr.contains("matches 2 processes"))
        #expect(many.stderr.contains(" \(w.pid) ") && many.stderr.contains(" \(twin.pid) "))
        #expect(many.stderr.contains("memtop-serve"))
    }

    @Test(arguments: [SIGTERM, SIGINT, SIGHUP])
    func signalsStopCleanlyWithTheCSVComplete(_ sig: Int32) throws {
        let w = try ServeWorkload()
        defer { w.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/s.csv"
        let m = try MemtopBinary.start(["--pid", "\(w.pid)", "--no-ui", "--interval", "100ms", "--csv", csv])
        defer { m.killIfRunning() }
        #expect(waitFor { readCSV(csv).rows.count >= 3 })
        m.signal(sig)
        let r = m.finish()
        #expect(r.status == 0)
        let (_, rows, endsWithNewline) = readCSV(csv)
        #expect(endsWithNewline)
        #expect(r.stdout.contains("\(rows.count) samples") && r.stdout.contains("\(rows.count) rows"), "\(r.stdout)")
        #expect(r.stdout.contains(["SIGTERM": "terminated", "SIGINT": "interrupted", "SIGHUP": "hung up"][signalName(sig)]!))
        #expect(Kernel.status(w.pid, "VmRSS") != nil, "memtop must not harm a process it only watches")
    }

    @Test func unreadableSmapsIsReportedOnceAndLeftEmpty() throws {
        guard getuid() == 0, FileManager.default.isExecutableFile(atPath: "/usr/sbin/runuser") else {
            return  // needs root to run memtop as another user
        }
        let w = try ServeWorkload()
        defer { w.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        chmod(dir.path, 0o777)
        let csv = dir.path + "/p.csv"
        let p = try RunningProcess(executable: "/usr/sbin/runuser", arguments: ["-u", "nobody", "--", MemtopBinary.path,
            "--pid", "\(w.pid)", "--no-ui", "--duration", "300ms", "--interval", "100ms", "--csv", csv])
        let r = p.finish()
        guard !r.stderr.contains("cannot execute"), r.status == 0 else { return }  // build tree not readable by nobody
        #expect(r.stderr.split(separator: "\n").count == 1)
        #expect(r.stderr.contains("permission denied") && r.stderr.contains("CAP_SYS_PTRACE"))
        let rows = readCSV(csv).rows
        #expect(rows.count >= 3)
        #expect(rows.allSatisfy { $0[column("pss_bytes")].isEmpty && $0[column("heap_bytes")].isEmpty && !$0[column("rss_bytes")].isEmpty })
    }

    private func signalName(_ s: Int32) -> String { [SIGTERM: "SIGTERM", SIGINT: "SIGINT", SIGHUP: "SIGHUP"][s]! }

    /// Polls `condition` for up to 30 s (generous: the suite runs on a loaded 2-core machine).
    private func waitFor(_ condition: () -> Bool) -> Bool {
        for _ in 0..<3000 {
            if condition() { return true }
            usleep(10_000)
        }
        return false
    }
}
