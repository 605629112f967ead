import Foundation
import MemtopCore
import MemtopTestSupport
import Testing

/// One capture directory under `Tests/Fixtures/go` with the facts its `EXPECTED` file records.
struct GoFixture: Sendable {
    /// Every captured Go implementation.
    static let versions = ["go1.19.8", "gccgo12.2.0"]

    let version: String
    let expected: [String: String]

    init(_ version: String) {
        self.version = version
        self.expected = GoFixture.readExpected(Fixtures.bytes("go/\(version)/EXPECTED"))
    }

    /// `key=value` lines; the value is everything after the first `=`.
    static func readExpected(_ bytes: [UInt8]) -> [String: String] {
        var out: [String: String] = [:]
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            out[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return out
    }

    /// The bytes of one captured file (`vars.json`, `heap.txt`, …).
    func bytes(_ name: String) -> [UInt8] { Fixtures.bytes("go/\(version)/\(name)") }

    /// An `EXPECTED` unsigned integer; a missing or unreadable key is a test failure, not a crash.
    func u64(_ key: String, sourceLocation: SourceLocation = #_sourceLocation) -> UInt64 {
        guard let v = expected[key].flatMap(UInt64.init) else {
            Issue.record("EXPECTED of \(version) has no integer \(key)", sourceLocation: sourceLocation)
            return 0
        }
        return v
    }

    /// An `EXPECTED` integer, nil when the key is absent (some keys exist for gc only).
    func int(_ key: String) -> Int? { expected[key].flatMap(Int.init) }

    /// `# Name = N` from a heap profile's trailer, read with plain string handling (not memtop's parser).
    static func trailer(_ bytes: [UInt8], _ name: String) -> UInt64? {
        for line in String(decoding: bytes, as: UTF8.self).split(separator: "\n") where line.hasPrefix("# \(name) = ") {
            return UInt64(line.dropFirst("# \(name) = ".count))
        }
        return nil
    }

    /// Every captured body of this version, with the parser it is meant for.
    static let files = ["vars.json", "vars-after.json", "heap.txt", "heap-after.txt", "goroutine.txt", "index.html"]
}

/// Estimated true bytes for a heap record, computed here independently of memtop:
/// each sample of an average-size allocation stands for 1 / (1 − e^(−size/rate)) of them.
func unsampledBytes(objects: UInt64, bytes: UInt64, rate: Double) -> Double {
    let b = Double(bytes)
    return b / (1 - exp(-(b / Double(objects)) / rate))
}

extension GoSite {
    /// `function | location`, for comparing sites in expectations.
    var described: String { "\(function) | \(location)" }
}

/// A small deterministic generator (SplitMix64) for the mutation loops.
struct MutationRNG {
    private var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    /// Uniform in 0..<n (n > 0).
    mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }

    /// Bytes that matter to the JSON and profile grammars, so mutations hit interesting paths.
    static let interesting: [UInt8] = Array("\n\r\t #@0x9:[]{}\",\\-+.eu".utf8) + [0, 0x7F, 0x80, 0xC3, 0xFF]

    /// One random edit of `bytes`: overwrite, insert, delete, duplicate a run, or cut short.
    mutating func mutate(_ bytes: [UInt8]) -> [UInt8] {
        var b = bytes
        let edits = 1 + below(4)
        for _ in 0..<edits {
            let at = b.isEmpty ? 0 : below(b.count)
            let value: UInt8 = below(2) == 0 ? Self.interesting[below(Self.interesting.count)] : UInt8(truncatingIfNeeded: next())
            switch below(6) {
            case 0 where !b.isEmpty: b[at] = value
            case 1: b.insert(value, at: at)
            case 2 where !b.isEmpty: b.remove(at: at)
            case 3 where !b.isEmpty:
                let end = min(b.count, at + 1 + below(64))
                b.insert(contentsOf: b[at..<end], at: at)
            case 4 where !b.isEmpty:
                // A long run of digits: overflowing counters and addresses.
                b.insert(contentsOf: [UInt8](repeating: UInt8(ascii: "9"), count: 1 + below(30)), at: at)
            case 5: b = Array(b.prefix(at))
            default: b.insert(value, at: at)
            }
        }
        return b
    }
}

@Suite struct GoParserTests {
    // MARK: /debug/vars

