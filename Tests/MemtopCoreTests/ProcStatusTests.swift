import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct ProcStatusTests {
    @Test(arguments: ["c-threads", "go-server", "comm-paren", "anon-named"])
    func capturedProcessesMatchTheKernelsFigures(_ name: String) throws {
        let c = Fixtures.procCase(name)
        let s = try ProcStatus.parse(c.file("status"))
        #expect(s.name == c.expected["name"])
        #expect(s.vmRSS == c.kb("vmrss_kb"))
        #expect(s.rssAnon == c.kb("rssanon_kb"))
        #expect(s.rssFile == c.kb("rssfile_kb"))
        #expect(s.rssShmem == c.kb("rssshmem_kb"))
        #expect(s.vmSize == c.kb("vmsize_kb"))
        #expect(s.vmHWM == c.kb("vmhwm_kb"))
        #expect(s.threads == c.int("threads"))
        #expect(s.pid.map(Int.init) == c.int("pid"))
        #expect(s.state == UInt8(ascii: "S"))
        #expect(!s.isKernelThread)
    }

    @Test func kernelThreadHasNoMemoryFields() throws {
        let s = try ProcStatus.parse(Fixtures.procCase("kthread").file("status"))
        #expect(s.name == "kthreadd")
        #expect(s.isKernelThread)
        #expect(s.vmRSS == nil && s.vmSize == nil && s.rssAnon == nil)
        #expect(s.threads == 1)
    }

    @Test func kernelThreadInferredWithoutKthreadLine() throws {
        let s = try ProcStatus.parse(Array("Name:\tkworker\nState:\tI (idle)\nThreads:\t1\n".utf8))
        #expect(s.isKernelThread)
    }

    @Test func nameEscapesAreUndone() throws {
        let s = try ProcStatus.parse(Array("Name:\ta\\nb\\\\c\nVmSize:\t  10 kB\n".utf8))
        #expect(s.name == "a\nb\\c")
        #expect(s.vmSize == 10240)
    }

    @Test func truncatedInputIsATypedError() {
        let full = Fixtures.procCase("c-threads").file("status")
        #expect(throws: ProcParseError.truncated) { try ProcStatus.parse(Array(full.dropLast())) }
        #expect(throws: ProcParseError.empty) { try ProcStatus.parse([]) }
    }

    @Test func garbledNumberIsATypedError() {
        #expect(throws: ProcParseError.badNumber(field: "VmRSS")) {
            try ProcStatus.parse(Array("Name:\tx\nVmRSS:\t 12x kB\n".utf8))
        }
        #expect(throws: ProcParseError.missingField("Name")) {
            try ProcStatus.parse(Array("VmRSS:\t 12 kB\n".utf8))
        }
        #expect(throws: ProcParseError.malformedLine(2)) {
            try ProcStatus.parse(Array("Name:\tx\nno colon here\n".utf8))
        }
        #expect(throws: ProcParseError.badNumber(field: "Threads")) {
            try ProcStatus.parse(Array("Name:\tx\nThreads:\t18446744073709551615\n".utf8))
        }
    }

    @Test func everyPrefixOfEveryCaseParsesOrFailsCleanly() {
        for name in Fixtures.procCaseNames {
            let full = Fixtures.procCase(name).file("status")
            for n in 0...full.count {
                _ = try? ProcStatus.parse(Array(full.prefix(n)))
            }
        }
    }
}
