import MemtopCore
import Testing

@Suite struct OptionsTests {
    private func options(_ args: [String]) throws -> Options {
        guard case .run(let o) = try Invocation.parse(args) else { throw MemtopError.usage("not a run") }
        return o
    }

    private func usageError(_ args: [String]) -> String? {
        do {
            _ = try Invocation.parse(args)
            return nil
        } catch {
            return error.exitCode == .usage ? error.message : "wrong exit code \(error.exitCode)"
        }
    }

    @Test func defaults() throws {
        let o = try options([])
        #expect(o.target == .pick && o.interval == 1 && o.duration == nil && o.csvPath == nil && !o.headless)
    }

    @Test func fullHeadlessLine() throws {
        let o = try options(["--pid", "42", "--no-ui", "--duration", "5s", "--interval", "500ms", "--csv", "out.csv"])
        #expect(o.target == .pid(42) && o.headless && o.duration == 5 && o.interval == 0.5 && o.csvPath == "out.csv")
        let short = try options(["-p", "42", "-i", "250ms", "-d", "1m", "--no-ui"])
        #expect(short.target == .pid(42) && short.interval == 0.25)
        let inline = try options(["--pid=7", "--interval=2m"])
        #expect(inline.target == .pid(7) && inline.interval == 120)
    }

    @Test func commandAfterDoubleDash() throws {
        let o = try options(["--no-ui", "--", "sleep", "--pid", "5"])
        #expect(o.target == .command(["sleep", "--pid", "5"]))
    }

    @Test func helpVersionAndHiddenWorkload() throws {
        #expect(try Invocation.parse(["--pid", "1", "--help"]) == .help)
        #expect(try Invocation.parse(["-V"]) == .version)
        #expect(try Invocation.parse(["__workload", "serve"]) == .workload(["serve"]))
        for option in ["--pid", "--name", "--interval", "--duration", "--csv", "--no-ui", "--demo", "--ascii", "--no-color", "--version"] {
            #expect(Invocation.helpText.contains(option), "\(option) missing from --help")
        }
    }

    @Test func everyMistakeIsOneLineNamingTheArgument() {
        let cases: [([String], String)] = [
            (["--pid", "abc"], "--pid: 'abc'"),
            (["--pid", "0"], "--pid: '0'"),
            (["--pid"], "--pid needs a value"),
            (["--interval", "0"], "--interval 0"),
            (["--interval", "50ms"], "--interval 50ms"),
            (["--interval", "soon"], "--interval 'soon'"),
            (["--duration", "0s"], "--duration 0s"),
            (["--frobnicate"], "'--frobnicate'"),
            (["stray"], "'stray'"),
            (["--"], "-- must be followed"),
            (["--pid", "1", "--name", "x"], "--pid and --name"),
            (["--no-ui"], "--no-ui needs a target"),
            (["--csv", ""], "--csv"),
        ]
        for (args, fragment) in cases {
            let message = usageError(args)
            #expect(message?.contains(fragment) == true, "\(args) → \(message ?? "accepted")")
            #expect(message?.contains("\n") == false)
        }
    }
}
