#if canImport(Glibc)
import Glibc
#endif

/// What one tick produced.
public enum SampleOutcome: Equatable, Sendable {
    case sample(Sample)
    case ended(TargetEnd)
}

/// Reads one process's memory from `/proc` each tick, through a `FileSource`.
///
/// Not thread-safe: one sampling thread owns it. `status` and `stat` are read every tick;
/// `smaps_rollup` and `smaps` as often as their measured cost allows.
public final class Sampler {
    /// Updated each tick: `comm` changes when the process renames itself or execs.
    public private(set) var identity: ProcessIdentity
    public var pid: Int32 { identity.pid }
    /// Sources denied by permissions; their fields stay nil.
    public private(set) var restricted: Set<RestrictedSource> = []
    /// The most recent smaps parse (with mappings when `keepMappings`), and when it was taken.
    public private(set) var lastSmaps: (summary: SmapsSummary, elapsed: Double)?
    /// Keep per-mapping detail for the mappings table.
    public var keepMappings = false
    public var smapsCadence: AdaptiveCadence
    /// How often `smaps_rollup` is read: every tick, until a read costs more than 1% of a core.
    public var rollupCadence = AdaptiveCadence(budget: 0.01, maxPeriod: 10)

    private let source: FileSource
    private let procDir: String
    private let costClock: @Sendable () -> Double
    private var lastComm = ""
    /// smaps is read into the same memory every time.
    private let smapsBuffer = ReadBuffer()

    /// Attaches to `pid`: checks it exists, is readable and has an address space.
    public init(
        pid: Int32, source: FileSource = LiveFileSource(), procRoot: String = "/proc",
        costClock: @escaping @Sendable () -> Double = SystemClock.threadCPU
    ) throws(MemtopError) {
        self.source = source
        self.procDir = procRoot + "/\(pid)"
        self.costClock = costClock
        self.smapsCadence = AdaptiveCadence(budget: 0.0015, maxPeriod: 30)

        let statBytes: [UInt8]
        let statusBytes: [UInt8]
        do {
            statBytes = try source.read(procDir + "/stat")
            statusBytes = try source.read(procDir + "/status")
        } catch {
            switch error {
            case .notFound, .noSuchProcess: throw .cannotAttach("no such process: \(pid)")
            case .permissionDenied:
                throw .cannotAttach("cannot read \(procRoot)/\(pid)/status: permission denied (is /proc mounted with hidepid? run as the process's user or root)")
            case .other(let e): throw .cannotAttach("cannot read \(procRoot)/\(pid): \(String(cString: strerror(e)))")
            }
        }
        let stat: ProcStat
        let status: ProcStatus
        do {
            stat = try ProcStat.parse(statBytes)
            status = try ProcStatus.parse(statusBytes)
        } catch {
            throw .cannotAttach("cannot parse \(procRoot)/\(pid)/stat or status: \(error)")
        }
        let name = TextSanitizer.clean(stat.comm)
        if stat.state == UInt8(ascii: "Z") || stat.state == UInt8(ascii: "X") {
            throw .cannotAttach("process \(pid) (\(name)) has exited; it is a zombie waiting for its parent to reap it")
        }
        if status.isKernelThread {
            throw .cannotAttach("process \(pid) (\(name)) is a kernel thread: it has no user-space memory to watch")
        }
        let cmdline = (try? source.read(procDir + "/cmdline")).map { ProcessIdentity.commandLine(from: $0) } ?? ""
        lastComm = stat.comm
        identity = ProcessIdentity(pid: pid, startTime: stat.startTime, name: name, commandLine: cmdline, uid: status.uid)
    }