    @Test(arguments: GoFixture.versions)
    func varsMemstatsMatchTheCapture(_ version: String) throws {
        let f = GoFixture(version)
        let v = try GoVars.parse(f.bytes("vars.json"))
        #expect(v.memstats.heapAlloc == f.u64("heap_alloc"))
        #expect(v.memstats.heapInuse == f.u64("heap_inuse"))
        #expect(v.memstats.heapSys == f.u64("heap_sys"))
        #expect(v.memstats.heapObjects == f.u64("heap_objects"))
        #expect(v.memstats.numGC == f.u64("num_gc"))
        #expect(v.memstats.nextGC == f.u64("next_gc"))

        let after = try GoVars.parse(f.bytes("vars-after.json"))
        #expect(after.memstats.heapAlloc == f.u64("after_heap_alloc"))
        #expect(after.expvars.first { $0.name == "leak_bytes" }?.value == Int64(f.u64("after_leak_bytes")))
    }

    @Test(arguments: GoFixture.versions)
    func varsExpvarsAreTheProgramsOwnIntegersSorted(_ version: String) throws {
        let f = GoFixture(version)
        let v = try GoVars.parse(f.bytes("vars.json"))
        let names = v.expvars.map(\.name)
        #expect(v.expvars.first { $0.name == "leak_bytes" }?.value == Int64(f.u64("leak_bytes")))
        #expect(v.expvars.first { $0.name == "leak_goroutines" }?.value == Int64(f.u64("leak_goroutines")))
        #expect(names == names.sorted())
        #expect(!names.contains { $0 == "cmdline" || $0.hasPrefix("cmdline.") })
        #expect(!names.contains { $0 == "memstats" || $0.hasPrefix("memstats.") })
        // The capture publishes exactly these two integers besides cmdline and memstats.
        #expect(names == ["leak_bytes", "leak_goroutines"])
    }

