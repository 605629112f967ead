import Foundation
import MemtopCore
import MemtopTestSupport

/// `memtop-bench alerts`: the labelled leak corpus through the trend engine, scored.
let alertsBench = BenchCommand(name: "alerts", summary: "run the labelled leak corpus through the alert engine") { _ in
    let clock = ContinuousClock()
    var outcomes: [AlertOutcome] = []
    var samples = 0, seconds = 0.0
    for c in LeakCorpus.cases() {
        var events: [(time: Double, transition: TrendTransition)] = []
        let elapsed = clock.measure { events = c.replay() }
        let s = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
        outcomes.append(AlertOutcome(judging: c, events: events, milliseconds: s * 1000))
        samples += c.times.count
        seconds += s
    }
    print(AlertOutcome.header)
    for o in outcomes { print(o.row) }
    print("")
    print(AlertScore(outcomes).summary)
    print(String(format: "engine: %d samples in %.2f s, %.1f µs/sample", samples, seconds, seconds / Double(samples) * 1e6))
    let cost = engineCostOverASession()
    let at = { (minute: Int) in String(format: "%.2f", cost[minute - 1]) }
    print("µs/sample over 3 h at 100 ms, by minute: 1: \(at(1))  30: \(at(30))  120: \(at(120))  150: \(at(150))  180: \(at(180))")
    print(String(format: "minute 180 / minute 150: %.2f (all windows, up to 2 h, are full by then: target about 1)", cost[179] / cost[149]))
    return 0
}

/// µs per sample the engine spends in each minute of a 3-hour session at 100 ms on a process
/// leaking 0.05 MiB/s with allocator noise (as `Tests/Tools/soak.sh` runs it). The cost rises while
/// the longer windows fill and must be flat once the longest (2 h) is full. Each minute is the
/// median of its 60 one-second slices, so a scheduling hiccup does not count.
private func engineCostOverASession() -> [Double] {
    var engine = AlertEngine(rate: 1_048_576, limit: nil)
    var rng = SplitMix64(seed: 5)
    var minutes: [Double] = []
    for minute in 0..<180 {
        var slices: [Double] = []
        for second in 0..<60 {
            let start = ContinuousClock.now
            for j in 0..<10 {
                let i = (minute * 60 + second) * 10 + j
                var s = Sample(time: 1_796_400_000 + Double(i) / 10, elapsed: Double(i) / 10, pid: 1)
                let rss = (20 << 20) + UInt64(i) * 5243 + (rng.next() % 256) * 4096
                s.rss = rss; s.anon = rss - (8 << 20); s.threads = 3
                if i % 10 == 0 { s.heap = rss - (12 << 20); s.pss = rss; s.uss = rss }
                _ = engine.feed(s)
            }
            slices.append(millis(since: start) * 100)
        }
        minutes.append(medianOf(slices))
    }
    return minutes
}

/// A case's score: a leak caught in time (TP) or not (FN), a wrong or early alarm (FP), rightly quiet (TN).
enum Verdict: String {
    case truePositive = "TP", falseNegative = "FN", falsePositive = "FP", trueNegative = "TN"
}

/// How the engine did on one case, judged against its label.
struct AlertOutcome {
    let name: String
    let leaks: Bool
    let fired: Bool
    /// Seconds from the leak's start to the first alert after it.
    let detection: Double?
    let verdict: Verdict
    let notes: [String]
    /// Wall time the engine took over the whole case.
    let milliseconds: Double