    /// Takes one sample at wall time `time`, `elapsed` seconds into the session (monotonic).
    public func sample(time: Double, elapsed: Double) -> SampleOutcome {
        var s = Sample(time: time, elapsed: elapsed, pid: pid)

        let stat: ProcStat
        switch readParsed("stat", ProcStat.parse) {
        case .gone: return .ended(.exited)
        case .failed: return .ended(.exited)
        case .value(let v): stat = v
        }
        if stat.startTime != identity.startTime { return .ended(.pidReused) }
        if stat.state == UInt8(ascii: "Z") || stat.state == UInt8(ascii: "X") { return .ended(.zombie) }
        s.state = stat.state
        if stat.comm != lastComm {
            lastComm = stat.comm
            identity.name = TextSanitizer.clean(stat.comm)
        }
        s.minflt = stat.minflt
        s.majflt = stat.majflt

        switch readParsed("status", ProcStatus.parse) {
        case .gone: return .ended(.exited)
        case .failed: break
        case .value(let st):
            s.rss = st.vmRSS
            s.anon = st.rssAnon
            s.file = st.rssFile
            s.shmem = st.rssShmem
            s.vmSize = st.vmSize
            s.vmHWM = st.vmHWM
            s.threads = st.threads
            s.swap = st.vmSwap
        }

        // The rollup costs about a tenth of smaps and carries PSS/USS: read every tick unless that
        // would take more than 1% of a core (18 ms per read at 65k mappings).
        if !restricted.contains(.smapsRollup), rollupCadence.isDue(at: elapsed) {
            let t0 = costClock()
            let outcome = readParsed("smaps_rollup", SmapsRollup.parse, restrictAs: .smapsRollup)
            rollupCadence.record(at: elapsed, seconds: costClock() - t0)
            switch outcome {
            case .gone: return .ended(.exited)
            case .failed: break
            case .value(let r):
                s.pss = r.pss
                s.uss = r.uss
                s.swap = r.swap ?? s.swap
                s.lazyfree = r.lazyFree
            }
        }

        if !restricted.contains(.smaps), smapsCadence.isDue(at: elapsed) {
            let keep = keepMappings
            let t0 = costClock()
            let outcome = readSmaps(keepMappings: keep)
            smapsCadence.record(at: elapsed, seconds: costClock() - t0)
            switch outcome {
            case .gone: return .ended(.exited)
            case .failed: break
            case .value(let summary):
                // A process with no address space left (exiting) prints an empty smaps; that is not a heap of 0.
                if summary.mappingCount > 0 {
                    s.heap = summary.heap
                    s.stack = summary.stack
                    lastSmaps = (summary, elapsed)
                }
            }
        }
        return .sample(s)
    }

    private enum Read<T> { case value(T), gone, failed }

    /// smaps through the kept buffer, parsed where it lies.
    private func readSmaps(keepMappings: Bool) -> Read<SmapsSummary> {
        do {
            try source.read(procDir + "/smaps", into: smapsBuffer)
        } catch {
            if error.meansGone { return .gone }
            if error == .permissionDenied { restricted.insert(.smaps) }
            return .failed
        }
        defer { smapsBuffer.release() }
        do { return .value(try SmapsSummary.parse(smapsBuffer.bytes, keepMappings: keepMappings)) } catch { return .failed }
    }

    private func readParsed<T>(
        _ file: String, _ parse: ([UInt8]) throws(ProcParseError) -> T, restrictAs: RestrictedSource? = nil
    ) -> Read<T> {
        let bytes: [UInt8]
        do {
            bytes = try source.read(procDir + "/" + file)
        } catch {
            if error.meansGone { return .gone }
            if error == .permissionDenied, let r = restrictAs { restricted.insert(r) }
            return .failed
        }
        do { return .value(try parse(bytes)) } catch { return .failed }
    }
}

/// Monotonic and wall clocks in seconds.
public enum SystemClock {
    /// CLOCK_MONOTONIC, seconds.
    @Sendable public static func now() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CPU time of the calling thread (user and system), seconds. Read costs are measured with it:
    /// the kernel's work for a `/proc` read is charged to the reader, and time spent waiting for a
    /// core on a busy machine is not, so a loaded machine does not make memtop read less.
    @Sendable public static func threadCPU() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }

    /// CLOCK_REALTIME, seconds since the Unix epoch.
    @Sendable public static func wallNow() -> Double {
        var ts = timespec()
        clock_gettime(CLOCK_REALTIME, &ts)
        return Double(ts.tv_sec) + Double(ts.tv_nsec) / 1e9
    }
}
