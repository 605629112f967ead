/// What to watch.
public enum Target: Equatable, Sendable {
    /// Nothing given: the process picker.
    case pick
    case pid(Int32)
    case name(String)
    /// Start this command (argv) and watch it.
    case command([String])
    /// Start the built-in demo workload and watch it.
    case demo
    /// Show a recorded session file in the dashboard.
    case replay(String)
}

/// Settings for one memtop session, from the command line.
public struct Options: Equatable, Sendable {
    public var target: Target = .pick
    /// Seconds between samples.
    public var interval: Double = 1
    /// Stop after this many seconds; nil runs until quit or target exit.
    public var duration: Double?
    public var csvPath: String?
    public var headless = false
    /// nil: decide from the locale.
    public var ascii: Bool?
    public var noColor = false
    /// Growth in bytes per second that counts as a leak for rss and heap.
    public var alertRate: Double = Options.defaultAlertRate
    /// Exit 1 when any growth alert fired.
    public var failOnAlert = false
    /// A Go program's debug endpoint to poll (`--go`).
    public var go: GoEndpoint?
    /// Where `e` writes exports; nil is the current directory.
    public var exportDirectory: String?

    /// Defaults: pick a process, 1 s interval, dashboard on.
    public init() {}

    /// 1 MiB/min: see the README's "Alerts" for why.
    public static let defaultAlertRate = 1_048_576.0 / 60

    /// Shortest interval accepted; below it the sampler itself would dominate the target's time.
    public static let minimumInterval = 0.1
}

/// Settings for `memtop report`.
public struct ReportOptions: Equatable, Sendable {
    public var input: String
    /// The HTML file to write; defaults to the input with `.html` for `.csv`.
    public var output: String
    public var alertRate: Double = Options.defaultAlertRate
    /// The memory limit the session ran under, for time-to-limit (a session file does not record it).
    public var limit: UInt64?

    /// Options for reporting on `input` into `output`.
    public init(input: String, output: String) {
        self.input = input
        self.output = output
    }
}

/// What the command line asks memtop to do.
public enum Invocation: Equatable, Sendable {
    case run(Options)
    case help
    case version
    /// Hidden: run a built-in workload (the demo and tests use it).
    case workload([String])
    /// `memtop report FILE.csv [-o OUT.html]`: turn a session file into an HTML report.
    case report(ReportOptions)
}

extension Invocation {
    /// Parses `arguments` (without the program name). Every mistake is a usage error naming the argument.
    public static func parse(_ arguments: [String]) throws(MemtopError) -> Invocation {
        if arguments.first == "__workload" { return .workload(Array(arguments.dropFirst())) }
        if arguments.first == "report" { return try parseReport(Array(arguments.dropFirst())) }
        var o = Options()
        var targets: [String] = []
        var i = 0

        func value(_ flag: String, _ inline: String?) throws(MemtopError) -> String {
            if let inline { return inline }
            i += 1
            guard i < arguments.count else { throw .usage("\(flag) needs a value (see memtop --help)") }
            return arguments[i]
        }

        while i < arguments.count {
            let arg = arguments[i]
            if arg == "--" {
                let command = Array(arguments[(i + 1)...])
                guard !command.isEmpty else { throw .usage("-- must be followed by a command to run") }
                o.target = .command(command)
                targets.append("-- COMMAND")
                break
            }
            var flag = arg
            var inline: String?
            if arg.hasPrefix("--"), let eq = arg.firstIndex(of: "=") {
                flag = String(arg[..<eq])
                inline = String(arg[arg.index(after: eq)...])
            }
            switch flag {
            case "-h", "--help": return .help
            case "-V", "--version": return .version
            case "-p", "--pid":
                let v = try value(flag, inline)
                guard let pid = Int32(v), pid > 0 else { throw .usage("\(flag): '\(v)' is not a process id (a positive whole number)") }
                o.target = .pid(pid)
                targets.append(flag)
            case "-n", "--name":
                let v = try value(flag, inline)
                guard !v.isEmpty else { throw .usage("\(flag): the pattern is empty") }
                o.target = .name(v)
                targets.append(flag)
            case "--demo":
                o.target = .demo
                targets.append(flag)
            case "--replay":
                let v = try value(flag, inline)
                guard !v.isEmpty else { throw .usage("--replay needs a session file") }
                o.target = .replay(v)
                targets.append(flag)
            case "--export-dir":
                let v = try value(flag, inline)
                guard !v.isEmpty else { throw .usage("--export-dir needs a directory") }
                o.exportDirectory = v
            case "-i", "--interval":
                let v = try value(flag, inline)
                let seconds = try duration(v, flag: flag)
                guard seconds >= Options.minimumInterval else {
                    throw .usage("\(flag) \(v): the interval must be at least 100ms")
                }
                o.interval = seconds
            case "-d", "--duration":
                let v = try value(flag, inline)
                let seconds = try duration(v, flag: flag)
                guard seconds > 0 else { throw .usage("\(flag) \(v): the duration must be more than 0") }
                o.duration = seconds
            case "--csv":
                let v = try value(flag, inline)
                guard !v.isEmpty else { throw .usage("--csv needs a file name") }
                o.csvPath = v
            case "--alert-rate":
                let v = try value(flag, inline)
                guard let rate = try? Units.parseRate(v), rate > 0 else {
                    throw .usage("--alert-rate '\(v)': not a growth rate (use e.g. 1MiB/min, 10MB/h, 512KiB/s)")
                }
                o.alertRate = rate
            case "--fail-on-alert": o.failOnAlert = true
            case "--go": o.go = try GoEndpoint.parse(try value(flag, inline))
            case "--no-ui": o.headless = true
            case "--ascii": o.ascii = true
            case "--no-color": o.noColor = true
            default:
                if arg.hasPrefix("-") { throw .usage("unknown option '\(flag)' (see memtop --help)") }
                throw .usage("unexpected argument '\(arg)'; to run a command, put it after -- (memtop -- \(arg) …)")
            }
            i += 1
        }
        if targets.count > 1 {
            throw .usage("choose one target: \(targets.joined(separator: " and ")) cannot be combined")
        }
        if o.headless, o.target == .pick {
            throw .usage("--no-ui needs a target: --pid PID, --name PATTERN, --demo or -- COMMAND")
        }
        if case .replay(let file) = o.target {
            if o.headless { throw .usage("--replay shows a recorded session in the dashboard; for a file, use memtop report \(file)") }
            if o.csvPath != nil || o.go != nil || o.duration != nil {
                throw .usage("--replay reads a recorded session: --csv, --go and --duration do not apply")
            }
        }
        return .run(o)
    }

