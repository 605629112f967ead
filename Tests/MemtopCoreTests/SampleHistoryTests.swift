@testable import MemtopCore
import Testing

@Suite struct SampleHistoryTests {
    /// Row `i` of a synthetic session: every field derived from `i`, some rows missing values.
    static func sample(_ i: Int) -> Sample {
        var s = Sample(time: 1_796_400_000 + Double(i) / 10, elapsed: Double(i) / 10, pid: 9)
        s.rss = UInt64(i + 1) << 20
        s.heap = i % 7 == 0 ? nil : UInt64(i) << 10
        s.vmSize = i == 1500 ? 5 << 40 : UInt64(i) << 12  // one row past the UInt32-of-KiB range
        s.threads = i % 50
        s.minflt = i == 1024 ? nil : UInt64(i) * 3
        s.majflt = i == 1024 ? nil : 0
        s.goHeapAlloc = i % 2 == 0 ? UInt64(i) * 1_000_003 : nil
        if i == 2047 { s.events = [.baseline] }
        return s
    }

    static func history(rows: Int) -> SampleHistory {
        var h = SampleHistory(pid: 9, go: true)
        for i in 0..<rows { h.append(sample(i)) }
        return h
    }

    @Test func roundTripKeepsUnknownsAndHugeValues() {
        var h = SampleHistory(pid: 7)
        var a = Sample(time: 10, elapsed: 0, pid: 7)
        a.rss = 5 << 20
        a.vmSize = 20 << 40  // 20 TiB of address space, as ASan reserves
        a.threads = 3
        a.minflt = 9
        a.majflt = 1
        a.events = [.baseline]
        var b = Sample(time: 11, elapsed: 1, pid: 7)
        b.heap = 1 << 20
        h.append(a)
        h.append(b)
        #expect(h[0] == a)
        #expect(h[1] == b)
        #expect(h[1].rss == nil && h[1].minflt == nil && h[1].threads == nil)
        #expect(h.value(.vmSize, at: 0) == 20 << 40)
        let buckets = h.buckets(.vmSize, end: 1.5, secondsPerColumn: 1, columns: 2)
        #expect(buckets[0]?.high == Double(20 << 40) && buckets[1] == nil)
    }

    @Test func rowsAcrossBlockBoundariesComeBackExactly() {
        let n = 3 * BlockColumn<UInt32>.blockSize + 5
        let h = Self.history(rows: n)
        #expect(h.count == n)
        for i in [0, 1, 1022, 1023, 1024, 1025, 1500, 2047, 2048, 3071, 3072, n - 1] {
            #expect(h[i] == Self.sample(i), "row \(i)")
        }
        #expect(h.firstIndex(atOrAfter: 102.4) == 1024)
        #expect(h.latest(.heap)?.index == n - 1 - ((n - 1) % 7 == 0 ? 1 : 0))
    }

    @Test func aCopyIsUnchangedByLaterAppends() {
        var h = Self.history(rows: 1030)
        let copy = h
        for i in 1030..<2100 { h.append(Self.sample(i)) }
        h.addEventToLast(.exit)
        #expect(copy.count == 1030)
        #expect(copy[1029] == Self.sample(1029))
        #expect(h[1029] == Self.sample(1029))
        #expect(h[2099].events == [.exit])
        var other = copy
        other.append(Self.sample(5000))
        #expect(other[1030].rss == Self.sample(5000).rss)
        // Neither the history appended to first nor the original copy sees the other's row 1030.
        #expect(h[1030] == Self.sample(1030))
        #expect(copy.count == 1030 && copy[1029] == Self.sample(1029))
    }

    @Test func bucketsSpanBlocks() {
        let h = Self.history(rows: 2100)
        // 1 s per column, 10 samples each: column 0 covers rows 1000..<1010 (elapsed 100.0..<101.0).
        let b = h.buckets(.rss, end: 110, secondsPerColumn: 1, columns: 10)
        #expect(b.count == 10)
        #expect(b[2]?.low == Double(UInt64(1021) << 20))
        #expect(b[2]?.high == Double(UInt64(1030) << 20))
    }

    /// Storage follows the data: whole blocks, at most one of them partly filled per column.
    @Test func bytesHeldFollowTheData() {
        let perRow = 8 + 8 + 8 + 8 + 4 * SeriesKey.proc.count + 8 * SeriesKey.go.count
        // The rare extras of these rows: one event row, one row without faults, one huge VmSize.
        let extras = 48 + 16 + 32
        #expect(Self.history(rows: 4096).approximateBytes == 4 * 1024 * perRow + extras)
        // One more row starts a fifth block in every column.
        #expect(Self.history(rows: 4097).approximateBytes == 5 * 1024 * perRow + extras)
        let empty = SampleHistory(pid: 1)
        #expect(empty.approximateBytes == 0)
        #expect(empty.isEmpty)
    }
}
