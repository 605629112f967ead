import MemtopCore

/// A seeded byte-level mutator for fuzzing the parsers: the same seed, seeds and index always give
/// the same input, so a crash is reproduced from the numbers the fuzzer printed.
///
/// Each input is one to a few stacked mutations of one seed: bit flips, random byte set/insert/delete,
/// chunk duplicate/delete/swap, truncation, splicing with another seed, "interesting" tokens
/// (huge numbers, separators, control bytes, deep nesting) and line repetition. Results are capped
/// at `maxSize` bytes.
public struct Mutator: Sendable {
    /// The seed corpus mutated from; never empty (an empty list becomes one empty seed).
    public let seeds: [[UInt8]]
    /// Largest input produced, in bytes.
    public let maxSize: Int
    /// The run's seed; input `i` depends only on it, `i` and `seeds`.
    public let seed: UInt64

    /// Tokens that tend to break hand-written parsers: separators, overflowing numbers, control bytes.
    public static let tokens: [[UInt8]] = {
        var t: [String] = [
            "\n", ":", " kB", "0x", "-", "18446744073709551615", "18446744073709551616", "9223372036854775807",
            "9223372036854775808", "-9223372036854775808", "99999999999999999999", "\0", "\u{1b}[2J", "[", "]", "{", "}",
            "\"", ",", "@", "#\t0x", "\r\n\r\n", "\r\n", "\t", " ", "(", ")", ")) ", "\\", "\\u0000", "\\ud800", "e999",
            "1e309", "-0", "NaN", "inf", "max", "0", "-1", "4294967296", "2147483648", "ffffffffffffffff-0 ", "\u{FFFD}",
            "\u{80}", "T", "Z", "+99:99", ".", "--", "=", "%", "://", "HTTP/1.1 200 OK\r\n", "Content-Length: ",
            "Transfer-Encoding: chunked\r\n", "\r\n0\r\n\r\n", "ffffffffffffffff\r\n",
        ]
        t.append(String(repeating: "9", count: 400))
        t.append(String(repeating: "0", count: 5_000))
        t.append(String(repeating: "[", count: 1_000))
        t.append(String(repeating: "{\"a\":", count: 1_000))
        t.append(String(repeating: "\"", count: 1_000))
        return t.map { Array($0.utf8) } + [[0xFF], [0xC0, 0x80], [0xED, 0xA0, 0x80], [0xF4, 0x90, 0x80, 0x80]]
    }()

    /// A mutator over `seeds` for run `seed`, producing inputs of at most `maxSize` bytes (default 1 MiB).
    public init(seeds: [[UInt8]], seed: UInt64, maxSize: Int = 1 << 20) {
        self.seeds = seeds.isEmpty ? [[]] : seeds
        self.seed = seed
        self.maxSize = max(1, maxSize)
    }

    /// The `index`th input of this run: deterministic, independent of the inputs before it.
    public func input(_ index: Int) -> [UInt8] {
        var rng = SplitMix64(seed: seed &* 0x9E37_79B9_7F4A_7C15 ^ UInt64(truncatingIfNeeded: index) &* 0xBF58_476D_1CE4_E5B9)
        _ = rng.next()
        var data = seeds[Int(rng.next() % UInt64(seeds.count))]
        // Mostly one or two mutations (stays near valid input, reaching deep parser states); sometimes many.
        let roll = rng.next() % 16
        let count = roll < 8 ? 1 : roll < 13 ? 2 : roll < 15 ? 4 : 12
        for _ in 0..<count { mutate(&data, &rng) }
        if data.count > maxSize { data.removeSubrange(maxSize...) }
        return data
    }

    /// A string input: `input(index)` decoded as UTF-8 (invalid bytes become U+FFFD).
    public func string(_ index: Int) -> String { String(decoding: input(index), as: UTF8.self) }

