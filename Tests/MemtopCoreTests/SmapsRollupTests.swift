import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct SmapsRollupTests {
    @Test(arguments: ["c-threads", "go-server", "comm-paren", "anon-named"])
    func capturedProcessesMatchTheKernelsFigures(_ name: String) throws {
        let c = Fixtures.procCase(name)
        let r = try SmapsRollup.parse(c.file("smaps_rollup"))
        #expect(r.rss == c.kb("rollup_rss_kb"))
        #expect(r.pss == c.kb("rollup_pss_kb"))
        #expect(r.uss == c.kb("rollup_private_kb"))
        #expect(r.swap == c.kb("rollup_swap_kb"))
        #expect(r.lazyFree == c.kb("rollup_lazyfree_kb"))
    }

    @Test func emptyRollupIsAllUnknown() throws {
        let r = try SmapsRollup.parse([])
        #expect(r == SmapsRollup())
        #expect(r.uss == nil)
    }

    @Test func truncatedOrGarbledInputIsATypedError() {
        let full = Fixtures.procCase("go-server").file("smaps_rollup")
        #expect(throws: ProcParseError.truncated) { try SmapsRollup.parse(Array(full.dropLast(3))) }
        #expect(throws: ProcParseError.malformedLine(1)) { try SmapsRollup.parse(Array("Rss: 1 kB\n".utf8)) }
        #expect(throws: ProcParseError.malformedLine(2)) {
            try SmapsRollup.parse(Array("00400000-7fff0000 ---p 00000000 00:00 0 [rollup]\nPss:  -3 kB\n".utf8))
        }
    }
}
