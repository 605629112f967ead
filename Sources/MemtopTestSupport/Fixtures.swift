import MemtopCore
import Foundation

/// Captured `/proc` and cgroup files under `Tests/Fixtures`, found relative to this source file.
public enum Fixtures {
    /// `Tests/Fixtures` in the package checkout.
    public static let root: String = {
        var url = URL(fileURLWithPath: #filePath)
        for _ in 0..<3 { url.deleteLastPathComponent() }  // MemtopTestSupport, Sources, package
        return url.appendingPathComponent("Tests/Fixtures").path
    }()

    /// The bytes of `relativePath` under the fixtures root.
    public static func bytes(_ relativePath: String) -> [UInt8] {
        guard let data = FileManager.default.contents(atPath: root + "/" + relativePath) else {
            fatalError("missing fixture \(relativePath)")
        }
        return [UInt8](data)
    }

    /// True when the fixture file exists.
    public static func exists(_ relativePath: String) -> Bool {
        FileManager.default.fileExists(atPath: root + "/" + relativePath)
    }

    /// A captured process: its files and the facts its `EXPECTED` file records.
    public struct ProcCase: Sendable {
        public let name: String
        public let expected: [String: String]

        /// One file of the case (`status`, `stat`, `smaps`, …).
        public func file(_ name: String) -> [UInt8] { Fixtures.bytes("proc/\(self.name)/\(name)") }
        public func hasFile(_ name: String) -> Bool { Fixtures.exists("proc/\(self.name)/\(name)") }

        /// An `EXPECTED` value in kB, as bytes.
        public func kb(_ key: String) -> UInt64? { expected[key].flatMap(UInt64.init).map { $0 * 1024 } }
        /// An `EXPECTED` integer.
        public func int(_ key: String) -> Int? { expected[key].flatMap(Int.init) }
    }

    /// Loads `proc/NAME` with its `EXPECTED` facts.
    public static func procCase(_ name: String) -> ProcCase {
        let text = String(decoding: bytes("proc/\(name)/EXPECTED"), as: UTF8.self)
        var expected: [String: String] = [:]
        for line in text.split(separator: "\n") {
            guard let eq = line.firstIndex(of: "=") else { continue }
            expected[String(line[..<eq])] = String(line[line.index(after: eq)...])
        }
        return ProcCase(name: name, expected: expected)
    }

    /// Every captured process case.
    public static let procCaseNames = ["c-threads", "go-server", "comm-paren", "kthread", "anon-named"]
}

extension Fixtures {
    /// The bytes of any file by absolute path (test outputs).
    public static func bytesAt(_ path: String) -> [UInt8] {
        FileManager.default.contents(atPath: path).map { [UInt8]($0) } ?? []
    }
}