    /// Applies one randomly chosen mutation to `data`.
    public func mutate(_ data: inout [UInt8], _ rng: inout SplitMix64) {
        func below(_ n: Int) -> Int { n <= 0 ? 0 : Int(rng.next() % UInt64(n)) }
        /// A position biased toward the start, where headers and first lines live.
        func position(_ n: Int) -> Int { rng.next() % 4 == 0 ? below(min(n, 64) + 1) : below(n + 1) }
        func chunk() -> Range<Int> {
            guard !data.isEmpty else { return 0..<0 }
            let start = below(data.count)
            let len = 1 + below(min(data.count - start, rng.next() % 3 == 0 ? 4_096 : 64))
            return start..<(start + len)
        }
        func randomByte() -> UInt8 {
            // Bias toward the bytes the formats use.
            let common: [UInt8] = Array("\n :\t0123456789-x,\"[]{}()@#.\r kBf".utf8)
            return rng.next() % 2 == 0 ? common[below(common.count)] : UInt8(truncatingIfNeeded: rng.next())
        }
        switch rng.next() % 16 {
        case 0:  // flip one bit
            guard !data.isEmpty else { data.append(randomByte()); return }
            data[below(data.count)] ^= 1 << UInt8(below(8))
        case 1:  // set a byte
            guard !data.isEmpty else { data.append(randomByte()); return }
            data[below(data.count)] = randomByte()
        case 2:  // insert bytes
            let at = position(data.count)
            data.insert(contentsOf: (0..<(1 + below(4))).map { _ in randomByte() }, at: at)
        case 3:  // delete a byte
            guard !data.isEmpty else { return }
            data.remove(at: below(data.count))
        case 4:  // duplicate a chunk in place
            let r = chunk()
            data.insert(contentsOf: Array(data[r]), at: r.upperBound)
        case 5:  // delete a chunk
            data.removeSubrange(chunk())
        case 6:  // swap two chunks
            let a = chunk(), b = chunk()
            guard !a.isEmpty, !b.isEmpty, a.upperBound <= b.lowerBound || b.upperBound <= a.lowerBound else { return }
            let (first, second) = a.lowerBound < b.lowerBound ? (a, b) : (b, a)
            let x = Array(data[first]), y = Array(data[second])
            data.replaceSubrange(second, with: x)
            data.replaceSubrange(first, with: y)
        case 7:  // truncate
            data.removeSubrange(below(data.count + 1)...)
        case 8:  // splice: our head, another seed's tail
            let other = seeds[below(seeds.count)]
            let cut = below(data.count + 1)
            let from = below(other.count + 1)
            data = Array(data[..<cut]) + other[from...]
        case 9, 10, 11:  // insert an interesting token
            let token = Self.tokens[below(Self.tokens.count)]
            data.insert(contentsOf: token, at: position(data.count))
        case 12:  // overwrite with a token (replacing a number or a separator in place)
            let token = Self.tokens[below(Self.tokens.count)]
            let at = below(data.count + 1)
            let end = min(data.count, at + token.count)
            data.replaceSubrange(at..<end, with: token)
        case 13:  // repeat one line many times, bounded by maxSize
            guard !data.isEmpty else { return }
            let at = below(data.count)
            var s = at
            while s > 0, data[s - 1] != 0x0A { s -= 1 }
            var e = at
            while e < data.count, data[e] != 0x0A { e += 1 }
            if e < data.count { e += 1 }
            let line = Array(data[s..<e])
            guard !line.isEmpty else { return }
            let room = max(0, maxSize - data.count) / line.count
            let times = min(room, rng.next() % 2 == 0 ? 1 + below(16) : 1 + below(20_000))
            guard times > 0 else { return }
            var block: [UInt8] = []
            block.reserveCapacity(line.count * times)
            for _ in 0..<times { block += line }
            data.insert(contentsOf: block, at: e)
        case 14:  // replace a run of digits with a boundary number
            guard let d = data.indices.dropFirst(below(data.count)).first(where: { data[$0] >= 0x30 && data[$0] <= 0x39 }) else { return }
            var e = d
            while e < data.count, data[e] >= 0x30, data[e] <= 0x39 { e += 1 }
            let numbers = ["0", "1", "18446744073709551615", "18446744073709551616", "9223372036854775807",
                           "9223372036854775808", "4294967295", "2147483647", "99999999999999999999", "-1", "1e308"]
            data.replaceSubrange(d..<e, with: Array(numbers[below(numbers.count)].utf8))
        default:  // nested brackets / quotes at a position
            let opener: UInt8 = [0x5B, 0x7B, 0x22, 0x28][below(4)]
            let depth = 1 + below(rng.next() % 4 == 0 ? 100_000 : 64)
            data.insert(contentsOf: [UInt8](repeating: opener, count: min(depth, max(0, maxSize - data.count))),
                        at: position(data.count))
        }
    }
}

