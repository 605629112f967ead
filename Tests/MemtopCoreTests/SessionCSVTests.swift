import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct SessionCSVTests {
    @Test func headerIsExactlyTheDesignsColumns() {
        #expect(SessionCSV.header() == "time,elapsed_s,pid,rss_bytes,pss_bytes,uss_bytes,anon_bytes,file_bytes,shmem_bytes,swap_bytes,lazyfree_bytes,heap_bytes,stack_bytes,vm_size_bytes,vm_hwm_bytes,threads,minflt,majflt,event\n")
    }

    @Test func unknownValuesAreEmptyCellsNotZero() {
        var s = Sample(time: 1_796_413_187.123_9, elapsed: 2.5, pid: 42)
        s.rss = 1000
        s.threads = 0
        #expect(SessionCSV.row(s) == "2026-12-04T19:39:47.123Z,2.500,42,1000,,,,,,,,,,,,0,,,\n")
    }

    @Test func fullRowAndEvents() {
        var s = Sample(time: 0, elapsed: 0, pid: 1)
        (s.rss, s.pss, s.uss, s.anon, s.file, s.shmem, s.swap, s.lazyfree) = (1, 2, 3, 4, 5, 6, 7, 8)
        (s.heap, s.stack, s.vmSize, s.vmHWM) = (9, 10, 11, 12)
        (s.threads, s.minflt, s.majflt) = (13, 14, 15)
        s.events = [.alert(.rss), .baseline, .exit]
        #expect(SessionCSV.row(s) == "1970-01-01T00:00:00.000Z,0.000,1,1,2,3,4,5,6,7,8,9,10,11,12,13,14,15,alert:rss;baseline;exit\n")
        #expect(SessionCSV.row(s).split(separator: ",", omittingEmptySubsequences: false).count == SessionCSV.columns.count)
    }

    @Test func eventsRoundTrip() {
        for e: SessionEvent in [.alert(.goHeap), .clear(.threads), .baseline, .exit] {
            #expect(SessionEvent(e.description) == e)
        }
        #expect(SessionEvent("alert:nonsense") == nil)
    }

    @Test func cellsAreQuotedAndFormulasNeutralized() {
        #expect(SessionCSV.cell("plain") == "plain")
        #expect(SessionCSV.cell("a,b") == "\"a,b\"")
        #expect(SessionCSV.cell("say \"hi\"") == "\"say \"\"hi\"\"\"")
        #expect(SessionCSV.cell("=cmd()") == "'=cmd()")
        #expect(SessionCSV.cell("+1") == "'+1")
        #expect(SessionCSV.cell("-1,2") == "\"'-1,2\"")
        #expect(SessionCSV.cell("@x") == "'@x")
    }

    @Test func writerStreamsRowsAndRejectsMissingDirectory() throws {
        let dir = TempDir()
        defer { dir.remove() }
        let w = try CSVStreamWriter(path: dir.path + "/s.csv")
        w.append(Sample(time: 0, elapsed: 0, pid: 1))
        w.append(Sample(time: 1, elapsed: 1, pid: 1))
        // Each row is on disk before close: a crash loses at most the row being written.
        let lines = String(decoding: Fixtures.bytesAt(dir.path + "/s.csv"), as: UTF8.self).split(separator: "\n")
        #expect(lines.count == 3)
        w.close()
        #expect(w.rowsWritten == 2)
        #expect(throws: MemtopError.self) { try CSVStreamWriter(path: dir.path + "/missing/s.csv") }
        do { _ = try CSVStreamWriter(path: dir.path + "/missing/s.csv") } catch {
            #expect(error.exitCode == .usage)
            #expect(error.message.contains("directory does not exist"))
        }
    }

    @Test func timestampsTruncateMilliseconds() {
        #expect(Timestamp.iso8601(1_796_413_187.999_9) == "2026-12-04T19:39:47.999Z")
        #expect(Timestamp.iso8601(951_782_400) == "2000-02-29T00:00:00.000Z")
    }
}
