import Foundation
import MemtopCore
import MemtopTestSupport
#if canImport(Glibc)
import Glibc
#endif

/// `memtop-bench fuzz [--per-parser N] [--seed S] [--only NAME]`: seeded mutation fuzzing of every parser
/// (`FuzzTargets`), N inputs each. A parser that traps kills the process: a signal handler then prints
/// the target, seed and input index and writes the input to /tmp/memtop-fuzz-crash.bin; a watchdog does
/// the same for an input that runs over 10 s. Progress lines go to stderr so the last index stays visible.
let fuzzBench = BenchCommand(name: "fuzz", summary: "seeded mutation fuzzing of every parser (--per-parser N, --seed S, --only NAME)") { args in
    var perParser = 100_000
    var seed: UInt64 = 1
    var only: String?
    var i = 0
    while i < args.count {
        let flag = args[i]
        let value = i + 1 < args.count ? args[i + 1] : nil
        switch flag {
        case "--per-parser": guard let v = value.flatMap(Int.init), v >= 0 else { return fuzzUsage() }; perParser = v
        case "--seed": guard let v = value.flatMap({ UInt64($0) ?? UInt64($0.dropFirst(2), radix: 16) }) else { return fuzzUsage() }; seed = v
        case "--only": guard let v = value, FuzzTargets.names.contains(v) else { return fuzzUsage() }; only = v
        default: return fuzzUsage()
        }
        i += 2
    }
    FuzzCrashReport.install()
    print("fuzz: \(perParser) inputs per parser, seed \(seed)")
    print("parser               inputs    parsed  rejected  violated   max KiB      time s   slowest input (ms, index, KiB)")
    var failed = false
    let clock = ContinuousClock()
    for target in FuzzTargets.all where only == nil || target.name == only {
        let mutator = target.mutator(seed: seed)
        var parsed = 0, rejected = 0, violated = 0, maxSize = 0
        var slowest = Duration.zero, slowestIndex = 0, slowestSize = 0
        FuzzCrashReport.begin(target: target.name, seed: seed)
        let step = max(1, perParser / 10)
        let elapsed = clock.measure {
            for n in 0..<perParser {
                let input = mutator.input(n)
                maxSize = max(maxSize, input.count)
                let start = clock.now
                let outcome = input.withUnsafeBufferPointer { p in
                    FuzzCrashReport.current(index: n, input: p)
                    return target.run(input, true)
                }
                let took = clock.now - start
                if took > slowest { slowest = took; slowestIndex = n; slowestSize = input.count }
                switch outcome {
                case .parsed: parsed += 1
                case .rejected: rejected += 1
                case .violated(let why):
                    violated += 1
                    if violated <= 3 {
                        let path = "/tmp/memtop-fuzz-\(target.name)-\(seed)-\(n).bin"
                        _ = FileManager.default.createFile(atPath: path, contents: Data(input))
                        FileHandle.standardError.write(Data("fuzz: \(target.name) seed \(seed) index \(n): \(why) (input in \(path))\n".utf8))
                    }
                }
                if (n + 1) % step == 0 {
                    FileHandle.standardError.write(Data("fuzz: \(target.name) seed \(seed) \(n + 1)/\(perParser)\n".utf8))
                }
            }
        }
        FuzzCrashReport.end()
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        print(target.name.padding(toLength: 18, withPad: " ", startingAt: 0)
              + String(format: "%9d %9d %9d %9d %9.1f %11.2f", perParser, parsed, rejected, violated, Double(maxSize) / 1024, seconds)
              + String(format: "   %8.1f #%d %.0f", ms(slowest), slowestIndex, Double(slowestSize) / 1024))
        if violated > 0 { failed = true }
    }
    if failed { print("fuzz: invariant violations found (seed \(seed)); see stderr") }
    return failed ? 1 : 0
}

private func ms(_ d: Duration) -> Double { Double(d.components.seconds) * 1000 + Double(d.components.attoseconds) * 1e-15 }

private func fuzzUsage() -> Int32 {
    FileHandle.standardError.write(Data("usage: memtop-bench fuzz [--per-parser N] [--seed S] [--only \(FuzzTargets.names.joined(separator: "|"))]\n".utf8))
    return 2
}

/// What the crash handler and the watchdog report: the input being parsed, kept where a signal handler can read it.
private enum FuzzCrashReport {
    nonisolated(unsafe) static var base: UnsafePointer<UInt8>?
    nonisolated(unsafe) static var count = 0
    nonisolated(unsafe) static var index = 0
    nonisolated(unsafe) static var active = false
    /// `fuzz: crash in TARGET seed S index ` as bytes, prepared outside the handler.
    nonisolated(unsafe) static var prefix: UnsafeMutableBufferPointer<UInt8> = .allocate(capacity: 256)
    nonisolated(unsafe) static var prefixCount = 0
    nonisolated(unsafe) static var progress = 0
    /// The index's decimal digits, written without allocating in the handler.
    nonisolated(unsafe) static var digits: UnsafeMutableBufferPointer<UInt8> = .allocate(capacity: 24)
    static let path = "/tmp/memtop-fuzz-crash.bin"

    static func begin(target: String, seed: UInt64) {
        let text = Array("\nfuzz: CRASH in \(target) seed \(seed) index ".utf8.prefix(200))
        _ = prefix.initialize(from: text)
        prefixCount = text.count
        active = true
    }

    @inline(__always) static func current(index n: Int, input p: UnsafeBufferPointer<UInt8>) {
        base = p.baseAddress
        count = p.count
        index = n
        progress &+= 1
    }

    static func end() { active = false }

    /// Writes the report with async-signal-safe calls only.
    static func report(_ what: StaticString) {
        guard active else { return }
        _ = write(2, prefix.baseAddress, prefixCount)
        var n = index, k = 24
        repeat { k -= 1; digits[k] = UInt8(48 + n % 10); n /= 10 } while n > 0 && k > 0
        _ = write(2, digits.baseAddress! + k, 24 - k)
        _ = write(2, " (", 2)
        _ = write(2, what.utf8Start, what.utf8CodeUnitCount)
        let tail: StaticString = "); input written to /tmp/memtop-fuzz-crash.bin\n"
        _ = write(2, tail.utf8Start, tail.utf8CodeUnitCount)
        let fd = open("/tmp/memtop-fuzz-crash.bin", O_WRONLY | O_CREAT | O_TRUNC, 0o644)
        if fd >= 0, let base { _ = write(fd, base, count); close(fd) }
    }

    static func install() {
        for sig in [SIGILL, SIGTRAP, SIGSEGV, SIGBUS, SIGABRT, SIGFPE] {
            signal(sig) { s in
                FuzzCrashReport.report(s == SIGSEGV || s == SIGBUS ? "memory fault" : "trap")
                signal(s, SIG_DFL)
                raise(s)
            }
        }
        // A hang: no new input for 10 s.
        Thread.detachNewThread {
            var last = -1
            var still = 0
            while true {
                sleep(1)
                let now = FuzzCrashReport.progress
                if FuzzCrashReport.active, now == last { still += 1 } else { still = 0 }
                last = now
                if still >= 10 {
                    FuzzCrashReport.report("hang: over 10 s on one input")
                    exit(1)
                }
            }
        }
    }
}
