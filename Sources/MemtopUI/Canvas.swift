/// A rectangle on the canvas, in cells.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    /// A rectangle at `(x, y)` of the given size; negative sizes count as empty.
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var isEmpty: Bool { width <= 0 || height <= 0 }
    public var maxX: Int { x + width }
    public var maxY: Int { y + height }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }
}

/// One character cell.
public struct Cell: Equatable, Sendable {
    public var scalar: Unicode.Scalar
    public var style: Style

    /// A cell holding `scalar` drawn with `style`.
    public init(_ scalar: Unicode.Scalar, _ style: Style = .plain) {
        self.scalar = scalar
        self.style = style
    }

    /// An empty cell.
    public static let blank = Cell(" ")
}

/// A grid of cells that widgets draw into; the terminal layer copies it to the screen.
public struct Canvas: Equatable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    /// A blank canvas; negative sizes give an empty one.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
    }

    /// The whole canvas as a rectangle.
    public var bounds: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    /// The cell at `(x, y)`; blank outside the canvas.
    public subscript(x: Int, y: Int) -> Cell {
        get { contains(x, y) ? cells[y * width + x] : .blank }
        set { if contains(x, y) { cells[y * width + x] = newValue } }
    }

    /// Each row as text, trailing spaces kept, for snapshot tests.
    public var lines: [String] {
        (0..<height).map { y in
            var s = String.UnicodeScalarView()
            for x in 0..<width { s.append(cells[y * width + x].scalar) }
            return String(s)
        }
    }

    func contains(_ x: Int, _ y: Int) -> Bool { x >= 0 && y >= 0 && x < width && y < height }

    /// Writes `text` from `(x, y)` clipped to `clip` (the canvas by default); returns the column after the text.
    /// Control characters become `?` and wide characters `?` too, so text from the target cannot break the grid.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .plain, clip: Rect? = nil) -> Int {
        let c = clip ?? bounds
        guard y >= c.y, y < c.maxY else { return x }
        var col = x
        for s in text.unicodeScalars {
            if col >= c.maxX { break }
            if col >= c.x { self[col, y] = Cell(Canvas.displayable(s), style) }
            col += 1
        }
        return col
    }

    /// Fills `rect` with `scalar` in `style`.
    public mutating func fill(_ rect: Rect, _ scalar: Unicode.Scalar = " ", style: Style = .plain) {
        let (x0, x1) = (max(0, rect.x), min(width, rect.maxX))
        let (y0, y1) = (max(0, rect.y), min(height, rect.maxY))
        // A rect wholly off the canvas would make an inverted range.
        guard x0 < x1, y0 < y1 else { return }
        for y in y0..<y1 {
            for x in x0..<x1 { self[x, y] = Cell(scalar, style) }
        }
    }

    /// Single-column scalars pass; control characters, combining marks and East Asian wide characters become `?`.
    static func displayable(_ s: Unicode.Scalar) -> Unicode.Scalar {
        let v = s.value
        // Printable ASCII, box drawing, blocks and braille are nearly every cell drawn: they skip
        // the Unicode property lookup, which was a seventh of the dashboard's CPU.
        if (0x20..<0x7F).contains(v) || (0x2500...0x259F).contains(v) || (0x2800...0x28FF).contains(v) { return s }
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return "?" }
        if s.properties.generalCategory == .nonspacingMark || s.properties.generalCategory == .enclosingMark || s.properties.generalCategory == .format { return "?" }
        if (0x1100...0x115F).contains(v) || (0x2E80...0xA4CF).contains(v) || (0xAC00...0xD7A3).contains(v)
            || (0xF900...0xFAFF).contains(v) || (0xFE30...0xFE4F).contains(v) || (0xFF00...0xFF60).contains(v)
            || (0xFFE0...0xFFE6).contains(v) || (0x1F300...0x1FAFF).contains(v) || (0x20000...0x3FFFD).contains(v) { return "?" }
        return s
    }
}
