import MemtopCore
#if canImport(Glibc)
import Glibc
#endif

// Writes to a closed pipe must come back as EPIPE, not kill memtop mid-session.
signal(SIGPIPE, SIG_IGN)
CrashGuard.install()

let code: ExitCode
do {
    switch try Invocation.parse(Array(CommandLine.arguments.dropFirst())) {
    case .help:
        Console.out(Invocation.helpText)
        code = .success
    case .version:
        Console.out("memtop \(memtopVersion)")
        code = .success
    case .workload(let args):
        code = try Workload.run(args)
    case .report(let options):
        code = try ReportCommand.run(options)
    case .run(let options):
        code = try Session.run(options)
    }
} catch {
    Console.err("memtop: " + error.message)
    code = error.exitCode
}
exit(code.rawValue)
