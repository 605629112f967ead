import Foundation

/// The built `memtop` executable and a way to run it as a user would.
public enum MemtopBinary {
    /// Path to the `memtop` binary built next to the test bundle.
    public static let path: String = {
        // On Linux the test runner lives in the build products directory, beside the executables.
        let dir = Bundle.main.bundleURL
        for candidate in [dir, dir.deletingLastPathComponent()] {
            let p = candidate.appendingPathComponent("memtop").path
            if FileManager.default.isExecutableFile(atPath: p) { return p }
        }
        fatalError("memtop binary not found next to \(dir.path); build it with swift build")
    }()

    /// True when this build runs under AddressSanitizer or ThreadSanitizer. The binary is built with
    /// the tests, so the test process's own runtime says so.
    public static let isSanitized = dlsym(nil, "__tsan_init") != nil || dlsym(nil, "__asan_init") != nil

    /// What a finished run printed and returned.
    public struct Result: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
    }

    /// Runs memtop with `arguments` to completion.
    public static func run(_ arguments: [String], currentDirectory: String? = nil) throws -> Result {
        let p = try start(arguments, currentDirectory: currentDirectory)
        return p.finish()
    }

    /// Runs a `/bin/sh -c` line to completion; its pid, exit status and stdout (for tests that need
    /// the shell: `exec` to give memtop a known pid, redirections that close stdout).
    public static func shell(_ line: String) throws -> (pid: Int32, status: Int32, stdout: String) {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/bin/sh")
        p.arguments = ["-c", line]
        let out = Pipe()
        p.standardOutput = out
        try p.run()
        let text = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        p.waitUntilExit()
        return (p.processIdentifier, p.terminationStatus, text)
    }

    /// Starts memtop with `arguments` and returns the running process.
    public static func start(_ arguments: [String], currentDirectory: String? = nil) throws -> RunningProcess {
        try RunningProcess(executable: path, arguments: arguments, currentDirectory: currentDirectory)
    }
}

/// A child process with captured stdout/stderr and line-based stdin.
public final class RunningProcess: @unchecked Sendable {
    public let process = Process()
    private let outPipe = Pipe()
    private let errPipe = Pipe()
    private let inPipe = Pipe()
    private let lock = NSLock()
    private var outData = Data()
    private var errData = Data()

    /// Starts `executable` with pipes on all three standard streams (and `environment`, when given).
    public init(executable: String, arguments: [String], currentDirectory: String? = nil, environment: [String: String]? = nil) throws {
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        if let environment { process.environment = environment }
        if let currentDirectory { process.currentDirectoryURL = URL(fileURLWithPath: currentDirectory) }
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        outPipe.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self else { return }
            self.lock.lock(); self.outData.append(d); self.lock.unlock()
        }
        errPipe.fileHandleForReading.readabilityHandler = { [weak self] h in
            let d = h.availableData
            guard let self else { return }
            self.lock.lock(); self.errData.append(d); self.lock.unlock()
        }
        try process.run()
    }

    /// The child's process id.
    public var pid: Int32 { process.processIdentifier }

    /// Everything printed on stdout so far.
    public var stdout: String { lock.lock(); defer { lock.unlock() }; return String(decoding: outData, as: UTF8.self) }
    /// Everything printed on stderr so far.
    public var stderr: String { lock.lock(); defer { lock.unlock() }; return String(decoding: errData, as: UTF8.self) }

    /// Writes one line to the process's stdin.
    public func send(_ line: String) { inPipe.fileHandleForWriting.write(Data((line + "\n").utf8)) }

    /// Waits until stdout holds `count` lines equal to `line` (a reply protocol), or `timeout` passes.
    @discardableResult
    public func waitForLines(_ line: String, count: Int, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.split(separator: "\n").filter({ $0 == line }).count >= count { return true }
            usleep(10_000)
        }
        return false
    }

    /// Waits for stdout to contain `text`.
    @discardableResult
    public func waitForOutput(containing text: String, timeout: Double = 60) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while Date() < deadline {
            if stdout.contains(text) { return true }
            usleep(10_000)
        }
        return false
    }

    /// Sends `signal` to the process.
    public func signal(_ sig: Int32) { kill(process.processIdentifier, sig) }

    /// Closes stdin, waits for exit, and collects the output.
    public func finish() -> MemtopBinary.Result {
        try? inPipe.fileHandleForWriting.close()
        process.waitUntilExit()
        // Drain what the handlers have not picked up yet.
        outPipe.fileHandleForReading.readabilityHandler = nil
        errPipe.fileHandleForReading.readabilityHandler = nil
        let restOut = outPipe.fileHandleForReading.readDataToEndOfFile()
        let restErr = errPipe.fileHandleForReading.readDataToEndOfFile()
        lock.lock(); outData.append(restOut); errData.append(restErr); lock.unlock()
        return MemtopBinary.Result(status: process.terminationStatus, stdout: stdout, stderr: stderr)
    }

    /// Like `finish()`, but kills the process if it has not exited `timeout` seconds after its stdin
    /// closed, so a hung process cannot hang its caller.
    public func finish(killingAfter timeout: Double) -> MemtopBinary.Result {
        try? inPipe.fileHandleForWriting.close()
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning, Date() < deadline { usleep(10_000) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        return finish()
    }

    /// Kills the process if it still runs (tests call this in `defer`).
    public func killIfRunning() {
        if process.isRunning { kill(process.processIdentifier, SIGKILL); process.waitUntilExit() }
    }
}