    @Test func expvarMapsFlattenAndNonIntegersAreDropped() throws {
        let json = """
        {"zeta": 3, "alpha": -7, "cache": {"misses": 2, "hits": 10, "name": "x", "ratio": 0.5},
         "flag": true, "str": "9", "big": 9223372036854775807, "float": 1.5, "cmdline": ["a"],
         "memstats": {"HeapAlloc": 1, "HeapInuse": 2, "HeapSys": 3, "NumGC": 4}}
        """
        let v = try GoVars.parse(Array(json.utf8))
        #expect(v.expvars == [
            GoExpvar(name: "alpha", value: -7), GoExpvar(name: "big", value: Int64.max),
            GoExpvar(name: "cache.hits", value: 10), GoExpvar(name: "cache.misses", value: 2),
            GoExpvar(name: "zeta", value: 3),
        ])
        #expect(v.memstats == GoMemStats(heapAlloc: 1, heapInuse: 2, heapSys: 3, heapObjects: nil, numGC: 4, nextGC: nil))
    }

    @Test func expvarsAreCappedAfterSorting() throws {
        // Names written in reverse order: the cap must keep the first names in sorted order, not document order.
        let members = (0..<100).reversed().map { "\"v\(String(format: "%03d", $0))\": \($0)" }.joined(separator: ",")
        let json = "{\(members), \"memstats\": {\"HeapAlloc\": 1, \"HeapInuse\": 2, \"HeapSys\": 3, \"NumGC\": 4}}"
        let v = try GoVars.parse(Array(json.utf8))
        #expect(v.expvars.count == GoVars.maximumExpvars)
        #expect(v.expvars.first?.name == "v000")
        #expect(v.expvars.last?.name == String(format: "v%03d", GoVars.maximumExpvars - 1))
    }

    @Test func memstatsCountersKeepAll64Bits() throws {
        let json = #"{"memstats": {"HeapAlloc": 18446744073709551615, "HeapInuse": 9007199254740993, "HeapSys": 0, "NumGC": 1}}"#
        let v = try GoVars.parse(Array(json.utf8))
        #expect(v.memstats.heapAlloc == UInt64.max)
        #expect(v.memstats.heapInuse == 9_007_199_254_740_993)  // not representable as a Double
    }

    // MARK: heap profile

    @Test(arguments: GoFixture.versions)
    func heapProfileHeaderRecordsAndTrailer(_ version: String) throws {
        let f = GoFixture(version)
        let bytes = f.bytes("heap.txt")
        let p = try GoHeapProfile.parse(bytes)
        #expect(p.profile.header == f.expected["heap_header"])
        // The header carries 2 × MemProfileRate.
        #expect(p.samplingRate == f.u64("heap_sample_rate") / 2)
        #expect(p.samplingRate == 512 * 1024)
        #expect(p.profile.records.count == f.int("heap_records"))
        #expect(p.profile.records.allSatisfy { $0.counts.count == 4 })

        let ms = try #require(p.memstats)
        #expect(ms.heapAlloc == f.u64("heap_trailer_heap_alloc"))
        #expect(ms.heapInuse == GoFixture.trailer(bytes, "HeapInuse"))
        #expect(ms.heapSys == GoFixture.trailer(bytes, "HeapSys"))
        #expect(ms.heapObjects == GoFixture.trailer(bytes, "HeapObjects"))
        #expect(ms.numGC == GoFixture.trailer(bytes, "NumGC"))
        #expect(ms.nextGC == GoFixture.trailer(bytes, "NextGC"))

        let after = try GoHeapProfile.parse(f.bytes("heap-after.txt"))
        #expect(after.profile.header == f.expected["after_heap_header"])
        #expect(after.samplingRate == f.u64("after_heap_sample_rate") / 2)
        #expect(after.profile.records.count == f.int("after_heap_records"))
        #expect(after.memstats?.heapAlloc == f.u64("after_heap_trailer_heap_alloc"))
    }

    @Test(arguments: GoFixture.versions)
    func heapGrowMapRecordIsSymbolized(_ version: String) throws {
        let f = GoFixture(version)
        for (file, prefix) in [("heap.txt", "heap_"), ("heap-after.txt", "after_heap_")] {
            let p = try GoHeapProfile.parse(f.bytes(file))
            let grow = p.profile.records.filter { r in
                r.stack.contains { p.profile.symbols[$0]?.contains { $0.function == "main.growMap" } ?? false }
            }
            #expect(grow.count == f.int(prefix + "growmap_records"), "\(file)")
            #expect(grow.reduce(0) { $0 + $1.counts[0] } == f.u64(prefix + "growmap_inuse_objects"), "\(file)")
            #expect(grow.reduce(0) { $0 + $1.counts[1] } == f.u64(prefix + "growmap_inuse_bytes"), "\(file)")
            let record = try #require(grow.first)
            // Frame lines replace the `@` return addresses: the innermost frame is growMap itself,
            // even in gccgo where the `@` line starts with two runtime addresses.
            #expect(record.stack.count == 6, "\(file)")
            let frame = try #require(record.stack.first.flatMap { p.profile.symbols[$0]?.first })
            #expect(frame.function == "main.growMap")
            #expect(frame.file.hasSuffix("go-leak.go"))
            #expect(frame.line == 69)
            #expect(frame.location == frame.file + ":69")
            let caller = try #require(record.stack.dropFirst().first.flatMap { p.profile.symbols[$0]?.first })
            #expect(caller.function == "main.handleGrow" && caller.line == 115)
        }
    }

    @Test(arguments: GoFixture.versions)
    func heapTopSiteIsTheLeak(_ version: String) throws {
        let f = GoFixture(version)
        let p = try GoHeapProfile.parse(f.bytes("heap.txt"))
        let sites = p.sites()
        let top = try #require(sites.max { $0.value.bytes < $1.value.bytes })
        #expect(top.key.function == f.expected["top_function"])
        #expect(top.key.location.hasSuffix("go-leak.go:69"))
        let rate = Double(f.u64("heap_sample_rate")) / 2
        let want = unsampledBytes(objects: f.u64("heap_growmap_inuse_objects"), bytes: f.u64("heap_growmap_inuse_bytes"), rate: rate)
        #expect(abs(top.value.bytes - want) <= want * 1e-9)
        // Every estimate is at least the raw sampled count.
        let raw = p.profile.records.reduce(0.0) { $0 + Double($1.counts[1]) }
        #expect(sites.values.reduce(0.0) { $0 + $1.bytes } >= raw)
    }

    @Test(arguments: GoFixture.versions)
    func heapDiffRanksTheGrowingSiteFirst(_ version: String) throws {
        let f = GoFixture(version)
        let base = try GoHeapProfile.parse(f.bytes("heap.txt"))
        let current = try GoHeapProfile.parse(f.bytes("heap-after.txt"))
        let rows = GoHeapSiteChange.diff(base: base, current: current)
        let top = try #require(rows.first)
        #expect(top.site.function == f.expected["after_top_function"])
        #expect(top.site.function == "main.growMap")

        let rate = Double(f.u64("heap_sample_rate")) / 2
        let before = unsampledBytes(objects: f.u64("heap_growmap_inuse_objects"), bytes: f.u64("heap_growmap_inuse_bytes"), rate: rate)
        let now = unsampledBytes(objects: f.u64("after_heap_growmap_inuse_objects"), bytes: f.u64("after_heap_growmap_inuse_bytes"), rate: rate)
        #expect(top.bytesChange > 0)
        #expect(abs(top.bytesChange - (now - before)) <= (now - before) * 1e-9)
        #expect(abs(top.bytes - now) <= now * 1e-9)
        // 4 MiB were leaked between the captures; sampling loses or keeps whole 1 MiB chunks.
        #expect(top.bytesChange > 2 * 1_048_576 && top.bytesChange < 8 * 1_048_576)
        let objectsWant = Double(f.u64("after_heap_growmap_inuse_objects") - f.u64("heap_growmap_inuse_objects")) / (1 - exp(-2.0))
        #expect(abs(top.objectsChange - objectsWant) < 1e-6)

        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.bytesChange >= b.bytesChange)
        }
        #expect(Set(rows.map(\.site)).count == rows.count)

        // A profile diffed against itself changes nothing.
        #expect(GoHeapSiteChange.diff(base: current, current: current).allSatisfy { $0.bytesChange == 0 && $0.objectsChange == 0 })
    }

    @Test(arguments: GoFixture.versions)
    func heapDiffWithoutBaseRanksByInUseBytes(_ version: String) throws {
        let f = GoFixture(version)
        let current = try GoHeapProfile.parse(f.bytes("heap.txt"))
        let rows = GoHeapSiteChange.diff(base: nil, current: current)
        #expect(rows.count == current.sites().count)
        #expect(rows.first?.site.function == f.expected["top_function"])
        #expect(rows.allSatisfy { $0.bytesChange == $0.bytes })
        for (a, b) in zip(rows, rows.dropFirst()) {
            #expect(a.bytes >= b.bytes)
        }
    }

    @Test func heapDiffPutsShrinkingSitesLast() throws {
        let base = """
        heap profile: 2: 2048 [2: 2048] @ heap/2
        1: 1024 [1: 1024] @ 0x1
        #\t0x1\tmain.shrinks+0x1\t/a.go:1

        1: 1024 [1: 1024] @ 0x2
        #\t0x2\tmain.steady+0x1\t/a.go:2

        """
        let current = """
        heap profile: 2: 3072 [2: 3072] @ heap/2
        1: 1024 [1: 1024] @ 0x2
        #\t0x2\tmain.steady+0x1\t/a.go:2

        1: 2048 [1: 2048] @ 0x3
        #\t0x3\tmain.grows+0x1\t/a.go:3

        """
        // Rate 1: raw counts, so the arithmetic is exact.
        let rows = GoHeapSiteChange.diff(base: try GoHeapProfile.parse(Array(base.utf8)), current: try GoHeapProfile.parse(Array(current.utf8)))
        #expect(rows.map(\.site.function) == ["main.grows", "main.steady", "main.shrinks"])
        #expect(rows.map(\.bytesChange) == [2048, 0, -1024])
        #expect(rows.map(\.bytes) == [2048, 1024, 0])
        #expect(rows.map(\.objectsChange) == [1, 0, -1])
    }

    @Test func unsampleEdgeCases() {
        let zero = GoHeapProfile.unsample(objects: 0, bytes: 0, rate: 524_288)
        #expect(zero.objects == 0 && zero.bytes == 0)
        let noObjects = GoHeapProfile.unsample(objects: 0, bytes: 4096, rate: 524_288)
        #expect(noObjects.objects == 0 && noObjects.bytes == 0)
        let noBytes = GoHeapProfile.unsample(objects: 3, bytes: 0, rate: 524_288)
        #expect(noBytes.objects == 0 && noBytes.bytes == 0)

        for rate: UInt64 in [0, 1] {
            let raw = GoHeapProfile.unsample(objects: 7, bytes: 7_340_032, rate: rate)
            #expect(raw.objects == 7 && raw.bytes == 7_340_032, "rate \(rate)")
        }

        let scale = 1 / (1 - exp(-2.0))
        let mib = GoHeapProfile.unsample(objects: 1, bytes: 1 << 20, rate: 512 << 10)
        #expect(abs(mib.bytes - Double(1 << 20) * scale) < 1e-6)
        #expect(abs(mib.objects - scale) < 1e-12)
        // Small objects are rarely sampled: each sample stands for about rate/size of them.
        let small = GoHeapProfile.unsample(objects: 1, bytes: 16, rate: 512 << 10)
        #expect(abs(small.objects - 32768.5) < 0.01)
        // Huge objects are always sampled.
        let huge = GoHeapProfile.unsample(objects: 1, bytes: 1 << 40, rate: 512 << 10)
        #expect(huge.objects == 1 && huge.bytes == Double(1 << 40))
    }

    @Test func heapHeaderWithoutRateKeepsRawCounts() throws {
        let text = "heap profile: 1: 64 [1: 64] @ heapprofile\n1: 64 [1: 64] @ 0x10\n"
        let p = try GoHeapProfile.parse(Array(text.utf8))
        #expect(p.samplingRate == 0)
        #expect(p.memstats == nil)
        #expect(p.sites().first { $0.key.described == "0x10 | " }?.value.bytes == 64)
    }

    // MARK: goroutine profile

    @Test(arguments: GoFixture.versions)
    func goroutineTotalsAndRecords(_ version: String) throws {
        let f = GoFixture(version)
        let g = try GoroutineProfile.parse(f.bytes("goroutine.txt"))
        #expect(g.total == f.int("goroutines_total"))
        #expect(g.profile.records.count == f.int("goroutine_records"))
        #expect(g.profile.records.allSatisfy { $0.counts.count == 1 })
        let sites = g.sites()
        #expect(sites.reduce(0) { $0 + $1.count } == g.total)
        for (a, b) in zip(sites, sites.dropFirst()) {
            #expect(a.count >= b.count)
        }
    }

    @Test func goroutineLeakSiteInGc() throws {
        let f = GoFixture("go1.19.8")
        let g = try GoroutineProfile.parse(f.bytes("goroutine.txt"))
        let top = try #require(g.sites().first)
        #expect(top.site.function == "main.leakGoroutines.func1")
        #expect(top.count == f.int("goroutine_leak_record_count"))
        #expect(top.site.location.hasSuffix("go-leak.go:87"))
        // The accept loop's site skips `internal/poll` and `runtime.` frames.
        #expect(g.sites().contains { $0.site.function == "net.(*netFD).accept" && $0.count == 1 })
        // `1 @ 0x46b181` has no frame line: its site is the bare address.
        #expect(g.sites().contains { $0.site.described == "0x46b181 | " && $0.count == 1 })
    }

    @Test func gccgoAnonymousGoroutineRecordParses() throws {
        let f = GoFixture("gccgo12.2.0")
        let g = try GoroutineProfile.parse(f.bytes("goroutine.txt"))
        #expect(f.int("goroutine_leak_record_count") == nil)
        // `21 @` with no addresses, then `#\t0x0`.
        let anonymous = try #require(g.profile.records.first)
        #expect(anonymous.counts == [21])
        #expect(anonymous.stack == [0])
        let top = try #require(g.sites().first)
        #expect(top.count == 21)
        #expect(top.site.described == "0x0 | ")
        #expect(g.sites().reduce(0) { $0 + $1.count } == f.int("goroutines_total"))
    }

    // MARK: GoSite

    @Test func siteSkipsRuntimeAndInternalFrames() {
        let symbols: [UInt64: [GoFrame]] = [
            0x10: [GoFrame(function: "runtime.mallocgc", file: "runtime/malloc.go", line: 1)],
            0x20: [GoFrame(function: "internal/poll.(*FD).Read", file: "internal/poll/fd_unix.go", line: 2)],
            0x28: [GoFrame(function: "runtime/internal/atomic.Load", file: "x.go", line: 9)],
            0x30: [GoFrame(function: "main.leak", file: "./main.go", line: 3)],
            0x40: [GoFrame(function: "main.caller", file: "./main.go", line: 4)],
        ]
        #expect(GoSite.of([0x10, 0x20, 0x28, 0x30, 0x40], symbols: symbols).described == "main.leak | ./main.go:3")
        // Inlined frames at one address: the first non-runtime one wins.
        let inlined: [UInt64: [GoFrame]] = [
            0x50: [GoFrame(function: "runtime.growslice", file: "r.go", line: 1), GoFrame(function: "main.appendAll", file: "m.go", line: 7)],
        ]
        #expect(GoSite.of([0x50], symbols: inlined).described == "main.appendAll | m.go:7")
        // A name that merely starts like the runtime is not the runtime.
        let lookalike: [UInt64: [GoFrame]] = [0x60: [GoFrame(function: "runtimestats.Collect", file: "s.go", line: nil)]]
        #expect(GoSite.of([0x60], symbols: lookalike).described == "runtimestats.Collect | s.go")
    }

    @Test func siteFallsBackToInnermostFrameThenAddress() {
        let symbols: [UInt64: [GoFrame]] = [
            0x10: [GoFrame(function: "runtime.malg", file: "runtime/proc.go", line: 4076)],
            0x20: [GoFrame(function: "runtime.systemstack", file: "runtime/asm_amd64.s", line: 492)],
        ]
        #expect(GoSite.of([0x10, 0x20], symbols: symbols).described == "runtime.malg | runtime/proc.go:4076")
        #expect(GoSite.of([0x4a2b3b, 0x10], symbols: [:]).described == "0x4a2b3b | ")
        #expect(GoSite.of([], symbols: [:]).described == "? | ")
        // Frames without a function name (gccgo's `#\t0x0`) are skipped.
        let unnamed: [UInt64: [GoFrame]] = [0: [GoFrame(function: "", file: "", line: nil)]]
        #expect(GoSite.of([0], symbols: unnamed).described == "0x0 | ")
        // An unsymbolized innermost address before a symbolized runtime frame: the runtime frame is used.
        #expect(GoSite.of([0x99, 0x20], symbols: symbols).function == "runtime.systemstack")
    }

    @Test func frameLinesWithOddSpacingAndLabels() throws {
        let text = """
        goroutine profile: total 5
        3 @ 0x100 0x200 # labels: {"k":"v"}
        #\t0xff\tmain.worker+0x1f    /src/w.go:12
        #\t0x1ff\tmain.(*Pool).run+0x9\t\t\t/src/with space/p.go:40

        2 @ 0x300
        #\t0x2ff\tmain.idle\t/src/i.go

        """
        let g = try GoroutineProfile.parse(Array(text.utf8))
        #expect(g.total == 5)
        #expect(g.profile.records.map(\.counts) == [[3], [2]])
        #expect(g.profile.records[0].stack == [0xFF, 0x1FF])
        #expect(g.profile.symbols[0xFF] == [GoFrame(function: "main.worker", file: "/src/w.go", line: 12)])
        #expect(g.profile.symbols[0x1FF] == [GoFrame(function: "main.(*Pool).run", file: "/src/with space/p.go", line: 40)])
        #expect(g.profile.symbols[0x2FF] == [GoFrame(function: "main.idle", file: "/src/i.go", line: nil)])
        #expect(g.sites().map(\.site.function) == ["main.worker", "main.idle"])
    }

    // MARK: errors

    @Test(arguments: GoFixture.versions)
    func htmlIsNotJSONNorAProfile(_ version: String) {
        let html = GoFixture(version).bytes("index.html")
        let varsError = #expect(throws: GoParseError.self) { try GoVars.parse(html) }
        #expect(varsError == .notJSON(offset: 0) || varsError == .missingMemstats)
        #expect(throws: GoParseError.notProfile(expected: "heap")) { try GoHeapProfile.parse(html) }
        #expect(throws: GoParseError.notProfile(expected: "goroutine")) { try GoroutineProfile.parse(html) }
        #expect(GoParseError.notProfile(expected: "heap").message == "not a heap profile in debug=1 text form")
    }

    @Test(arguments: GoFixture.versions)
    func eachParserRejectsTheOtherBodies(_ version: String) {
        let f = GoFixture(version)
        #expect(throws: GoParseError.notProfile(expected: "heap")) { try GoHeapProfile.parse(f.bytes("goroutine.txt")) }
        #expect(throws: GoParseError.notProfile(expected: "heap")) { try GoHeapProfile.parse(f.bytes("vars.json")) }
        #expect(throws: GoParseError.notProfile(expected: "goroutine")) { try GoroutineProfile.parse(f.bytes("heap.txt")) }
        #expect(throws: GoParseError.self) { try GoVars.parse(f.bytes("heap.txt")) }
    }

    @Test func jsonWithoutMemstatsOrFields() {
        #expect(throws: GoParseError.missingField("HeapAlloc")) { try GoVars.parse(Array(#"{"memstats":{}}"#.utf8)) }
        #expect(throws: GoParseError.missingField("NumGC")) {
            try GoVars.parse(Array(#"{"memstats":{"HeapAlloc":1,"HeapInuse":2,"HeapSys":3}}"#.utf8))
        }
        #expect(throws: GoParseError.missingField("HeapAlloc")) {
            try GoVars.parse(Array(#"{"memstats":{"HeapAlloc":-1,"HeapInuse":2,"HeapSys":3,"NumGC":4}}"#.utf8))
        }
        #expect(throws: GoParseError.missingField("HeapInuse")) {
            try GoVars.parse(Array(#"{"memstats":{"HeapAlloc":1,"HeapInuse":2.5,"HeapSys":3,"NumGC":4}}"#.utf8))
        }
        #expect(throws: GoParseError.missingField("HeapSys")) {
            try GoVars.parse(Array(#"{"memstats":{"HeapAlloc":1,"HeapInuse":2,"HeapSys":"3","NumGC":4}}"#.utf8))
        }
        #expect(throws: GoParseError.missingMemstats) { try GoVars.parse(Array(#"{"cmdline":[]}"#.utf8)) }
        #expect(throws: GoParseError.missingMemstats) { try GoVars.parse(Array(#"{"memstats":5}"#.utf8)) }
        #expect(throws: GoParseError.missingMemstats) { try GoVars.parse(Array("[]".utf8)) }
        #expect(throws: GoParseError.missingMemstats) { try GoVars.parse(Array("42".utf8)) }
    }

    @Test func malformedJSONIsNotJSON() {
        for text in ["", " ", "{", "{\"a\"", "{\"a\":}", "{\"a\":1,}", "[1 2]", "{} x", "tru", "nul", "\"abc", "\"\\x\"", "\"\\u12G4\"", "-", "1.", "1e", "{1:2}"] {
            let e = #expect(throws: GoParseError.self, "\(text)") { try JSONValue.parse(Array(text.utf8)) }
            if case .notJSON(let offset) = e {
                #expect(offset >= 0 && offset <= text.utf8.count, "\(text)")
            } else {
                Issue.record("\(text): \(String(describing: e))")
            }
        }
        // A control character inside a string is not JSON.
        #expect(throws: GoParseError.notJSON(offset: 2)) { try JSONValue.parse([UInt8(ascii: "\""), UInt8(ascii: "a"), 0x0A, UInt8(ascii: "\"")]) }
    }

    @Test func jsonValuesAndEscapes() throws {
        let v = try JSONValue.parse(Array(#" {"s": "a\"b\\c\/d\n\u00e9\ud800", "n": -12.5e3, "t": true, "f": false, "z": null, "a": [], "o": {}} "#.utf8))
        #expect(v["s"] == .string("a\"b\\c/d\n\u{e9}\u{FFFD}"))
        #expect(v["n"] == .number("-12.5e3"))
        #expect(v["n"]?.int64 == nil && v["n"]?.uint64 == nil)
        #expect(v["t"] == .bool(true) && v["f"] == .bool(false) && v["z"] == .null)
        #expect(v["a"] == .array([]) && v["o"] == .object([]))
        #expect(v["missing"] == nil)
        #expect(JSONValue.number("-3").int64 == -3 && JSONValue.number("-3").uint64 == nil)
    }

    @Test func deeplyNestedJSONIsTooDeepNotACrash() {
        let arrays = [UInt8](repeating: UInt8(ascii: "["), count: 1000) + [UInt8](repeating: UInt8(ascii: "]"), count: 1000)
        #expect(throws: GoParseError.tooDeep) { try JSONValue.parse(arrays) }
        #expect(throws: GoParseError.tooDeep) { try GoVars.parse(arrays) }
        let open = [UInt8](repeating: UInt8(ascii: "["), count: 1000)
        #expect(throws: GoParseError.tooDeep) { try GoVars.parse(open) }
        let objects = Array(String(repeating: "{\"a\":", count: 1000).utf8) + Array("1".utf8) + [UInt8](repeating: UInt8(ascii: "}"), count: 1000)
        #expect(throws: GoParseError.tooDeep) { try GoVars.parse(objects) }
        let deepMemstats = Array(#"{"memstats":"#.utf8) + arrays + [UInt8(ascii: "}")]
        #expect(throws: GoParseError.tooDeep) { try GoVars.parse(deepMemstats) }

        // The limit itself: maximumDepth levels parse, one more does not.
        let d = JSONValue.maximumDepth
        let atLimit = [UInt8](repeating: UInt8(ascii: "["), count: d) + [UInt8](repeating: UInt8(ascii: "]"), count: d)
        #expect(throws: Never.self) { try JSONValue.parse(atLimit) }
        let over = [UInt8](repeating: UInt8(ascii: "["), count: d + 1) + [UInt8](repeating: UInt8(ascii: "]"), count: d + 1)
        #expect(throws: GoParseError.tooDeep) { try JSONValue.parse(over) }
    }

    @Test func profileShapeErrors() {
        func heap(_ s: String) throws(GoParseError) { _ = try GoHeapProfile.parse(Array(s.utf8)) }
        func goroutines(_ s: String) throws(GoParseError) { _ = try GoroutineProfile.parse(Array(s.utf8)) }
        #expect(throws: GoParseError.truncated) { try heap("heap profile: 1: 2 [3: 4] @ heap/2") }
        #expect(throws: GoParseError.truncated) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] @ 0x1") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\nnonsense\n") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] 0x1\n") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] @ zz\n") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] 5 @ 0x1\n") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n99999999999999999999: 2 [3: 4] @ 0x1\n") }
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] @ 0x1ffffffffffffffff\n") }
        // A frame line before any record.
        #expect(throws: GoParseError.malformedLine(2)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n#\t0x1\tmain.f\t/a.go:1\n") }
        #expect(throws: GoParseError.malformedLine(3)) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1: 2 [3: 4] @ 0x1\n#\t0xzz\tmain.f\t/a.go:1\n") }
        // A goroutine-shaped record in a heap profile and the reverse.
        #expect(throws: GoParseError.notProfile(expected: "heap")) { try heap("heap profile: 1: 2 [3: 4] @ heap/2\n1 @ 0x1\n") }
        #expect(throws: GoParseError.notProfile(expected: "goroutine")) { try goroutines("goroutine profile: total 1\n1: 2 [3: 4] @ 0x1\n") }
        #expect(throws: GoParseError.malformedLine(1)) { try goroutines("goroutine profile: total many\n") }
        #expect(throws: GoParseError.notProfile(expected: "goroutine")) { try goroutines("goroutine profile:\n") }
    }

    // MARK: hostile numbers

    @Test func goroutineSitesWithHugeCountsSaturate() throws {
        let text = "goroutine profile: total 2\n9223372036854775807 @ 0x1\n\n9223372036854775807 @ 0x1\n"
        #expect(try GoroutineProfile.parse(Array(text.utf8)).sites().first?.count == Int.max)
        #expect(throws: GoParseError.malformedLine(1)) { try GoroutineProfile.parse(Array("goroutine profile: total -5\n".utf8)) }
        #expect(throws: GoParseError.notJSON(offset: 13)) { try JSONValue.parse(Array("{\"memstats\": 01}".utf8)) }
    }

    @Test func unsampleStaysFiniteForTinyAverages() throws {
        // 10^19 objects in 1 byte: 1 − e^(−x) rounds to 0 and the estimate becomes inf; diffs become NaN.
        let text = "heap profile: 1: 1 [1: 1] @ heap/1048576\n10000000000000000000: 1 [0: 0] @ 0x1\n"
        let p = try GoHeapProfile.parse(Array(text.utf8))
        #expect(GoHeapProfile.unsample(objects: 10_000_000_000_000_000_000, bytes: 1, rate: 524_288).bytes.isFinite)
        #expect(GoHeapSiteChange.diff(base: p, current: p).allSatisfy { !$0.bytesChange.isNaN })
    }

    // MARK: robustness

    /// Runs every parser on `bytes`; each either returns or throws its typed error, and parsed
    /// profiles can be summarized.
    static func parseAll(_ bytes: [UInt8]) {
        _ = try? GoVars.parse(bytes)
        if let h = try? GoHeapProfile.parse(bytes) {
            _ = h.sites()
            _ = GoHeapSiteChange.diff(base: nil, current: h)
            _ = GoHeapSiteChange.diff(base: h, current: h)
        }
        if let g = try? GoroutineProfile.parse(bytes) {
            _ = g.sites()
        }
    }

    @Test(arguments: GoFixture.versions)
    func everyPrefixParsesOrFailsCleanly(_ version: String) {
        let f = GoFixture(version)
        for name in GoFixture.files {
            let full = f.bytes(name)
            // Every 7th cut, the first and last 64, and the cuts on both sides of every line end.
            var cuts = Set(stride(from: 0, through: full.count, by: 7))
            cuts.formUnion(0...min(64, full.count))
            cuts.formUnion(max(0, full.count - 64)...full.count)
            for (i, b) in full.enumerated() where b == UInt8(ascii: "\n") { cuts.formUnion([i, i + 1]) }
            for n in cuts.sorted() {
                let prefix = Array(full.prefix(n))
                if name.hasSuffix(".json") {
                    // The document is one object: cut before its closing brace, it is not JSON.
                    let close = full.lastIndex(of: UInt8(ascii: "}"))!
                    do throws(GoParseError) {
                        _ = try GoVars.parse(prefix)
                        #expect(n > close, "\(name) prefix \(n) parsed")
                    } catch {
                        #expect(n <= close, "\(name) prefix \(n): \(error)")
                        if case .notJSON(let offset) = error {
                            #expect(offset <= n, "\(name) prefix \(n)")
                        } else {
                            Issue.record("\(name) prefix \(n): \(error)")
                        }
                    }
                } else if name.hasSuffix(".txt") {
                    // Every line ends in a newline: a prefix ending in one is a complete profile.
                    let heap = name.hasPrefix("heap")
                    do throws(GoParseError) {
                        if heap { _ = try GoHeapProfile.parse(prefix).sites() } else { _ = try GoroutineProfile.parse(prefix).sites() }
                        #expect(prefix.last == UInt8(ascii: "\n"), "\(name) prefix \(n) parsed")
                    } catch {
                        #expect(error == .truncated || error == .notProfile(expected: heap ? "heap" : "goroutine"), "\(name) prefix \(n): \(error)")
                        #expect(prefix.last != UInt8(ascii: "\n"), "\(name) prefix \(n): \(error)")
                    }
                }
                Self.parseAll(prefix)
            }
        }
    }

    @Test(arguments: GoFixture.versions)
    func randomMutationsNeverCrash(_ version: String) {
        let f = GoFixture(version)
        var rng = MutationRNG(seed: version == "go1.19.8" ? 0x6D65_6D74_6F70_0001 : 0x6D65_6D74_6F70_0002)
        for name in GoFixture.files {
            let full = f.bytes(name)
            var current = full
            for i in 0..<400 {
                // Mostly fresh mutations of the capture, sometimes compounding on the last one.
                current = rng.mutate(i % 4 == 0 ? current : full)
                Self.parseAll(current)
            }
        }
    }
}
