import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// `--go` against a real Go program (`Tests/Fixtures/src/go-leak.go`) that grows a map and leaks
/// goroutines on request, with its own counts to compare against.
@Suite(.enabled(if: GoLeakProgram.goAvailable, "go is not installed: install Debian's golang-go to run the Go runtime tests"))
struct GoRuntimeTests {
    /// Waits until `path` holds a data row whose `column` is filled.
    private func waitForFilledCell(_ path: String, column: String, timeout: Double = 30) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            let f = SessionFile(path: path)
            if let c = f.column(column), f.rows.contains(where: { $0.count > c && !$0[c].isEmpty }) { return true }
            usleep(100_000)
        }
        return false
    }

    private func filled(_ f: SessionFile, _ name: String) -> [UInt64] {
        guard let c = f.column(name) else { return [] }
        return f.rows.compactMap { $0.count > c ? UInt64($0[c]) : nil }
    }

    @Test func heapAllocAndGoroutinesRiseAsTheProgramCounts() throws {
        let program = try GoLeakProgram()
        defer { program.stop() }
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/go.csv"
        let memtop = try MemtopBinary.start([
            "--pid", "\(program.pid)", "--go", program.url, "--no-ui", "--interval", "500ms", "--duration", "12s", "--csv", csv,
        ])
        defer { memtop.killIfRunning() }
        #expect(waitForFilledCell(csv, column: "go_heap_alloc_bytes"), "no Go reading in the CSV: \(memtop.stderr)")
        let grown = try program.grow(mib: 48)
        let leaked = try program.leak(goroutines: 200)
        #expect(grown == 48 << 20 && leaked == 200)
        let r = memtop.finish()
        #expect(r.status == 0, "stderr: \(r.stderr)")

        let f = SessionFile(path: csv)
        #expect(f.header + "\n" == SessionCSV.header(go: true))
        #expect(f.rows.allSatisfy { $0.count == SessionCSV.columns(go: true).count })
        let heap = filled(f, "go_heap_alloc_bytes")
        let goroutines = filled(f, "go_goroutines")
        let heapRise = Double(try #require(heap.last)) - Double(try #require(heap.first))
        #expect(abs(heapRise - Double(grown)) / Double(grown) < 0.10, "HeapAlloc rose \(heapRise) for \(grown) leaked")
        let goroutineRise = Int(try #require(goroutines.last)) - Int(try #require(goroutines.first))
        #expect(goroutineRise >= 200 && goroutineRise <= 210, "goroutines rose \(goroutineRise) for 200 leaked")
        #expect(filled(f, "go_num_gc").last ?? 0 > filled(f, "go_num_gc").first ?? 0, "no GC counted during a 48 MiB growth")
        // The heap profile diff names the leaking function first.
        let growth = try #require(r.stdout.split(separator: "\n").first { $0.contains("Go heap growth since start") }, "stdout: \(r.stdout)")
        let sites = growth.components(separatedBy: "by allocation site: ").last ?? ""
        // `+13.9 MiB main.growMap (…/go-leak.go:69), …`: the function follows the size.
        #expect(sites.split(separator: " ").dropFirst(2).first == "main.growMap", "top site: \(growth)")
        #expect(r.stdout.contains("goroutines "), "summary: \(r.stdout)")
    }

    @Test func anEndpointThatIsDownIsReportedAndRecovers() throws {
        // Learn a free port from the program, then stop it so nothing answers there.
        let first = try GoLeakProgram()
        let port = first.port
        first.stop()
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/down.csv"
        let memtop = try MemtopBinary.start([
            "--pid", "\(getpid())", "--go", "http://127.0.0.1:\(port)", "--no-ui", "--interval", "500ms", "--duration", "8s", "--csv", csv,
        ])
        defer { memtop.killIfRunning() }
        // Rows without Go figures, then the program comes back on the same port.
        let deadline = Date().addingTimeInterval(10)
        while SessionFile(path: csv).rows.count < 3, Date() < deadline { usleep(100_000) }
        #expect(filled(SessionFile(path: csv), "go_heap_alloc_bytes").isEmpty)
        let second = try GoLeakProgram(port: port)
        defer { second.stop() }
        let r = memtop.finish()
        #expect(r.status == 0, "stderr: \(r.stderr)")
        #expect(r.stderr.contains("unreachable: connection refused"), "stderr: \(r.stderr)")
        #expect(r.stderr.contains("answering again"), "stderr: \(r.stderr)")
        let f = SessionFile(path: csv)
        let c = try #require(f.column("go_heap_alloc_bytes"))
        #expect(f.rows.first?[c].isEmpty == true, "a Go cell was filled while the endpoint was down")
        #expect(!filled(f, "go_heap_alloc_bytes").isEmpty, "no Go figures after the endpoint came back")
    }

    @Test func aURLThatIsNotAGoDebugEndpointIsAUsageError() throws {
        let program = try GoLeakProgram()
        defer { program.stop() }
        // The program's HTTP server answers 404 under another path: something answers, but not expvar or pprof.
        let r = try MemtopBinary.run(["--pid", "\(program.pid)", "--go", program.url + "/elsewhere", "--no-ui", "--duration", "1s"])
        #expect(r.status == 2)
        #expect(r.stderr.contains("not a Go debug endpoint") && r.stderr.contains("404"), "stderr: \(r.stderr)")
        #expect(r.stderr.split(separator: "\n").count == 1, "stderr: \(r.stderr)")
        let https = try MemtopBinary.run(["--pid", "\(program.pid)", "--go", "https://127.0.0.1:\(program.port)", "--no-ui"])
        #expect(https.status == 2 && https.stderr.contains("https is not supported"), "stderr: \(https.stderr)")
    }

    @Test(.enabled(if: TmuxSession.isAvailable, "tmux is not installed"))
    func dashboardShowsTheGoPanelsAndTheLeakingSite() throws {
        let program = try GoLeakProgram()
        defer { program.stop() }
        let t = try TmuxSession(command: "\(MemtopBinary.path) --pid \(program.pid) --go \(program.url) --interval 500ms", cols: 140, rows: 45)
        defer { t.kill() }
        let titles = ["Go heap", "Goroutines", "Heap diff"]
        var screen = try t.waitFor { s in
            s.contains { $0.contains("HeapAlloc ") } && titles.allSatisfy { title in s.contains { $0.contains("┌ \(title) ") } }
        }
        for title in titles {
            #expect(screen.contains { $0.contains("┌ \(title) ") }, "panel \(title) missing:\n\(screen.joined(separator: "\n"))")
        }
        try program.grow(mib: 64)
        try program.leak(goroutines: 50)
        // The heap profile is read every 10 s and shows the heap as of the last GC: allow for both.
        screen = try t.waitFor(timeout: 45) { s in
            guard let header = s.firstIndex(where: { $0.contains("Change▼") && $0.contains("Function") }), header + 1 < s.count else { return false }
            return s[header + 1].contains("main.growMap")
        }
        let header = try #require(screen.firstIndex { $0.contains("Change▼") && $0.contains("Function") })
        #expect(screen[header + 1].contains("main.growMap") && screen[header + 1].contains("+"), "heap diff:\n\(screen.joined(separator: "\n"))")
        #expect(screen.contains { $0.contains("Goroutines 5") }, "goroutine count not in the summary:\n\(screen.joined(separator: "\n"))")
        try t.send("q")
    }
}
