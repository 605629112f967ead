import MemtopCore

/// A session CSV as written by memtop, split for assertions (memtop's numeric cells never need quoting).
public struct SessionFile: Sendable {
    public let header: String
    /// Data rows, each split into its cells.
    public let rows: [[String]]
    /// True when the file ends with a complete line.
    public let endsWithNewline: Bool

    /// Reads the file at `path`; a missing file reads as empty.
    public init(path: String) {
        let bytes = Fixtures.bytesAt(path)
        let lines = String(decoding: bytes, as: UTF8.self).split(separator: "\n").map(String.init)
        header = lines.first ?? ""
        rows = lines.dropFirst().map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        endsWithNewline = bytes.last == UInt8(ascii: "\n")
    }

    /// Index of a column named as in `SessionCSV.columns`.
    public static func column(_ name: String) -> Int { SessionCSV.columns.firstIndex(of: name)! }

    /// Index of a column named as in this file's header (for `--go` sessions, whose columns differ).
    public func column(_ name: String) -> Int? { header.split(separator: ",").firstIndex { $0 == name } }
}
