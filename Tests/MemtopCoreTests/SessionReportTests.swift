import MemtopCore
import Testing

#if canImport(Glibc)
import Glibc
#endif

@Suite struct SessionReportTests {
    static let mib: UInt64 = 1_048_576
    static let start = 1_796_413_187.0

    /// A session at 1 s: `rss(i)` gives RSS at second `i` (nil: not measured); the rest follow from it.
    static func history(seconds n: Int, go: Bool = false, rss: (Int) -> UInt64?) -> SampleHistory {
        var h = SampleHistory(pid: 42, go: go)
        for i in 0..<n {
            var s = Sample(time: start + Double(i), elapsed: Double(i), pid: 42)
            s.rss = rss(i)
            s.pss = s.rss.map { $0 - $0 / 8 }
            s.uss = s.rss.map { $0 - $0 / 4 }
            s.anon = s.rss.map { $0 - 20 * mib }
            s.file = s.rss == nil ? nil : 18 * mib
            s.shmem = s.rss == nil ? nil : 2 * mib
            s.heap = s.anon
            s.threads = s.rss == nil ? nil : 8
            if go, let r = s.rss {
                s.goHeapAlloc = r / 2
                s.goHeapInuse = r / 2 + mib
                s.goroutines = 12
            }
            h.append(s)
        }
        return h
    }

    static func report(_ h: SampleHistory, title: String = "leaky-server", limit: UInt64? = nil) -> String {
        SessionReport.html(h, title: title, source: "/tmp/session.csv", generatedAt: start + 86_400, limit: limit)
    }

    static func occurrences(of needle: String, in text: String) -> Int {
        text.components(separatedBy: needle).count - 1
    }

    /// The point lists of every polyline drawing `series` (as in `data-series`).
    static func polylines(_ html: String, series: String) -> [[(x: Double, y: Double)]] {
        html.components(separatedBy: "<polyline ").dropFirst().compactMap { tag in
            guard tag.contains("data-series=\"\(series)\""),
                  let open = tag.range(of: "points=\""),
                  let close = tag[open.upperBound...].firstIndex(of: "\"") else { return nil }
            return tag[open.upperBound..<close].split(separator: " ").map { pair in
                let xy = pair.split(separator: ",")
                return (Double(xy[0]) ?? .nan, Double(xy[1]) ?? .nan)
            }
        }
    }

    /// A steady 100 MiB with a few wiggles.
    static func steady(_ i: Int) -> UInt64? { 100 * mib + UInt64(i % 7) * 4096 }

    @Test func isOneSelfContainedDocument() {
        let html = Self.report(Self.history(seconds: 600, go: true, rss: Self.steady))
        #expect(html.hasPrefix("<!DOCTYPE html>"))
        #expect(html.hasSuffix("</html>\n"))
        #expect(!html.lowercased().contains("<script"))
        #expect(!html.contains("http://"))
        #expect(!html.contains("https://"))
        #expect(!html.contains("url("))
        #expect(!html.contains("@import"))
        #expect(html.contains("@media print"))
    }

    @Test func escapesEverythingFromOutside() {
        #expect(SessionReport.escape("a&b<c>\"d'e") == "a&amp;b&lt;c&gt;&quot;d&#39;e")
        #expect(SessionReport.escape("bell\u{07}esc\u{1B}[2J") == "bell?esc?[2J")
        let hostile = "<img src=x onerror=alert(1)> \"quote\" 'single'"
        var h = Self.history(seconds: 30, rss: Self.steady)
        h.addEventToLast(.baseline)
        let html = SessionReport.html(h, title: hostile, source: "/tmp/<b>'x'.csv", generatedAt: 0)
        #expect(!html.contains("<img"))
        #expect(!html.contains("<b>"))
        #expect(html.contains("&lt;img src=x onerror=alert(1)&gt; &quot;quote&quot; &#39;single&#39;"))
        #expect(html.contains("/tmp/&lt;b&gt;&#39;x&#39;.csv"))
    }

    @Test func oneSVGPerChart() {
        let plain = Self.report(Self.history(seconds: 120, rss: Self.steady))
        let go = Self.report(Self.history(seconds: 120, go: true, rss: Self.steady))
        // RSS, heap, threads and the alert timeline; Go adds its heap and goroutines.
        #expect(Self.occurrences(of: "<svg", in: plain) == 4)
        #expect(Self.occurrences(of: "<svg", in: go) == 6)
        #expect(Self.polylines(plain, series: "goHeapAlloc").isEmpty)
        #expect(Self.polylines(go, series: "goHeapAlloc").count == 1)
        #expect(Self.polylines(go, series: "goroutines").count == 1)
    }

