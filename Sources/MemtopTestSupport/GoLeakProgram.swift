import Foundation
import MemtopCore

/// `Tests/Fixtures/src/go-leak.go`, built with the system's `go` and run: a Go program that serves
/// expvar and pprof, and grows a map or leaks goroutines on request.
public final class GoLeakProgram: @unchecked Sendable {
    /// The `go` command, when installed (Debian's golang-go).
    public static let goPath: String? = {
        for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
            let p = "\(dir)/go"
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        return nil
    }()

    /// True when Go programs can be built here.
    public static var goAvailable: Bool { goPath != nil }

    /// The program, built once per test run into a temporary directory.
    static let binary: Result<String, GoBuildError> = {
        guard let go = goPath else { return .failure(.noGo) }
        let dir = NSTemporaryDirectory() + "memtop-go-leak-\(getpid())"
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let out = dir + "/go-leak"
        let p = Process()
        p.executableURL = URL(fileURLWithPath: go)
        p.arguments = ["build", "-o", out, Fixtures.root + "/src/go-leak.go"]
        var env = ProcessInfo.processInfo.environment
        env["GOCACHE"] = dir + "/cache"
        env["GOPATH"] = dir + "/gopath"
        env["GO111MODULE"] = "off"
        env["GOFLAGS"] = ""
        p.environment = env
        let err = Pipe()
        p.standardError = err
        do { try p.run() } catch { return .failure(.failed("\(error)")) }
        let text = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return p.terminationStatus == 0 ? .success(out) : .failure(.failed(text))
    }()

    public let process: RunningProcess
    public let port: UInt16
    public var pid: Int32 { process.pid }
    /// The endpoint as `--go` takes it.
    public var url: String { "http://127.0.0.1:\(port)" }

    /// Builds (once) and starts the program on `port` (0: a free one), waiting until it listens.
    public init(port: UInt16 = 0, environment: [String: String] = [:]) throws {
        let path = try Self.binary.get()
        var env = ProcessInfo.processInfo.environment
        for (k, v) in environment { env[k] = v }
        process = try RunningProcess(executable: path, arguments: [String(port)], environment: env)
        guard process.waitForOutput(containing: "\n", timeout: 30),
              let line = process.stdout.split(separator: "\n").first(where: { $0.hasPrefix("listening ") }),
              let p = line.split(separator: ":").last.flatMap({ UInt16($0) }) else {
            process.killIfRunning()
            throw GoBuildError.failed("go-leak did not start: \(process.stderr)")
        }
        self.port = p
    }

    /// Grows the leak map by `mib` MiB; returns the program's own count of leaked bytes.
    @discardableResult
    public func grow(mib: Int) throws -> UInt64 { try request("/grow?mb=\(mib)") }

    /// Starts `n` goroutines that never end; returns the program's count of leaked goroutines.
    @discardableResult
    public func leak(goroutines n: Int) throws -> UInt64 { try request("/leak?n=\(n)") }

    private func request(_ path: String) throws -> UInt64 {
        let r = try SocketHTTPClient(host: "127.0.0.1", port: port).get(path, timeout: 30, limit: 1 << 20).get()
        let text = String(decoding: r.body, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard r.status == 200, let n = UInt64(text) else { throw GoBuildError.failed("\(path) answered \(r.status) \(text)") }
        return n
    }

    /// Ends the program.
    public func stop() { process.killIfRunning() }
    deinit { process.killIfRunning() }
}

/// Why the Go fixture program is not available.
public enum GoBuildError: Error, CustomStringConvertible {
    case noGo
    case failed(String)

    public var description: String {
        switch self {
        case .noGo: return "go is not installed (Debian's golang-go)"
        case .failed(let why): return "building or running go-leak failed: \(why)"
        }
    }
}
