import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct ProcStatTests {
    @Test(arguments: Fixtures.procCaseNames)
    func capturedProcessesMatchTheKernelsFigures(_ name: String) throws {
        let c = Fixtures.procCase(name)
        let s = try ProcStat.parse(c.file("stat"))
        #expect(Int(s.pid) == c.int("pid"))
        #expect(s.comm == c.expected["comm"])
        #expect(s.state == UInt8(ascii: "S"))
        #expect(s.minflt == c.expected["minflt"].flatMap(UInt64.init))
        #expect(s.majflt == c.expected["majflt"].flatMap(UInt64.init))
        #expect(s.startTime == c.expected["starttime"].flatMap(UInt64.init))
        #expect(s.numThreads == c.int("threads"))
    }

    @Test func commWithParenthesesAndSpaces() throws {
        let s = try ProcStat.parse(Fixtures.procCase("comm-paren").file("stat"))
        #expect(s.comm == "a) b (c")
        #expect(s.numThreads == 1)
    }

    @Test func commThatLooksLikeFields() throws {
        // A name may imitate the fields that follow it; only the last ')' closes it.
        let line = "42 (x) R 1 2 3 (y) S 7 0 0 0 0 0 5 0 9 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0\n"
        let s = try ProcStat.parse(Array(line.utf8))
        #expect(s.comm == "x) R 1 2 3 (y")
        #expect(s.state == UInt8(ascii: "S"))
        #expect(s.ppid == 7)
        #expect(s.minflt == 5)
        #expect(s.majflt == 9)
    }

    @Test func truncatedOrGarbledInputIsATypedError() {
        let full = Fixtures.procCase("c-threads").file("stat")
        #expect(throws: ProcParseError.truncated) { try ProcStat.parse(Array(full.dropLast())) }
        #expect(throws: ProcParseError.truncated) { try ProcStat.parse(Array("1 (a) S 0 1 1\n".utf8)) }
        #expect(throws: ProcParseError.empty) { try ProcStat.parse([]) }
        #expect(throws: ProcParseError.badNumber(field: "pid")) { try ProcStat.parse(Array("abc (a) S\n".utf8)) }
        var garbled = full
        // Field 10 (minflt) becomes non-numeric.
        let text = String(decoding: full, as: UTF8.self)
        let afterComm = text.range(of: ") ")!.upperBound
        var fields = text[afterComm...].split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        fields[7] = "1x2"
        garbled = Array((String(text[..<afterComm]) + fields.joined(separator: " ")).utf8)
        #expect(throws: ProcParseError.badNumber(field: "minflt")) { try ProcStat.parse(garbled) }
    }

    @Test func everyPrefixParsesOrFailsCleanly() {
        for name in Fixtures.procCaseNames {
            let full = Fixtures.procCase(name).file("stat")
            for n in 0..<full.count {
                #expect(throws: ProcParseError.self) { try ProcStat.parse(Array(full.prefix(n))) }
            }
        }
    }
}