/// What one fuzz input did to a parser.
public enum FuzzOutcome: Equatable, Sendable {
    /// Returned a value (and the value met every invariant checked).
    case parsed
    /// Threw its typed error, or returned nil where nil means "not this format".
    case rejected
    /// Returned a value that broke an invariant; the text says which.
    case violated(String)
}

/// One parser under fuzzing: its seed inputs and how to feed it one input.
public struct FuzzTarget: Sendable, CustomStringConvertible {
    /// Short unique name (the test argument and bench row label).
    public let name: String
    /// Real inputs to mutate from.
    public let seeds: [[UInt8]]
    /// Largest input worth feeding: 1 MiB for files, 64 KiB for command-line text (the kernel caps
    /// one argument at 128 KiB, and the Character-level string parsers cost about 1 µs a byte).
    public let maxSize: Int
    /// Runs the parser on one input; with `checks`, also parses it twice and checks invariants.
    public let run: @Sendable (_ input: [UInt8], _ checks: Bool) -> FuzzOutcome

    /// A target from its parts.
    public init(name: String, seeds: [[UInt8]], maxSize: Int = 1 << 20,
                run: @escaping @Sendable (_ input: [UInt8], _ checks: Bool) -> FuzzOutcome) {
        self.name = name
        self.seeds = seeds
        self.maxSize = maxSize
        self.run = run
    }

    public var description: String { name }

    /// The mutator for this target's seeds; `seed` is mixed with the name so targets differ.
    public func mutator(seed: UInt64, maxSize: Int? = nil) -> Mutator {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for b in name.utf8 { h = (h ^ UInt64(b)) &* 0x0100_0000_01B3 }
        return Mutator(seeds: seeds, seed: seed ^ h, maxSize: min(maxSize ?? self.maxSize, self.maxSize))
    }
}

/// Every parser memtop feeds untrusted bytes to, with seeds from `Tests/Fixtures`.
public enum FuzzTargets {
    /// Target names, in order (usable as test arguments without loading the seeds).
    public static var names: [String] { all.map(\.name) }

    /// A target by name.
    public static func named(_ name: String) -> FuzzTarget {
        guard let t = all.first(where: { $0.name == name }) else { fatalError("no fuzz target \(name)") }
        return t
    }

    static func procFiles(_ file: String) -> [[UInt8]] {
        Fixtures.procCaseNames.compactMap { Fixtures.exists("proc/\($0)/\(file)") ? Fixtures.bytes("proc/\($0)/\(file)") : nil }
    }

    static func goFiles(_ files: String...) -> [[UInt8]] {
        ["go1.19.8", "gccgo12.2.0"].flatMap { v in files.compactMap { Fixtures.exists("go/\(v)/\($0)") ? Fixtures.bytes("go/\(v)/\($0)") : nil } }
    }

    /// A short recorded session, with and without the Go columns, as the CSV seeds.
    public static func sessionCSVSeeds() -> [[UInt8]] {
        [false, true].map { go in
            var text = SessionCSV.header(go: go)
            for i in 0..<6 {
                var s = Sample(time: 1_796_400_000.125 + Double(i), elapsed: Double(i) + 0.5, pid: 4242)
                s.rss = UInt64(100 + i) << 20
                s.anon = 80 << 20
                s.file = 20 << 20
                s.shmem = 0
                s.vmSize = 1 << 30
                s.vmHWM = UInt64(105) << 20
                s.threads = 7
                s.minflt = UInt64(i) * 1000
                s.majflt = 2
                if i % 2 == 0 { s.pss = 90 << 20; s.uss = 85 << 20; s.heap = 60 << 20; s.stack = 132 << 10; s.lazyfree = 0; s.swap = 4096 }
                if go { s.goHeapAlloc = 50 << 20; s.goHeapInuse = 55 << 20; s.goHeapSys = 70 << 20; s.goNumGC = UInt64(i); s.goroutines = 12 }
                if i == 2 { s.events = [.baseline] }
                if i == 4 { s.events = [.alert(.rss), .alert(.heap)] }
                if i == 5 { s.events = [.exit] }
                text += SessionCSV.row(s, go: go)
            }
            return Array(text.utf8)
        }
    }

