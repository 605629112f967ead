import Dispatch
import MemtopCore
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// Why a session ends early, before any target exit or duration.
enum StopRequest: Equatable, Sendable {
    case signal(Int32)
    case childExited
    /// The user quit the dashboard.
    case quit

    var phrase: String {
        switch self {
        case .signal(SIGINT): return "interrupted (SIGINT)"
        case .signal(SIGTERM): return "terminated (SIGTERM)"
        case .signal(SIGHUP): return "hung up (SIGHUP)"
        case .signal(let s): return "stopped by signal \(s)"
        case .childExited: return "target exited"
        case .quit: return "quit"
        }
    }
}

/// Wakes the sampling loop early: on SIGINT/SIGTERM/SIGHUP or when a started command exits.
final class StopSignal: @unchecked Sendable {
    private let semaphore = DispatchSemaphore(value: 0)
    private let request = Mutex<StopRequest?>(nil)
    /// Written once, on the main thread, before any handler runs; kept only to keep the sources alive.
    private var sources: [DispatchSourceSignal] = []

    /// Routes the termination signals to this object instead of killing memtop.
    func installSignalHandlers() {
        for sig in [SIGINT, SIGTERM, SIGHUP] {
            signal(sig, SIG_IGN)
            let src = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            src.setEventHandler { @Sendable [weak self] in self?.stop(.signal(sig)) }
            src.resume()
            sources.append(src)
        }
    }

    /// Records a stop request and wakes the waiter. A started command's exit is only a soft stop (the
    /// dashboard stays up), so a later quit or signal replaces it; otherwise the first request wins.
    func stop(_ r: StopRequest) {
        let recorded = request.withLock { current -> Bool in
            if current == nil || (current == .childExited && r != .childExited) { current = r; return true }
            return false
        }
        if recorded { semaphore.signal() }
    }

    var requested: StopRequest? { request.withLock { $0 } }

    /// Sleeps until `deadline` (monotonic seconds) or a stop request, whichever is first.
    func wait(until deadline: Double) {
        let delay = deadline - SystemClock.now()
        guard delay > 0, requested == nil else { return }
        _ = semaphore.wait(timeout: .now() + .nanoseconds(Int(delay * 1e9)))
    }
}
