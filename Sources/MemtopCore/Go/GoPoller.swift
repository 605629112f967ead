/// How one feed of a Go endpoint (runtime figures, goroutines, heap profile) is doing.
public struct GoFeedStatus: Equatable, Sendable {
    /// Wall time of the last good response.
    public var lastGood: Double?
    /// Wall time the current run of failures began; nil while healthy.
    public var failingSince: Double?
    /// What is wrong now, in words (`unreachable: connection refused`, `/debug/vars returned HTML`).
    public var problem: String?

    /// A feed with nothing read yet.
    public init() {}

    mutating func succeeded(at now: Double) {
        lastGood = now
        failingSince = nil
        problem = nil
    }

    mutating func failed(at now: Double, _ why: String) {
        if failingSince == nil { failingSince = now }
        problem = why
    }
}

/// What one poll of the runtime feeds returned; nil fields were not measured this time.
public struct GoRuntimeReading: Sendable {
    public var memstats: GoMemStats?
    public var goroutines: GoroutineProfile?
    /// Set when memstats came from a heap profile (the program serves pprof but not expvar).
    public var heapProfile: GoHeapProfile?
}

/// Talks to one Go debug endpoint: checks it at start, then polls it; keeps each feed's health.
/// Not thread-safe: one thread owns it.
public struct GoPoller: Sendable {
    public let endpoint: GoEndpoint
    let http: any HTTPGetting
    /// Seconds each request may take.
    public var timeout: Double
    /// The program serves pprof but not expvar: memstats come from the heap profile's trailer.
    public private(set) var memstatsFromHeap = false
    public private(set) var runtime = GoFeedStatus()
    public private(set) var goroutines = GoFeedStatus()
    public private(set) var heap = GoFeedStatus()
    /// The program's own integer expvars, from the last good `/debug/vars`.
    public private(set) var expvars: [GoExpvar] = []

    /// Largest body read from an endpoint: heap profiles of big services run to megabytes.
    public static let bodyLimit = 64 << 20

    /// A poller for `endpoint` through `http`.
    public init(endpoint: GoEndpoint, http: any HTTPGetting, timeout: Double = 2) {
        self.endpoint = endpoint
        self.http = http
        self.timeout = timeout
    }

    /// What the start-up check found.
    public enum ProbeResult: Equatable, Sendable {
        case ok
        /// Nothing answers yet (refused or timed out); polling goes on and may recover.
        case unreachable(String)
    }

    /// Checks the endpoint once before the session starts. Throws a usage error when something
    /// answers but is not a Go debug endpoint, or the host does not resolve.
    public mutating func probe(now: Double) throws(MemtopError) -> ProbeResult {
        let vars = fetch(endpoint.varsPath, as: "expvar JSON") { b throws(GoParseError) in try GoVars.parse(b) }
        if case .success(let v) = vars {
            runtime.succeeded(at: now)
            expvars = v.expvars
            return .ok
        }
        let profile = fetch(endpoint.heapPath, as: "a heap profile", timeout: max(timeout, 5)) { b throws(GoParseError) in try GoHeapProfile.parse(b) }
        if case .success(let p) = profile, p.memstats != nil {
            memstatsFromHeap = true
            runtime.succeeded(at: now)
            return .ok
        }
        guard case .failure(let varsProblem) = vars, case .failure(let heapProblem) = profile else {
            throw .usage("--go \(endpoint.display): the heap profile has no runtime.MemStats; memtop cannot read the Go heap")
        }
        for problem in [varsProblem, heapProblem] {
            guard case .transport(let e) = problem else { continue }
            switch e {
            case .cannotResolve:
                throw .usage("--go \(endpoint.display): \(e.message)")
            case .malformed, .tooLarge:
                // Something answers, but not in HTTP (an SSH or Redis port).
                throw .usage("--go \(endpoint.display) is not a Go debug endpoint: \(e.message)")
            case .refused, .timedOut, .network:
                // Down, starting or overloaded: polling goes on and may recover.
                runtime.failed(at: now, "unreachable: " + e.message)
                return .unreachable(e.message)
            }
        }
        throw .usage("--go \(endpoint.display) is not a Go debug endpoint: \(varsProblem.text(endpoint.varsPath)); "
            + "\(heapProblem.text(endpoint.heapPath)) (the program must import expvar or net/http/pprof)")
    }

    /// Polls memstats (expvar, or the heap profile when there is no expvar) and the goroutine profile.
    public mutating func pollRuntime(now: Double) -> GoRuntimeReading {
        var reading = GoRuntimeReading()
        if memstatsFromHeap {
            if let p = pollHeap(now: now) {
                reading.heapProfile = p
                if let m = p.memstats {
                    reading.memstats = m
                    runtime.succeeded(at: now)
                } else {
                    runtime.failed(at: now, endpoint.heapPath.prefix { $0 != "?" } + ": no runtime.MemStats in the heap profile")
                }
            } else {
                runtime.failed(at: now, heap.problem ?? "no heap profile")
            }
        } else {
            switch fetch(endpoint.varsPath, as: "expvar JSON", { b throws(GoParseError) in try GoVars.parse(b) }) {
            case .success(let v):
                reading.memstats = v.memstats
                expvars = v.expvars
                runtime.succeeded(at: now)
            case .failure(let p):
                runtime.failed(at: now, p.text(endpoint.varsPath))
            }
        }
        switch fetch(endpoint.goroutinePath, as: "a goroutine profile", { b throws(GoParseError) in try GoroutineProfile.parse(b) }) {
        case .success(let g):
            reading.goroutines = g
            goroutines.succeeded(at: now)
        case .failure(let p):
            goroutines.failed(at: now, p.text(endpoint.goroutinePath))
        }
        return reading
    }

    /// Fetches the heap profile; nil (with the heap feed marked failing) when it cannot be read.
    public mutating func pollHeap(now: Double) -> GoHeapProfile? {
        switch fetch(endpoint.heapPath, as: "a heap profile", timeout: max(timeout, 5), { b throws(GoParseError) in try GoHeapProfile.parse(b) }) {
        case .success(let p):
            heap.succeeded(at: now)
            return p
        case .failure(let problem):
            heap.failed(at: now, problem.text(endpoint.heapPath))
            return nil
        }
    }

    /// Why a fetch gave nothing usable.
    enum Problem: Error, Equatable {
        case transport(HTTPFetchError)
        case status(Int, String)
        case html(expected: String)
        case parse(GoParseError)

        /// In words, naming the path that failed.
        func text(_ path: String) -> String {
            let short = path.prefix { $0 != "?" }
            switch self {
            case .transport(let e): return "unreachable: " + e.message
            case .status(let code, let reason): return "\(short) answered \(code) \(reason)".trimmingSpaces
            case .html(let expected): return "\(short) returned HTML, not \(expected)"
            case .parse(let e): return "\(short): " + e.message
            }
        }
    }

    private func fetch<T>(
        _ path: String, as expected: String, timeout: Double? = nil, _ parse: ([UInt8]) throws(GoParseError) -> T
    ) -> Result<T, Problem> {
        switch http.get(path, timeout: timeout ?? self.timeout, limit: Self.bodyLimit) {
        case .failure(let e):
            return .failure(.transport(e))
        case .success(let r):
            guard r.status == 200 else { return .failure(.status(r.status, r.reason)) }
            if r.looksLikeHTML { return .failure(.html(expected: expected)) }
            do throws(GoParseError) {
                return .success(try parse(r.body))
            } catch {
                return .failure(.parse(error))
            }
        }
    }
}
