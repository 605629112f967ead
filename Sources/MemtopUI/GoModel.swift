import MemtopCore

/// What the Go panels draw, collected from the endpoint poller once per frame.
public struct GoModel: Sendable {
    /// The endpoint, as `http://host:port`.
    public var endpoint: String
    /// Health of the memstats, goroutine-profile and heap-profile feeds.
    public var runtime: GoFeedStatus
    public var goroutines: GoFeedStatus
    public var heap: GoFeedStatus
    /// Memstats come from the heap profile (the program serves pprof but not expvar).
    public var fromHeapProfile: Bool
    /// The program's own integer expvars.
    public var expvars: [GoExpvar]
    /// Allocation sites ranked by in-use bytes gained since the baseline profile.
    public var heapDiff: [GoHeapSiteChange]
    /// Wall times of the baseline profile and of the newest profile; nil until read.
    public var baselineTime: Double?
    public var profileTime: Double?
    /// True once the user set the baseline with `b` (otherwise it is the session's first profile).
    public var baselineSetByUser: Bool
    /// Where goroutines wait, most first.
    public var goroutineSites: [(site: GoSite, count: Int)]

    /// A model for `endpoint` with nothing read yet.
    public init(endpoint: String) {
        self.endpoint = endpoint
        runtime = GoFeedStatus()
        goroutines = GoFeedStatus()
        heap = GoFeedStatus()
        fromHeapProfile = false
        expvars = []
        heapDiff = []
        baselineTime = nil
        profileTime = nil
        baselineSetByUser = false
        goroutineSites = []
    }

    /// A failing feed's problem with the time it began: `unreachable: connection refused (since 12:03:01)`.
    public static func problemText(_ feed: GoFeedStatus) -> String? {
        guard let problem = feed.problem else { return nil }
        return TextSanitizer.clean(problem, maxLength: 200) + (feed.failingSince.map { " (since \(Timestamp.localClock($0)))" } ?? "")
    }
}