    /// Argument lists joined with NUL (the mutator's input is split on NUL back into arguments).
    static let invocationSeeds: [[UInt8]] = [
        ["--pid", "1234", "--interval", "500ms", "--csv", "out.csv", "--alert-rate", "1MiB/min", "--fail-on-alert"],
        ["-n", "nginx", "-d", "1h", "--no-ui", "--go", "http://localhost:6060/debug/pprof/"],
        ["--interval=2s", "--duration=1.5m", "--demo", "--ascii", "--no-color", "--export-dir", "/tmp"],
        ["--replay", "session.csv", "--alert-rate=512KiB/s"],
        ["report", "session.csv", "-o", "out.html", "--alert-rate", "10MB/h", "--limit", "4GiB"],
        ["--go", "[::1]:6060", "--", "./server", "--flag", "x"],
        ["__workload", "leak", "1MiB"], ["-h"], ["-V"], [],
    ].map { Array($0.joined(separator: "\0").utf8) }

    static func arguments(_ input: [UInt8]) -> [String] {
        input.isEmpty ? [] : input.split(separator: 0, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
    }

    /// Longest run of ASCII digits: with at most 10, no sum of kB values in a 1 MiB input can wrap a UInt64.
    static func longestDigitRun(_ input: [UInt8]) -> Int {
        var best = 0, run = 0
        for b in input { if b >= 0x30 && b <= 0x39 { run += 1; best = max(best, run) } else { run = 0 } }
        return best
    }

    /// Parses twice and compares: a parser must be a pure function of its bytes.
    static func twice<T: Equatable, E: Error>(_ input: [UInt8], _ checks: Bool, _ parse: ([UInt8]) throws(E) -> T,
                                             _ invariant: (T) -> String? = { _ in nil }) -> FuzzOutcome {
        let first: T
        do { first = try parse(input) } catch {
            if checks { do { _ = try parse(input); return .violated("threw, then parsed on the second try") } catch {} }
            return .rejected
        }
        guard checks else { return .parsed }
        let second: T
        do { second = try parse(input) } catch { return .violated("parsed, then threw on the second try") }
        if first != second { return .violated("two parses of the same bytes differ") }
        return invariant(first).map(FuzzOutcome.violated) ?? .parsed
    }

    static func smapsInvariant(_ input: [UInt8], _ s: SmapsSummary, kept: Bool) -> String? {
        if kept, s.mappings.count != s.mappingCount { return "mappings.count \(s.mappings.count) != mappingCount \(s.mappingCount)" }
        if !kept, !s.mappings.isEmpty { return "mappings kept without keepMappings" }
        if longestDigitRun(input) <= 10 {
            let (sum, o) = s.heap.addingReportingOverflow(s.stack)
            if o || sum > s.rss { return "heap \(s.heap) + stack \(s.stack) > rss \(s.rss)" }
        }
        return nil
    }

    /// Every target.
    public static let all: [FuzzTarget] = [
        FuzzTarget(name: "ProcStatus", seeds: procFiles("status")) { input, checks in
            twice(input, checks, ProcStatus.parse)
        },
        FuzzTarget(name: "ProcStat", seeds: procFiles("stat")) { input, checks in
            twice(input, checks, ProcStat.parse)
        },
        FuzzTarget(name: "SmapsRollup", seeds: procFiles("smaps_rollup")) { input, checks in
            twice(input, checks, ProcStatusFree.rollup) { r in
                _ = r.uss  // what the sampler reads: Private_Clean + Private_Dirty
                return nil
            }
        },
        FuzzTarget(name: "Smaps", seeds: procFiles("smaps")) { input, checks in
            twice(input, checks, { (b: [UInt8]) throws(ProcParseError) in try SmapsSummary.parse(b, keepMappings: true) }) {
                smapsInvariant(input, $0, kept: true)
            }
        },
        FuzzTarget(name: "SmapsBuffer", seeds: procFiles("smaps")) { input, checks in
            // The ReadBuffer path: the bytes in an exactly sized heap buffer, so an over-read lands outside it.
            twice(input, checks, { (b: [UInt8]) throws(ProcParseError) -> SmapsSummary in
                let buffer = UnsafeMutableBufferPointer<UInt8>.allocate(capacity: b.count)
                defer { buffer.deallocate() }
                _ = buffer.initialize(from: b)
                return try SmapsSummary.parse(UnsafeBufferPointer(buffer), keepMappings: false)
            }) { smapsInvariant(input, $0, kept: false) }
        },
        FuzzTarget(name: "Meminfo", seeds: [Fixtures.bytes("cgroup/meminfo")]) { input, checks in
            twice(input, checks, Meminfo.parse)
        },
        FuzzTarget(name: "CgroupMemberships", seeds: [Fixtures.bytes("cgroup/v1/proc-cgroup"), Fixtures.bytes("cgroup/v2/proc-cgroup")]) { input, checks in
            twice(input, checks, Cgroup.parseMemberships) { m in
                m.count <= input.count(where: { $0 == 0x0A }) ? nil : "more memberships than lines"
            }
        },
        FuzzTarget(name: "CgroupLimit", seeds: [
            Fixtures.bytes("cgroup/v1/sys/fs/cgroup/memory/process_api/memory.limit_in_bytes"),
            Fixtures.bytes("cgroup/v1/sys/fs/cgroup/memory/memory.limit_in_bytes"),
            Fixtures.bytes("cgroup/v2/sys/fs/cgroup/system.slice/app.service/memory.max"),
            Fixtures.bytes("cgroup/v2/sys/fs/cgroup/system.slice/memory.max"),
        ]) { input, checks in
            twice(input, checks, Cgroup.parseLimitValue)
        },
        FuzzTarget(name: "SessionCSV", seeds: sessionCSVSeeds()) { input, checks in
            do {
                let r = try SessionCSVReader.read(input)
                guard checks else { return .parsed }
                let lines = input.count(where: { $0 == 0x0A }) + 1
                if r.history.count > lines - 1 { return .violated("history \(r.history.count) rows from \(lines) lines") }
                guard let again = try? SessionCSVReader.read(input) else { return .violated("parsed, then threw") }
                if again.history.count != r.history.count || again.droppedTruncatedLine != r.droppedTruncatedLine {
                    return .violated("two reads differ")
                }
                return .parsed
            } catch { return .rejected }
        },
        FuzzTarget(name: "GoVars", seeds: goFiles("vars.json", "vars-after.json")) { input, checks in
            twice(input, checks, GoVars.parse) { v in
                v.expvars.count <= GoVars.maximumExpvars ? nil : "\(v.expvars.count) expvars"
            }
        },
        FuzzTarget(name: "JSONValue", seeds: goFiles("vars.json", "vars-after.json")) { input, checks in
            twice(input, checks, JSONValue.parse)
        },
        FuzzTarget(name: "GoHeapProfile", seeds: goFiles("heap.txt", "heap-after.txt")) { input, checks in
            let base = GoFuzzBase.heap
            let profile: GoHeapProfile
            do { profile = try GoHeapProfile.parse(input) } catch { return .rejected }
            let sites = profile.sites()
            let diff = GoHeapSiteChange.diff(base: base, current: profile)
            _ = GoHeapSiteChange.diff(base: profile, current: profile)
            _ = GoHeapSiteChange.diff(base: nil, current: profile)
            guard checks else { return .parsed }
            if diff.count < sites.count { return .violated("diff has fewer rows than sites") }
            guard let again = try? GoHeapProfile.parse(input) else { return .violated("parsed, then threw") }
            if again.profile.records != profile.profile.records || again.samplingRate != profile.samplingRate || again.memstats != profile.memstats {
                return .violated("two parses differ")
            }
            return .parsed
        },
        FuzzTarget(name: "GoroutineProfile", seeds: goFiles("goroutine.txt")) { input, checks in
            let profile: GoroutineProfile
            do { profile = try GoroutineProfile.parse(input) } catch { return .rejected }
            let sites = profile.sites()
            guard checks else { return .parsed }
            if sites.contains(where: { $0.count < 0 }) { return .violated("negative goroutine count") }
            guard let again = try? GoroutineProfile.parse(input) else { return .violated("parsed, then threw") }
            if again.total != profile.total || again.profile.records != profile.profile.records { return .violated("two parses differ") }
            return .parsed
        },
        FuzzTarget(name: "HTTPResponse", seeds: httpSeeds()) { input, checks in
            twice(input, checks, HTTPResponse.parse) { r in
                _ = r.looksLikeHTML
                return r.body.count <= input.count ? nil : "body longer than the response"
            }
        },
        FuzzTarget(name: "Timestamp", seeds: ["2026-12-04T19:39:47.123Z", "1970-01-01T00:00:00Z", "2038-01-19T03:14:07.9Z",
                                               "9999-12-31T23:59:60.999Z"].map { Array($0.utf8) }, maxSize: 64 << 10) { input, checks in
            let a = Timestamp.parseISO8601(input[...])
            let b = Timestamp.parseISO8601(Substring(String(decoding: input, as: UTF8.self)))
            // Slices that do not start at 0 take the copying path.
            let padded = [UInt8(ascii: "x")] + input
            let c = Timestamp.parseISO8601(padded[1...])
            if checks, a?.bitPattern != c?.bitPattern { return .violated("offset slice parsed differently") }
            if checks, Array(String(decoding: input, as: UTF8.self).utf8) == input, a?.bitPattern != b?.bitPattern {
                return .violated("Substring and bytes parse differently")
            }
            return a == nil ? .rejected : .parsed
        },
        FuzzTarget(name: "GoEndpoint", seeds: ["http://localhost:6060", "localhost:6060", ":6060", "http://[::1]:6060/app/debug/pprof/heap?debug=1",
                                                "127.0.0.1:8080/base/debug/vars#x", "HTTP://Example.com:80/"].map { Array($0.utf8) }, maxSize: 64 << 10) { input, checks in
            twice(input, checks, { (b: [UInt8]) throws(MemtopError) in try GoEndpoint.parse(String(decoding: b, as: UTF8.self)) }) { e in
                _ = e.display; _ = e.heapPath
                return nil
            }
        },
        FuzzTarget(name: "Units", seeds: ["4GiB", "512 KiB", "1.5m", "500ms", "1MiB/min", "10MB/h", "0", "2h", "1KiB/s"].map { Array($0.utf8) }, maxSize: 64 << 10) { input, checks in
            let text = String(decoding: input, as: UTF8.self)
            let bytes = try? Units.parseBytes(text)
            let duration = try? Units.parseDuration(text)
            let rate = try? Units.parseRate(text)
            if checks {
                if (try? Units.parseBytes(text)) != bytes { return .violated("parseBytes differs") }
                if let d = duration, d.isNaN { return .violated("duration is NaN") }
                if let r = rate, r.isNaN { return .violated("rate is NaN") }
            }
            return bytes == nil && duration == nil && rate == nil ? .rejected : .parsed
        },
        FuzzTarget(name: "Invocation", seeds: invocationSeeds, maxSize: 64 << 10) { input, checks in
            twice(input, checks, { (b: [UInt8]) throws(MemtopError) in try Invocation.parse(arguments(b)) })
        },
    ]

    static func httpSeeds() -> [[UInt8]] {
        let vars = goFiles("vars.json").first ?? []
        let heap = goFiles("heap.txt").first ?? []
        let html = goFiles("index.html").first ?? []
        func response(_ head: String, _ body: [UInt8]) -> [UInt8] { Array(head.utf8) + body }
        var chunked = Array("HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nTransfer-Encoding: chunked\r\n\r\n".utf8)
        var rest = heap[...]
        while !rest.isEmpty {
            let piece = rest.prefix(1000)
            chunked += Array((String(piece.count, radix: 16) + "\r\n").utf8) + piece + Array("\r\n".utf8)
            rest = rest.dropFirst(piece.count)
        }
        chunked += Array("0\r\n\r\n".utf8)
        return [
            response("HTTP/1.1 200 OK\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: \(vars.count)\r\n\r\n", vars),
            response("HTTP/1.0 404 Not Found\r\nContent-Type: text/html\r\nConnection: close\r\n\r\n", html),
            chunked,
        ]
    }
}

/// The baseline heap profile every fuzzed heap profile is diffed against.
enum GoFuzzBase {
    static let heap: GoHeapProfile? = FuzzTargets.goFiles("heap.txt").first.flatMap { try? GoHeapProfile.parse($0) }
}

/// Adapters where a parser's public entry point is overloaded.
enum ProcStatusFree {
    static func rollup(_ b: [UInt8]) throws(ProcParseError) -> SmapsRollup { try SmapsRollup.parse(b) }
}