    /// `report FILE.csv [-o OUT.html] [--alert-rate RATE] [--limit SIZE]`; the output defaults to FILE with `.html`.
    private static func parseReport(_ arguments: [String]) throws(MemtopError) -> Invocation {
        var input: String?
        var output: String?
        var rate = Options.defaultAlertRate
        var limit: UInt64?
        var i = 0
        while i < arguments.count {
            let arg = arguments[i]
            switch arg {
            case "-o", "--output", "--alert-rate", "--limit":
                i += 1
                guard i < arguments.count, !arguments[i].isEmpty else { throw .usage("\(arg) needs a value (see memtop --help)") }
                if arg == "--alert-rate" {
                    guard let r = try? Units.parseRate(arguments[i]), r > 0 else { throw .usage("--alert-rate '\(arguments[i])': not a growth rate") }
                    rate = r
                } else if arg == "--limit" {
                    guard let l = try? Units.parseBytes(arguments[i]), l > 0 else { throw .usage("--limit '\(arguments[i])': not a size (use e.g. 4GiB)") }
                    limit = l
                } else {
                    output = arguments[i]
                }
            case "-h", "--help": return .help
            default:
                guard !arg.hasPrefix("-"), input == nil else {
                    throw .usage(arg.hasPrefix("-") ? "report: unknown option '\(arg)'" : "report takes one session file ('\(arg)' is a second)")
                }
                input = arg
            }
            i += 1
        }
        guard let input else { throw .usage("report needs a session file: memtop report FILE.csv [-o OUT.html]") }
        let base = input.hasSuffix(".csv") ? String(input.dropLast(4)) : input
        var r = ReportOptions(input: input, output: output ?? base + ".html")
        r.alertRate = rate
        r.limit = limit
        return .report(r)
    }

    private static func duration(_ text: String, flag: String) throws(MemtopError) -> Double {
        do { return try Units.parseDuration(text) } catch {
            throw .usage("\(flag) '\(text)': not a duration (use e.g. 500ms, 2s, 1.5m, 1h)")
        }
    }
}

extension Invocation {
    /// The `--help` text: every option with its default.
    public static let helpText = """
    memtop \(memtopVersion) — watch one process's memory live, and catch leaks early

    Usage:
      memtop [OPTIONS] --pid PID            attach to PID
      memtop [OPTIONS] --name PATTERN       attach to the one process whose name or command line contains PATTERN
      memtop [OPTIONS] -- COMMAND [ARG...]  start COMMAND and watch it (it is sent SIGTERM when memtop stops)
      memtop [OPTIONS] --demo               start the built-in demo workload and watch it
      memtop                                pick a process from a list (sorted by RSS)
      memtop --replay FILE.csv              the dashboard over a recorded session
      memtop report FILE.csv [-o OUT.html] [--limit SIZE] [--alert-rate RATE]
                                            a self-contained HTML report of a recorded session

    Options:
      -p, --pid PID             process to watch
      -n, --name PATTERN        process to watch, by name or command line (must match exactly one)
          --demo                watch the built-in demo workload
      -i, --interval DURATION   time between samples, at least 100ms   (default: 1s)
      -d, --duration DURATION   stop after this long                  (default: until quit or target exit)
          --csv FILE            record every sample to FILE as it is taken   (default: off)
          --export-dir DIR      where the dashboard's e key writes the session   (default: the current directory)
          --no-ui               headless: no dashboard; alerts on stderr, a summary line on stdout at the end   (default: off)
          --alert-rate RATE     growth that counts as a leak for RSS and heap, e.g. 10MB/h   (default: 1MiB/min)
          --fail-on-alert       exit 1 if any growth alert fired (for CI leak gates)   (default: off)
          --go URL              also poll a Go program's expvar and pprof endpoints, e.g. http://localhost:6060:
                                Go heap, goroutines and a live heap-profile diff   (default: off)
          --ascii               no Unicode graph glyphs               (default: from the locale)
          --no-color            monochrome; NO_COLOR is honoured too  (default: colour)
      -h, --help                show this help
      -V, --version             show the version

    Units: durations 250ms, 1s, 2m (or 2min), 1h; a bare number is seconds; sizes B, KiB, MiB, GiB, kB, MB, GB;
    rates SIZE/s, SIZE/min, SIZE/h.
    Exit codes: 0 success, 1 an alert fired with --fail-on-alert, 2 usage error, 3 cannot attach.
    """
}

/// memtop's version string.
public let memtopVersion = "0.1.0"