    @Test func recomputesTheAlertOfALeakAndListsRecordedEvents() {
        // Flat for two minutes, then 2 MiB/s for ten.
        var h = Self.history(seconds: 720, rss: { i in 100 * Self.mib + UInt64(max(0, i - 120)) * 2 * Self.mib })
        h.addEventToLast(.exit)
        let html = Self.report(h, limit: 4096 * Self.mib)
        #expect(html.contains("<tr data-alert=\"rss\">"))
        #expect(html.contains("MiB/s") || html.contains("MiB/min"))
        #expect(html.contains("class=\"band warning\"") || html.contains("class=\"band critical\""))
        #expect(html.contains("<code>exit</code>"))
        #expect(html.contains("RSS reaches the limit"))
        // Nothing leaks in a steady session.
        #expect(!Self.report(Self.history(seconds: 720, rss: Self.steady)).contains("data-alert="))
    }

    @Test func recordedAlertsAreDrawnEvenWhenTheReplayDisagrees() {
        var h = SampleHistory(pid: 7)
        for i in 0..<100 {
            var s = Sample(time: Self.start + Double(i), elapsed: Double(i), pid: 7)
            s.rss = 50 * Self.mib
            if i == 10 { s.events = [.alert(.threads)] }
            if i == 40 { s.events = [.clear(.threads), .baseline] }
            h.append(s)
        }
        let html = Self.report(h)
        #expect(html.contains("<code>alert:threads</code>"))
        #expect(html.contains("<code>clear:threads</code>"))
        #expect(html.contains("<code>baseline</code>"))
        #expect(Self.occurrences(of: "<title>recorded threads alert from 0:00:10 to 0:00:40</title>", in: html) == 1)
    }

    @Test func aGapBreaksTheLineInsteadOfDrawingZero() {
        let h = Self.history(seconds: 300, rss: { i in (100..<150).contains(i) ? nil : 100 * Self.mib })
        let lines = Self.polylines(Self.report(h), series: "rss")
        #expect(lines.count == 2)
        // Constant RSS: every point on one height, none dropped to where 0 would be.
        #expect(Set(lines.flatMap { $0.map(\.y) }).count == 1)
        // The two pieces do not meet across the gap.
        if lines.count == 2, let endOfFirst = lines[0].last, let startOfSecond = lines[1].first {
            #expect(startOfSecond.x - endOfFirst.x > 100)
        }
    }

    @Test func fieldsReadEveryFewTicksStillMakeALine() {
        // smaps (heap) is read only every few ticks on a big process; that is a cadence, not a gap.
        var h = SampleHistory(pid: 1)
        for i in 0..<300 {
            var s = Sample(time: Double(i), elapsed: Double(i), pid: 1)
            s.rss = 64 * Self.mib
            if i % 5 == 0 { s.heap = 32 * Self.mib + UInt64(i) * 4096 }
            h.append(s)
        }
        #expect(Self.polylines(Self.report(h), series: "heap").count == 1)
    }

    @Test func summaryShowsThePeakAndBinaryAxisLabels() {
        let h = Self.history(seconds: 600, rss: { i in i == 300 ? 900 * Self.mib : 300 * Self.mib })
        let html = Self.report(h)
        #expect(html.contains(">\(Units.bytes(900 * Self.mib))<"))
        #expect(html.contains(">512 MiB<"))
        #expect(html.contains(">\(Timestamp.iso8601(Self.start))<"))
        // The spike is a single sample: downsampling must keep it.
        let ys = Self.polylines(html, series: "rss").flatMap { $0.map(\.y) }
        #expect(Set(ys).count == 2)
    }

    @Test func emptyAndSingleSampleHistories() {
        let empty = Self.report(SampleHistory(pid: 3))
        #expect(empty.hasPrefix("<!DOCTYPE html>"))
        #expect(empty.contains("no samples"))
        #expect(empty.hasSuffix("</html>\n"))

        var one = SampleHistory(pid: 3, go: true)
        var s = Sample(time: Self.start, elapsed: 0, pid: 3)
        s.rss = 10 * Self.mib
        one.append(s)
        let html = Self.report(one, limit: Self.mib * 1024)
        #expect(html.hasSuffix("</html>\n"))
        #expect(html.contains("a single sample"))
        #expect(Self.occurrences(of: "<svg", in: html) == 6)
        #expect(html.contains("Not measured in this session"))
    }

