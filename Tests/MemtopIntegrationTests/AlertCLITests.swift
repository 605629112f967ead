import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// Growth alerts on real children, headless, as a CI leak gate would run them.
@Suite struct AlertCLITests {
    private func rows(_ path: String) -> [[String]] { SessionFile(path: path).rows }

    @Test func leakOf2MiBPerSecondIsCaughtWithin30Seconds() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/leak.csv"
        let r = try MemtopBinary.run(["--no-ui", "--fail-on-alert", "--duration", "30s", "--csv", csv,
                                      "--", MemtopBinary.path, "__workload", "leak", "2"])
        #expect(r.status == 1, "stdout: \(r.stdout) stderr: \(r.stderr)")
        #expect(r.stderr.contains("ALERT rss has been growing at +"), "\(r.stderr)")
        let event = SessionFile.column("event")
        let fired = rows(csv).first { $0[event].contains("alert:rss") }
        let elapsed = try #require(fired.flatMap { Double($0[1]) }, "no alert:rss event in the CSV")
        #expect(elapsed <= 30)
        #expect(r.stdout.contains("growth alert"))
    }

    @Test func churningAllocatorRaisesNoAlert() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let csv = dir.path + "/churn.csv"
        let r = try MemtopBinary.run(["--no-ui", "--fail-on-alert", "--duration", "90s", "--csv", csv,
                                      "--", MemtopBinary.path, "__workload", "churn", "20"])
        #expect(r.status == 0, "stdout: \(r.stdout) stderr: \(r.stderr)")
        #expect(!r.stderr.contains("ALERT"))
        #expect(r.stdout.contains("no growth alerts"))
        let event = SessionFile.column("event")
        #expect(rows(csv).allSatisfy { !$0[event].contains("alert:") })
        #expect(rows(csv).count >= 85)
    }

    @Test func badAlertRateIsAUsageError() throws {
        let r = try MemtopBinary.run(["--pid", "1", "--no-ui", "--alert-rate", "fast"])
        #expect(r.status == 2 && r.stderr.contains("--alert-rate 'fast'"))
    }
}
