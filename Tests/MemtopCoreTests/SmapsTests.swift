import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct SmapsTests {
    @Test(arguments: ["c-threads", "go-server", "comm-paren", "anon-named"])
    func heapAndStackMatchTheCapture(_ name: String) throws {
        let c = Fixtures.procCase(name)
        let s = try SmapsSummary.parse(c.file("smaps"), keepMappings: true)
        #expect(s.mappingCount == c.int("mappings"))
        #expect(s.mappings.count == c.int("mappings"))
        #expect(s.heap == c.kb("heap_kb"))
        #expect(s.stack == c.kb("stack_kb"))
        #expect(s.mappings.reduce(0) { $0 + $1.rss } == s.rss)
    }

    @Test func fixedWidthAndWideLinesReadTheSame() throws {
        // The kernel's usual 28-byte lines take a fast path; a value over 8 digits (over 95 GiB)
        // or other padding takes the general one. Both must give the same numbers.
        let header = "7f0000000000-7f0000001000 rw-p 00000000 00:00 0 \n"
        let usual = header + "Size:                  4 kB\nRss:                 388 kB\nPss:                 388 kB\n"
            + "Private_Clean:         1 kB\nPrivate_Dirty:       387 kB\nAnonymous:           388 kB\nSwap:                  0 kB\n"
            + "THPeligible:    0\nVmFlags: rd wr mr mw me ac \n"
        let wide = header + "Size: 4 kB\nRss:           123456789 kB\nPss:\t388 kB\nPrivate_Clean: 1 kB\n"
            + "Private_Dirty:       387 kB\nAnonymous:  388 kB\nSwap: 0 kB\nVmFlags: rd wr mr mw me ac \n"
        let a = try SmapsSummary.parse(Array(usual.utf8), keepMappings: true).mappings[0]
        let b = try SmapsSummary.parse(Array(wide.utf8), keepMappings: true).mappings[0]
        #expect(a.rss == 388 * 1024 && a.pss == 388 * 1024 && a.privateDirty == 387 * 1024 && a.anonymous == 388 * 1024 && a.size == 4096)
        #expect(b.rss == 123_456_789 * 1024 && b.pss == a.pss && b.privateClean == a.privateClean && b.anonymous == a.anonymous)
        #expect(a.perms == "rw-p" && a.kind == .anonymous)
        // A line that is neither a header nor a `Name:` field is not smaps.
        #expect(throws: ProcParseError.malformedLine(3)) { try SmapsSummary.parse(Array((header + "Rss:                 388 kB\nrss: 1 kB\n").utf8)) }
    }

    @Test func ussThatWouldOverflowIsUnknown() throws {
        let text = "00400000-00401000 r-xp 00000000 00:00 0 [rollup]\nPrivate_Clean: 18014398509481983 kB\nPrivate_Dirty: 18014398509481983 kB\n"
        #expect(try SmapsRollup.parse(Array(text.utf8)).uss == nil)
    }

    @Test func rssOfRealCapturesAddsUpToVmRSS() throws {
        for name in ["c-threads", "go-server", "comm-paren"] {
            let c = Fixtures.procCase(name)
            let s = try SmapsSummary.parse(c.file("smaps"))
            #expect(s.rss == c.kb("vmrss_kb"), "\(name)")
        }
    }

    @Test func namedAnonymousMappingsCountAsHeap() throws {
        let s = try SmapsSummary.parse(Fixtures.procCase("anon-named").file("smaps"), keepMappings: true)
        let named = s.mappings.filter { $0.path.hasPrefix("[anon:") }
        #expect(named.count == 3)
        #expect(named.allSatisfy { $0.kind == .namedAnonymous })
        #expect(named.contains { $0.path == "[anon:dalvik-main space]" })
        let shared = s.mappings.filter { $0.path == "[anon_shmem:shared-buf]" || $0.path.hasPrefix("/memfd:pool") }
        #expect(shared.count == 2)
        #expect(shared.allSatisfy { $0.kind == .other })
    }

    @Test func kernelThreadHasNoMappings() throws {
        let s = try SmapsSummary.parse(Fixtures.procCase("kthread").file("smaps"))
        #expect(s.mappingCount == 0 && s.heap == 0 && s.rss == 0)
    }

    @Test func pathsWithSpacesAndDeletedMarkerAreKept() throws {
        let text = """
        7f0000000000-7f0000001000 rw-p 00000000 00:05 77                         /dev/shm/my file (deleted)
        Rss:                   4 kB
        VmFlags: rd wr mr mw me ac sd 
        7f0000002000-7f0000004000 rw-p 00000000 00:00 0 
        Rss:                   8 kB
        7ffc00000000-7ffc00021000 rw-p 00000000 00:00 0                          [stack]
        Rss:                  12 kB

        """
        let s = try SmapsSummary.parse(Array(text.utf8), keepMappings: true)
        #expect(s.mappings.map(\.path) == ["/dev/shm/my file (deleted)", "", "[stack]"])
        #expect(s.mappings.map(\.kind) == [.other, .anonymous, .stack])
        #expect(s.heap == 8192 && s.stack == 12288)
        #expect(s.mappings[0].perms == "rw-p" && s.mappings[0].inode == 77)
    }

    @Test func sharedAnonymousIsNotHeap() throws {
        let text = "7f0000000000-7f0000001000 rw-s 00000000 00:01 5 \nRss:                   4 kB\n"
        let s = try SmapsSummary.parse(Array(text.utf8))
        #expect(s.heap == 0 && s.rss == 4096)
    }

    @Test func truncatedOrGarbledInputIsATypedError() {
        let full = Fixtures.procCase("c-threads").file("smaps")
        #expect(throws: ProcParseError.truncated) { try SmapsSummary.parse(Array(full.dropLast())) }
        #expect(throws: ProcParseError.malformedLine(1)) { try SmapsSummary.parse(Array("Rss: 4 kB\n".utf8)) }
        #expect(throws: ProcParseError.malformedLine(2)) {
            try SmapsSummary.parse(Array("7f00-7f01 rw-p 0 00:00 0\nRss: four kB\n".utf8))
        }
        #expect(throws: ProcParseError.malformedLine(1)) { try SmapsSummary.parse(Array("7f00-zz rw-p 0 00:00 0\n".utf8)) }
    }

    @Test func prefixesParseOrFailCleanly() {
        for name in Fixtures.procCaseNames {
            let full = Fixtures.procCase(name).file("smaps")
            for n in stride(from: 0, to: full.count, by: 53) {
                _ = try? SmapsSummary.parse(Array(full.prefix(n)), keepMappings: true)
            }
        }
    }
}