    @Test func aDayOfSamplesIsDownsampledKeepingPeaks() {
        // Only fields the alert engine does not trend are measured: replaying a day through the engine
        // takes it seconds per metric, which would test the engine rather than the drawing.
        var h = SampleHistory(pid: 9, go: true)
        for i in 0..<86_400 {
            var s = Sample(time: Self.start + Double(i), elapsed: Double(i), pid: 9)
            // A GC-like sawtooth on a slow rise, and one spike that must survive.
            s.anon = i == 50_000 ? 3_000 * Self.mib : 200 * Self.mib + UInt64(i) * 1024 + UInt64(i % 60) * Self.mib
            s.file = 30 * Self.mib + UInt64(i % 17) * 4096
            s.shmem = Self.mib
            s.pss = s.anon
            s.goHeapInuse = s.anon.map { $0 / 2 }
            h.append(s)
        }
        let html = Self.report(h)
        for series in ["anon", "file", "shmem", "goHeapInuse"] {
            let lines = Self.polylines(html, series: series)
            #expect(lines.count == 1)
            for line in lines { #expect(line.count <= 1_000) }
        }
        let ys = Self.polylines(html, series: "anon").flatMap { $0.map(\.y) }
        // The spike is the one highest point (smallest y).
        #expect(ys.filter { $0 == ys.min() }.count == 1)
        #expect(html.contains(">\(Units.bytes(3_000 * Self.mib))<"))
        #expect(html.contains(">23h59m<"))
    }

    /// Writes a realistic report to look at (e.g. with Screenshots/report.sh) when MEMTOP_REPORT_DEMO names a file.
    @Test func demoReportWhenAsked() throws {
        let html = Self.demoReport()
        #expect(html.contains("<tr data-alert=\"go_heap\">"))
        guard let path = getenv("MEMTOP_REPORT_DEMO").map({ String(cString: $0) }) else { return }
        Self.write(html, to: path)
    }

    /// A realistic leaking Go service for looking at the page: set MEMTOP_REPORT_DEMO=/tmp/x.html when running the tests.
    static func demoReport() -> String {
        var h = SampleHistory(pid: 4242, go: true)
        var leaked = 0.0
        for i in 0..<5_400 {
            let t = Double(i)
            var s = Sample(time: start + t, elapsed: t, pid: 4242)
            // The leak starts after 20 minutes: 1.5 MiB/min into a map, under a GC sawtooth.
            if i > 1_200 { leaked += 1.5 * Double(mib) / 60 }
            let live = 60 * Double(mib) + leaked
            let garbage = Double(i % 20) / 20 * 24 * Double(mib)
            let goHeap = live + garbage
            let anon = goHeap * 1.1 + 12 * Double(mib)
            s.anon = UInt64(anon)
            s.file = 22 * mib + UInt64(i / 600) * 256 * 1024
            s.shmem = 1 * mib
            s.rss = s.anon! + s.file! + s.shmem!
            s.pss = s.rss! - 6 * mib
            s.uss = s.rss! - 12 * mib
            if i % 5 == 0 { s.heap = UInt64(anon * 0.95) }
            s.threads = 9 + (i > 2_000 ? 1 : 0) + (i > 4_000 ? 1 : 0)
            // The endpoint stopped answering for three minutes.
            if !(3_000..<3_180).contains(i) {
                s.goHeapAlloc = UInt64(goHeap)
                s.goHeapInuse = UInt64(goHeap * 1.08)
                s.goroutines = 24 + (i > 2_400 ? (i - 2_400) / 30 : 0) + i % 5
            }
            if i == 600 { s.events = [.baseline] }
            if i == 1_900 { s.events = [.alert(.rss), .alert(.goHeap)] }
            h.append(s)
        }
        h.addEventToLast(.exit)
        return SessionReport.html(h, title: "leaky-server (go-leak demo)", source: "/var/tmp/memtop-20261204-193947.csv",
                                  generatedAt: start + 7_200, limit: 2_048 * mib)
    }

    static func write(_ text: String, to path: String) {
        guard let f = fopen(path, "w") else { return }
        _ = text.utf8CString.withUnsafeBufferPointer { fputs($0.baseAddress!, f) }
        fclose(f)
    }
}