    init(judging c: LeakCase, events: [(time: Double, transition: TrendTransition)], milliseconds: Double) {
        self.milliseconds = milliseconds
        let fires = events.filter { $0.transition == .fired }.map(\.time)
        let clears = events.filter { $0.transition == .cleared }.map(\.time)
        name = c.name
        leaks = c.leaks
        fired = !fires.isEmpty
        var notes: [String] = []
        if c.leaks, let start = c.leakStart, let deadline = c.deadline {
            let early = fires.filter { $0 < start }
            detection = fires.first { $0 >= start }.map { $0 - start }
            if let t = early.first {
                notes.append("false alarm at t=\(fmt(t)), before the leak")
                verdict = .falsePositive
            } else if let d = detection, d <= deadline {
                verdict = .truePositive
            } else {
                notes.append(detection == nil ? "missed (deadline \(fmt(deadline)))" : "late: deadline \(fmt(deadline))")
                verdict = .falseNegative
            }
            for t in clears where t >= start { notes.append("cleared at +\(fmt(t - start)) while leaking") }
            if fires.count > 1 { notes.append("fired \(fires.count) times") }
        } else if c.mayFire, let hold = c.holdStart, let within = c.mustClearWithin {
            var ok = fires.count <= 1
            if let f = fires.first {
                notes.append(f <= hold ? "fired \(fmt(hold - f)) before hold" : "fired \(fmt(f - hold)) after hold")
                ok = ok && f <= hold
                if let cleared = clears.first(where: { $0 > f }) {
                    notes.append("cleared \(fmt(cleared - hold)) after hold")
                    ok = ok && cleared - hold <= within
                } else {
                    notes.append("never cleared")
                    ok = false
                }
            }
            if fires.count > 1 { notes.append("re-fired at t=\(fires.dropFirst().map { fmt($0) }.joined(separator: ", "))") }
            detection = nil
            verdict = ok ? .trueNegative : .falsePositive
        } else {
            detection = nil
            verdict = fires.isEmpty ? .trueNegative : .falsePositive
            for f in fires {
                let cleared = clears.first { $0 > f }
                notes.append("fired at t=\(fmt(f))" + (cleared.map { ", cleared at t=\(fmt($0))" } ?? ", never cleared"))
            }
        }
        self.notes = notes
    }

    static let widths = [28, 8, 6, 8, 8, 7]
    static var header: String {
        line(["case", "label", "fired", "detect", "verdict", "ms", "notes"])
            + "\n" + String(repeating: "-", count: widths.reduce(0, +) + 40)
    }

    var row: String {
        AlertOutcome.line([
            name, leaks ? "leak" : "no-leak", fired ? "yes" : "no", detection.map { fmt($0) } ?? "-",
            verdict.rawValue, String(format: "%.0f", milliseconds), notes.joined(separator: "; "),
        ])
    }

    static func line(_ cells: [String]) -> String {
        var out = ""
        for (i, cell) in cells.enumerated() {
            out += i < widths.count ? cell.padding(toLength: widths[i], withPad: " ", startingAt: 0) : cell
        }
        return out
    }
}

/// Precision, recall, F1 and median detection time over a set of outcomes.
struct AlertScore {
    let counts: [Verdict: Int]
    let leakCases: Int
    let detections: [Double]

    init(_ outcomes: [AlertOutcome]) {
        var counts: [Verdict: Int] = [:]
        for o in outcomes { counts[o.verdict, default: 0] += 1 }
        self.counts = counts
        leakCases = outcomes.filter(\.leaks).count
        detections = outcomes.filter(\.leaks).compactMap(\.detection).sorted()
    }

    var summary: String {
        let tp = Double(counts[.truePositive] ?? 0), fp = Double(counts[.falsePositive] ?? 0)
        let precision = tp + fp > 0 ? tp / (tp + fp) : .nan
        let recall = leakCases > 0 ? tp / Double(leakCases) : .nan
        let f1 = precision + recall > 0 ? 2 * precision * recall / (precision + recall) : .nan
        let median: String
        if detections.isEmpty {
            median = "-"
        } else {
            let m = detections.count / 2
            median = fmt(detections.count % 2 == 1 ? detections[m] : (detections[m - 1] + detections[m]) / 2)
        }
        let tally = [Verdict.truePositive, .falseNegative, .falsePositive, .trueNegative]
            .map { "\($0.rawValue) \(counts[$0] ?? 0)" }.joined(separator: "  ")
        return """
            \(tally)
            precision \(String(format: "%.2f", precision))  recall \(String(format: "%.2f", recall))  \
            F1 \(String(format: "%.2f", f1))  median detection \(median) (over \(detections.count) detected leak cases)
            """
    }
}

/// Seconds as "42s", "9m05s" or "1h02m".
func fmt(_ seconds: Double) -> String {
    let s = Int(seconds.rounded())
    if s < 60 { return "\(s)s" }
    if s < 3600 { return "\(s / 60)m" + String(format: "%02ds", s % 60) }
    return "\(s / 3600)h" + String(format: "%02dm", s % 3600 / 60)
}
