import Foundation
import MemtopCore
import Testing

/// Session files read back for `--replay` and `report`.
@Suite struct SessionCSVReaderTests {
    private func history(go: Bool, rows: Int = 5) -> SampleHistory {
        var h = SampleHistory(pid: 4242, go: go)
        for i in 0..<rows {
            var s = Sample(time: 1_796_400_000.123 + Double(i) * 0.5, elapsed: Double(i) * 0.5, pid: 4242)
            s.rss = UInt64(100 + i) << 20
            s.pss = i == 2 ? nil : UInt64(90 + i) << 20
            s.heap = i % 2 == 0 ? UInt64(60 + i) << 20 : nil
            s.threads = 4
            s.minflt = UInt64(1000 + i)
            s.majflt = 0
            s.vmSize = 5 << 40  // beyond a UInt32 of KiB: kept exactly
            if go && i > 0 {
                s.goHeapAlloc = 12_345_678 + UInt64(i)
                s.goHeapInuse = 13_000_000
                s.goHeapSys = 20_000_000
                s.goNumGC = UInt64(i)
                s.goroutines = 17
            }
            if i == 3 { s.events = [.alert(.rss), .baseline] }
            h.append(s)
        }
        var exit = Sample(time: 1_796_400_003, elapsed: 3, pid: 4242)
        exit.events = [.exit]
        h.append(exit)
        return h
    }

    private func csv(_ h: SampleHistory) -> [UInt8] {
        var text = SessionCSV.header(go: h.hasGo)
        for i in 0..<h.count { text += SessionCSV.row(h[i], go: h.hasGo) }
        return Array(text.utf8)
    }

    @Test(arguments: [false, true])
    func roundTripKeepsEverySampleAndEvent(go: Bool) throws {
        let original = history(go: go)
        let r = try SessionCSVReader.read(csv(original))
        #expect(!r.droppedTruncatedLine)
        #expect(r.history.hasGo == go && r.history.count == original.count && r.history.pid == 4242)
        for i in 0..<original.count { #expect(r.history[i] == original[i], "row \(i)") }
        #expect(csv(r.history) == csv(original))
    }

    @Test func aCutOffLastLineIsLeftOut() throws {
        let full = csv(history(go: false))
        // Cut inside the last data row (the exit row), after its time cell.
        let lastStart = full[..<(full.count - 1)].lastIndex(of: UInt8(ascii: "\n"))! + 1
        let cut = Array(full[..<(lastStart + 10)])
        let r = try SessionCSVReader.read(cut)
        #expect(r.droppedTruncatedLine && r.history.count == 5)
        // A complete last line without its newline is kept.
        let r2 = try SessionCSVReader.read(Array(full.dropLast()))
        #expect(!r2.droppedTruncatedLine && r2.history.count == 6)
    }

    @Test func malformedFilesNameTheLineAndColumn() {
        let header = SessionCSV.header()
        let good = String(decoding: csv(history(go: false)), as: UTF8.self).split(separator: "\n").map(String.init)
        func error(_ text: String) -> SessionFileError? {
            do { _ = try SessionCSVReader.read(Array(text.utf8)); return nil } catch { return error }
        }
        #expect(error("")?.line == 1)
        #expect(error("a,b,c\n1,2,3\n") == SessionFileError(line: 1, column: 1, reason: "unknown column 'a' (not a memtop session file?)"))
        var bad = good
        bad[2] = bad[2].replacingOccurrences(of: ",4,", with: ",four,")
        let e = error(bad.joined(separator: "\n") + "\n")
        #expect(e?.line == 3 && e?.column == 16 && e?.reason.contains("threads") == true, "\(String(describing: e))")
        #expect(error(header + "2026-13-40T00:00:00.000Z,0.000,1,,,,,,,,,,,,,,,,\n")?.column == 1)
        #expect(error(header + "2026-12-04T00:00:00.000Z,0.000,1,,,,\n")?.reason.contains("fields") == true)
        #expect(error(header + "2026-12-04T00:00:00.000Z,0.000,1,,,,,,,,,,,,,,,,alert:nope\n")?.column == 19)
        // A bad line in the middle is an error even though later lines are fine.
        bad = good
        bad[1] = "garbage"
        #expect(error(bad.joined(separator: "\n") + "\n")?.line == 2)
    }

    @Test func timestampsReadBackToTheMillisecond() {
        for text in ["2026-12-04T19:39:47.123Z", "1970-01-01T00:00:00.000Z", "2000-02-29T23:59:59.999Z", "2026-12-04T19:39:47.001Z"] {
            let t = Timestamp.parseISO8601(text[...])
            #expect(t.map(Timestamp.iso8601) == text)
        }
        #expect(Timestamp.parseISO8601("2026-12-04T19:39:47Z") == Timestamp.parseISO8601("2026-12-04T19:39:47.000Z"))
        for bad in ["", "2026-12-04 19:39:47Z", "2026-12-04T19:39:47.123", "2026-12-04T25:00:00Z", "2026-12-04T19:39:47.12345Z"] {
            #expect(Timestamp.parseISO8601(bad[...]) == nil, "\(bad)")
        }
    }
}
