import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

/// `memtop report FILE.csv [-o OUT.html]`: a self-contained HTML report of a recorded session.
enum ReportCommand {
    static func run(_ options: ReportOptions) throws(MemtopError) -> ExitCode {
        let input = options.input, output = options.output
        let recording = try ReplayRunner.load(input, flag: "report")
        let name = String(input.split(separator: "/").last ?? Substring(input))
        let html = SessionReport.html(recording.history, title: "memtop session " + name, source: input,
                                      generatedAt: SystemClock.wallNow(), limit: options.limit, alertRate: options.alertRate)
        try AtomicFile.write(Array(html.utf8), to: output)
        var line = "memtop: wrote \(output) (\(recording.history.count) samples)"
        if recording.droppedTruncatedLine { line += "; the file's cut-off last line was left out" }
        Console.out(line)
        return .success
    }
}
