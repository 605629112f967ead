/// The characters widgets draw with: Unicode box drawing and braille, or printable ASCII only.
public enum GlyphSet: Sendable, Equatable, CaseIterable {
    case unicode, ascii

    /// Top-left border corner.
    public var topLeft: Unicode.Scalar { self == .unicode ? "┌" : "+" }
    /// Top-right border corner.
    public var topRight: Unicode.Scalar { self == .unicode ? "┐" : "+" }
    /// Bottom-left border corner.
    public var bottomLeft: Unicode.Scalar { self == .unicode ? "└" : "+" }
    /// Bottom-right border corner.
    public var bottomRight: Unicode.Scalar { self == .unicode ? "┘" : "+" }
    /// Horizontal border edge.
    public var horizontal: Unicode.Scalar { self == .unicode ? "─" : "-" }
    /// Vertical border edge.
    public var vertical: Unicode.Scalar { self == .unicode ? "│" : "|" }
    /// Left end of a rule that meets a vertical edge.
    public var teeRight: Unicode.Scalar { self == .unicode ? "├" : "+" }
    /// Right end of a rule that meets a vertical edge.
    public var teeLeft: Unicode.Scalar { self == .unicode ? "┤" : "+" }
    /// Marks text that was cut to fit.
    public var ellipsis: Unicode.Scalar { self == .unicode ? "…" : "~" }

    /// Appended to the title of the column a table is sorted by.
    public func sortIndicator(descending: Bool) -> String {
        switch self {
        case .unicode: return descending ? "▼" : "▲"
        case .ascii: return descending ? " v" : " ^"
        }
    }

    /// Data columns one graph cell shows side by side.
    public var graphColumnsPerCell: Int { self == .unicode ? 2 : 1 }

    /// Value levels one graph cell resolves vertically.
    public var graphLevelsPerCell: Int { self == .unicode ? 4 : 2 }

    /// The bit for the dot at `column` (0 = left) and `level` (0 = top) inside one graph cell.
    public func graphBit(column: Int, level: Int) -> UInt8 {
        switch self {
        case .unicode:
            // Braille numbers dots 1-2-3 and 4-5-6 down each column; dots 7 and 8 were added
            // later for the bottom row, which is why they take the two high bits.
            let left: [UInt8] = [0x01, 0x02, 0x04, 0x40]
            let right: [UInt8] = [0x08, 0x10, 0x20, 0x80]
            guard (0..<4).contains(level) else { return 0 }
            return column == 0 ? left[level] : (column == 1 ? right[level] : 0)
        case .ascii:
            guard column == 0 else { return 0 }
            return level == 0 ? 0x02 : (level == 1 ? 0x01 : 0)
        }
    }

    /// The character for a graph cell whose dots `bits` are lit; a blank for none.
    public func graphScalar(_ bits: UInt8) -> Unicode.Scalar {
        switch self {
        case .unicode:
            return bits == 0 ? " " : Unicode.Scalar(0x2800 + UInt32(bits)) ?? " "
        case .ascii:
            switch bits & 0x03 {
            case 0x03: return "#"
            case 0x02: return "'"
            case 0x01: return "."
            default: return " "
            }
        }
    }

    /// `text` cut to at most `width` cells with the cut marked by the ellipsis;
    /// `keepEnd` keeps the end instead of the start (what identifies a path is its file name).
    public func clip(_ text: String, to width: Int, keepEnd: Bool = false) -> String {
        let scalars = Array(text.unicodeScalars)
        if scalars.count <= width { return text }
        if width <= 0 { return "" }
        var out = String.UnicodeScalarView()
        if keepEnd {
            out.append(ellipsis)
            out.append(contentsOf: scalars[(scalars.count - width + 1)...])
        } else {
            out.append(contentsOf: scalars[..<(width - 1)])
            out.append(ellipsis)
        }
        return String(out)
    }
}

/// Small helpers the widgets in this module share.
enum WidgetText {
    /// How many cells `text` takes on a canvas, which writes one scalar per cell.
    static func width(_ text: String) -> Int { text.unicodeScalars.count }

    /// The part of `a` that is also inside `b`; empty when they do not meet.
    static func intersect(_ a: Rect, _ b: Rect) -> Rect {
        let x = max(a.x, b.x), y = max(a.y, b.y)
        return Rect(x: x, y: y, width: min(a.maxX, b.maxX) - x, height: min(a.maxY, b.maxY) - y)
    }
}
