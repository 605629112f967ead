import MemtopTerminal
#if canImport(Glibc)
import Glibc
#endif

/// The command memtop started, for the crash handler; 0 when there is none (or it was reaped).
/// Written before the handler can need it; read only from the handler.
nonisolated(unsafe) var crashGuardChild: pid_t = 0

/// If memtop itself dies of a fatal signal, the command it started must not run on unwatched
/// (a leaking child would keep leaking forever): send it SIGTERM on the way down.
enum CrashGuard {
    /// Async-signal-safe: one `kill`.
    static let stopChild: @convention(c) () -> Void = {
        if crashGuardChild > 0 { kill(crashGuardChild, SIGTERM) }
    }

    /// Installs the handler for the fatal signals; the dashboard's terminal restore calls `stopChild` too.
    static func install() {
        Terminal.beforeCrashExit = stopChild
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { s in
                CrashGuard.stopChild()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
