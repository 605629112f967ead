import MemtopCore
import MemtopTestSupport
import Testing

/// Seeded mutation fuzzing of every parser that reads untrusted bytes (`/proc`, cgroup files, session
/// files, Go endpoints, the command line). A crash or trap kills the test process and so fails the run;
/// rerun one target with `--filter FuzzTests` and the printed index to reproduce. `memtop-bench fuzz`
/// runs the same targets with far more inputs.
@Suite struct FuzzTests {
    /// Fixed run seed: the inputs are the same on every run and machine.
    static let seed: UInt64 = 0x6D65_6D74_6F70_2101
    /// Inputs per target; MemtopCore is built with -O even in debug, so this stays a few seconds in all.
    static let count = 1_500

    @Test("mutated inputs never crash the parser and keep its invariants", arguments: FuzzTargets.names)
    func fuzz(_ name: String) {
        let target = FuzzTargets.named(name)
        // Big inputs are the bench's job: 64 KiB holds every file seed, 4 KiB every command-line one.
        let mutator = target.mutator(seed: Self.seed, maxSize: min(target.maxSize / 16, 64 << 10))
        var parsed = 0, rejected = 0
        for i in 0..<Self.count {
            let input = mutator.input(i)
            switch target.run(input, true) {
            case .parsed: parsed += 1
            case .rejected: rejected += 1
            case .violated(let why):
                Issue.record("\(name) input \(i) (seed \(Self.seed)): \(why); input: \(Self.literal(input))")
            }
        }
        // The seeds themselves must parse, or the fuzzer only explores the error paths.
        for (n, seed) in target.seeds.enumerated() {
            #expect(target.run(seed, true) == .parsed, "\(name) seed \(n) does not parse")
        }
        #expect(parsed + rejected <= Self.count)
    }

    @Test func mutatorIsDeterministic() {
        let a = Mutator(seeds: [Array("Rss: 4 kB\n".utf8)], seed: 42)
        let b = Mutator(seeds: [Array("Rss: 4 kB\n".utf8)], seed: 42)
        for i in 0..<500 { #expect(a.input(i) == b.input(i)) }
        #expect((0..<500).contains { a.input($0) != Mutator(seeds: a.seeds, seed: 43).input($0) })
    }

    @Test func mutatorRespectsMaxSize() {
        let m = Mutator(seeds: [Array(String(repeating: "line of text\n", count: 50).utf8)], seed: 7, maxSize: 4096)
        for i in 0..<2_000 { #expect(m.input(i).count <= 4096) }
    }

    /// A Swift literal for an input, shortened when huge.
    static func literal(_ input: [UInt8]) -> String {
        let shown = input.prefix(400)
        let text = shown.map { b -> String in
            switch b {
            case 0x0A: return "\\n"
            case 0x0D: return "\\r"
            case 0x09: return "\\t"
            case 0x22: return "\\\""
            case 0x5C: return "\\\\"
            case 0x20...0x7E: return String(UnicodeScalar(b))
            default: return "\\u{\(String(b, radix: 16))}"
            }
        }.joined()
        return "\"\(text)\"" + (input.count > shown.count ? " … (\(input.count) bytes)" : "")
    }
}
