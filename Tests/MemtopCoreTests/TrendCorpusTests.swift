import MemtopCore
import MemtopTestSupport
import Testing

/// The engine over the labelled corpus of issue 4: every leak caught in time, nothing else alerted.
@Suite struct TrendCorpusTests {
    @Test(arguments: LeakCorpus.cases())
    func corpusCase(_ c: LeakCase) {
        var detector = TrendDetector(settings: c.kind == .bytes ? .bytes(rate: 1_048_576.0 / 60) : .count)
        var fires: [Double] = [], clears: [Double] = []
        for (t, v) in zip(c.times, c.values) {
            switch detector.add(time: t, value: v) {
            case .fired: fires.append(t)
            case .cleared: clears.append(t)
            case nil: break
            }
        }

        if c.leaks, let start = c.leakStart, let deadline = c.deadline {
            #expect(fires.allSatisfy { $0 >= start }, "false alarm before the leak started: \(fires)")
            let detected = fires.first { $0 >= start }
            #expect(detected != nil, "leak never alerted")
            if let detected {
                #expect(detected - start <= deadline, "alerted \(detected - start) s after the leak started")
                // The leak runs to the end of the series, so the alert must too.
                #expect(clears.allSatisfy { $0 < detected }, "cleared while still leaking: \(clears)")
            }
        } else if c.mayFire, let hold = c.holdStart, let within = c.mustClearWithin {
            #expect(fires.count <= 1, "re-fired: \(fires)")
            if let fired = fires.first {
                #expect(fired <= hold, "fired \(fired - hold) s after growth stopped")
                let cleared = clears.first { $0 > fired }
                #expect(cleared != nil, "never cleared")
                if let cleared { #expect(cleared - hold <= within, "cleared \(cleared - hold) s after hold") }
            }
        } else {
            #expect(fires.isEmpty, "false alarm at \(fires)")
        }
    }

    @Test func corpusIsDeterministic() {
        let a = LeakCorpus.cases(seed: 7), b = LeakCorpus.cases(seed: 7), c = LeakCorpus.cases(seed: 8)
        #expect(a.map(\.values) == b.map(\.values))
        #expect(a.map(\.values) != c.map(\.values))
        #expect(Set(a.map(\.name)).count == a.count)
    }

    @Test func casesAreLongEnoughToJudge() throws {
        for c in LeakCorpus.cases() {
            let end = try #require(c.times.last)
            if c.leaks {
                let start = try #require(c.leakStart), deadline = try #require(c.deadline)
                #expect(start >= 120, "\(c.name) has no flat lead")
                #expect(end >= start + deadline * 1.2, "\(c.name) ends too soon to judge its deadline")
            } else {
                #expect(end >= 1799, "\(c.name) is too short for false alarms to show")
            }
        }
    }
}
