import Foundation

/// A private tmux server with one pane of a fixed size, for end-to-end UI tests.
public final class TmuxSession: @unchecked Sendable {
    /// True when tmux is installed.
    public static var isAvailable: Bool { FileManager.default.isExecutableFile(atPath: tmuxPath) }
    static let tmuxPath = ["/usr/bin/tmux", "/usr/local/bin/tmux"].first { FileManager.default.isExecutableFile(atPath: $0) } ?? "/usr/bin/tmux"

    private let socket = "memtop-test-" + UUID().uuidString.prefix(8)
    private let name = "t"

    /// Starts `command` (a shell line) in a detached pane of `cols`×`rows` with a UTF-8 locale.
    public init(command: String, cols: Int, rows: Int) throws {
        let line = "env LANG=C.UTF-8 LC_ALL=C.UTF-8 TERM=tmux-256color " + command
        try tmux(["-f", "/dev/null", "new-session", "-d", "-s", name, "-x", "\(cols)", "-y", "\(rows)", line], output: false)
        try tmux(["set-option", "-t", name, "status", "off"])
        try tmux(["set-option", "-t", name, "remain-on-exit", "on"])
    }

    /// Sends tmux key names (`Tab`, `Enter`, `BTab`, `q`, `C-c`…), one per call of send-keys.
    public func send(_ keys: String...) throws {
        for k in keys { try tmux(["send-keys", "-t", name, k]) }
    }

    /// The pane's text, one string per row; with `escapes`, SGR colour codes are kept.
    public func capture(escapes: Bool = false) throws -> [String] {
        var args = ["capture-pane", "-p", "-N", "-t", name]
        if escapes { args.insert("-e", at: 1) }
        return try tmux(args).components(separatedBy: "\n").dropLast().map { String($0) }
    }

    /// Resizes the window (and so the pane) to `cols`×`rows`.
    public func resize(cols: Int, rows: Int) throws {
        try tmux(["resize-window", "-t", name, "-x", "\(cols)", "-y", "\(rows)"])
    }

    /// The pane's title, which a program can set with an OSC escape sequence.
    public func paneTitle() throws -> String {
        try tmux(["display-message", "-p", "-t", name, "#{pane_title}"]).trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// True while the pane's command is still running.
    public func isRunning() throws -> Bool {
        try tmux(["display-message", "-p", "-t", name, "#{pane_dead}"]).trimmingCharacters(in: .whitespacesAndNewlines) == "0"
    }

    /// Polls the screen until `predicate` holds or `timeout` seconds pass; returns the last screen.
    @discardableResult
    public func waitFor(timeout: Double = 30, _ predicate: ([String]) -> Bool) throws -> [String] {
        let deadline = Date().addingTimeInterval(timeout)
        var screen = try capture()
        while !predicate(screen), Date() < deadline {
            usleep(100_000)
            screen = try capture()
        }
        return screen
    }

    /// Stops the tmux server this session started (and so its pane).
    public func kill() { _ = try? tmux(["kill-server"]) }

    deinit { kill() }

    /// Runs tmux to completion with posix_spawn and waitpid: Foundation's Process loses track of
    /// a child whose own child (the tmux server) daemonizes, and the test would hang.
    @discardableResult
    private func tmux(_ args: [String], output: Bool = true) throws -> String {
        let outPath = NSTemporaryDirectory() + "memtop-tmux-\(UUID().uuidString)"
        defer { unlink(outPath) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_addopen(&actions, 1, output ? outPath : "/dev/null", O_WRONLY | O_CREAT | O_TRUNC, 0o600)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        let argv = [TmuxSession.tmuxPath, "-L", socket] + args
        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        // The test runner's threads block signals, and a spawned tmux server would inherit that mask:
        // it would never reap its pane's shell nor exit on kill-server. Start it with a clean slate.
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGCHLD, SIGPIPE, SIGINT, SIGTERM, SIGHUP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF))
        var pid = pid_t()
        let rc = posix_spawn(&pid, TmuxSession.tmuxPath, &actions, &attr, cArgs, environ)
        guard rc == 0 else { throw TmuxError.cannotRun(rc) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) < 0 && errno == EINTR {}
        guard output else { return "" }
        return (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    }
}

/// tmux could not be started.
public enum TmuxError: Error { case cannotRun(Int32) }
