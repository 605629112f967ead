import Dispatch
import MemtopCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A command memtop started and owns: it is reaped by memtop and stopped when the session ends.
final class ChildProcess: Sendable {
    let pid: pid_t
    let commandName: String
    private let waitStatus = Mutex<Int32?>(nil)
    private let exited = DispatchSemaphore(value: 0)

    private init(pid: pid_t, commandName: String) {
        self.pid = pid
        self.commandName = commandName
    }

    /// Starts `argv` with memtop's environment. With `quiet`, its stdin/stdout/stderr go to /dev/null.
    static func spawn(_ argv: [String], quiet: Bool = false) throws(MemtopError) -> ChildProcess {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        // memtop ignores SIGPIPE/SIGINT/SIGTERM/SIGHUP itself; ignored dispositions survive exec,
        // so the child gets the defaults back explicitly.
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in [SIGPIPE, SIGINT, SIGTERM, SIGHUP, SIGQUIT, SIGTSTP] { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        var mask = sigset_t()
        sigemptyset(&mask)
        posix_spawnattr_setsigmask(&attr, &mask)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGDEF | POSIX_SPAWN_SETSIGMASK))

        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        if quiet {
            posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 1, "/dev/null", O_WRONLY, 0)
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }

        let cArgs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) } + [nil]
        defer { for p in cArgs { free(p) } }
        var pid = pid_t()
        let rc = posix_spawnp(&pid, argv[0], &actions, &attr, cArgs, environ)
        guard rc == 0 else {
            let what = TextSanitizer.clean(argv[0])
            let hint = rc == ENOENT ? "command not found" : String(cString: strerror(rc))
            throw .cannotAttach("cannot start '\(what)': \(hint)")
        }
        let base = argv[0].split(separator: "/").last.map(String.init) ?? argv[0]
        let child = ChildProcess(pid: pid, commandName: TextSanitizer.clean(base))
        crashGuardChild = pid
        child.reapInBackground()
        return child
    }

    /// Blocks a background thread in waitpid so the exit is seen at once, not at the next tick.
    private func reapInBackground() {
        let pid = self.pid
        DispatchQueue.global().async { [self] in
            var status: Int32 = 0
            while waitpid(pid, &status, 0) < 0 {
                if errno != EINTR { status = -1; break }
            }
            // Reaped: the pid may be reused from now on, so the crash handler must forget it.
            crashGuardChild = 0
            waitStatus.withLock { $0 = status }
            exited.signal()
            exitHandler.withLock { $0 }?()
        }
    }

    private let exitHandler = Mutex<(@Sendable () -> Void)?>(nil)

    /// Calls `handler` (on another thread) when the child exits; at once if it already has.
    func onExit(_ handler: @escaping @Sendable () -> Void) {
        exitHandler.withLock { $0 = handler }
        if hasExited { handler() }
    }

    var hasExited: Bool { waitStatus.withLock { $0 } != nil }

    /// Waits up to `seconds` for the child to be reaped.
    @discardableResult
    func waitForExit(seconds: Double) -> Bool {
        if hasExited { return true }
        let ok = exited.wait(timeout: .now() + .nanoseconds(Int(seconds * 1e9))) == .success
        if ok { exited.signal() }
        return ok
    }

    /// Asks the child to stop (SIGTERM), then insists (SIGKILL) after `grace` seconds.
    func terminate(grace: Double = 2) {
        guard !hasExited else { return }
        kill(pid, SIGTERM)
        if !waitForExit(seconds: grace) {
            kill(pid, SIGKILL)
            waitForExit(seconds: 2)
        }
    }

    /// "exited with status 0", "killed by SIGKILL"; nil while it runs.
    var statusPhrase: String? {
        guard let s = waitStatus.withLock({ $0 }) else { return nil }
        if s == -1 { return "exit status unknown" }
        let sig = s & 0x7f
        if sig == 0 { return "exited with status \((s >> 8) & 0xff)" }
        return "killed by \(signalName(sig))"
    }
}

/// `SIGKILL` for 9, and so on; `signal N` for the rest.
func signalName(_ sig: Int32) -> String {
    let names: [Int32: String] = [
        SIGHUP: "SIGHUP", SIGINT: "SIGINT", SIGQUIT: "SIGQUIT", SIGILL: "SIGILL", SIGABRT: "SIGABRT",
        SIGBUS: "SIGBUS", SIGFPE: "SIGFPE", SIGKILL: "SIGKILL", SIGSEGV: "SIGSEGV", SIGPIPE: "SIGPIPE",
        SIGTERM: "SIGTERM", SIGUSR1: "SIGUSR1", SIGUSR2: "SIGUSR2",
    ]
    return names[sig] ?? "signal \(sig)"
}
