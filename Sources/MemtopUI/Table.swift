/// A scrolling table with a bold header row; the caller sorts the rows, the table only renders them.
public struct Table: Sendable {
    /// Which side of a column its text sits on.
    public enum Alignment: Sendable, Equatable { case left, right }

    /// How wide a column is.
    public enum Width: Sendable, Equatable {
        /// Exactly this many cells.
        case fixed(Int)
        /// An equal share of what the fixed columns leave, but at least `minimum` cells.
        case flexible(minimum: Int = 0)
    }

    /// Which end of a too-long cell survives.
    public enum Truncation: Sendable, Equatable {
        /// Cut the end: `libc.so…`.
        case keepStart
        /// Cut the start, preferably at a `/` so a path keeps its file name: `…/libc.so.6`.
        case keepEnd
    }

    /// One column's title and layout.
    public struct Column: Sendable, Equatable {
        /// Header text.
        public var title: String
        /// Fixed or flexible width.
        public var width: Width
        /// Left or right alignment of header and cells.
        public var alignment: Alignment
        /// Which end of a too-long cell is kept.
        public var truncation: Truncation

        /// A column titled `title`.
        public init(_ title: String, width: Width = .flexible(), alignment: Alignment = .left, truncation: Truncation = .keepStart) {
            self.title = title
            self.width = width
            self.alignment = alignment
            self.truncation = truncation
        }
    }

    /// Columns, left to right.
    public var columns: [Column]
    /// Cell texts per row; missing cells are blank and extra ones ignored.
    public var rows: [[String]]
    /// Index of the first row shown; clamped so the last page is never partly empty.
    public var scrollOffset: Int
    /// Index into `rows` of the highlighted row.
    public var selectedRow: Int?
    /// Index of the column the rows are sorted by, which gets an indicator in its title.
    public var sortColumn: Int?
    /// Whether that sort is descending (largest first).
    public var sortDescending: Bool
    /// Unicode or ASCII ellipsis and sort indicator.
    public var glyphs: GlyphSet

    /// Header row style.
    public static let headerStyle = Style(.text, bold: true)
    /// Ordinary row style.
    public static let rowStyle = Style(.text)
    /// Selected row style.
    public static let selectedStyle = Style(.text, reverse: true)

    /// A table of `rows` under `columns`.
    public init(
        columns: [Column], rows: [[String]], scrollOffset: Int = 0, selectedRow: Int? = nil,
        sortColumn: Int? = nil, sortDescending: Bool = true, glyphs: GlyphSet = .unicode
    ) {
        self.columns = columns
        self.rows = rows
        self.scrollOffset = scrollOffset
        self.selectedRow = selectedRow
        self.sortColumn = sortColumn
        self.sortDescending = sortDescending
        self.glyphs = glyphs
    }

    /// How many data rows fit in `rect` below the header.
    public static func visibleRows(in rect: Rect) -> Int { max(0, rect.height - 1) }

    /// The scroll offset that keeps `selected` on screen with the least movement from `current`, clamped to the rows.
    public static func scrollOffset(current: Int, selected: Int?, visibleRows: Int, rowCount: Int) -> Int {
        var offset = current
        if let s = selected, visibleRows > 0 {
            if s < offset { offset = s }
            if s >= offset + visibleRows { offset = s - visibleRows + 1 }
        }
        return min(max(0, offset), max(0, rowCount - visibleRows))
    }

    /// Each column's width in cells for a table `total` cells wide, with one blank cell between columns.
    public func columnWidths(forWidth total: Int) -> [Int] {
        let gaps = max(0, columns.count - 1)
        var fixed = 0, flexible = 0
        for c in columns {
            switch c.width {
            case .fixed(let n): fixed += max(0, n)
            case .flexible: flexible += 1
            }
        }
        let spare = max(0, total - gaps - fixed)
        var extra = flexible > 0 ? spare % flexible : 0
        return columns.map { c in
            switch c.width {
            case .fixed(let n): return max(0, n)
            case .flexible(let minimum):
                let bonus = extra > 0 ? 1 : 0
                extra -= bonus
                return max(max(0, minimum), spare / flexible + bonus)
            }
        }
    }

    /// Draws the header and the visible rows into `rect`, clearing it first; never writes outside `rect`.
    public func draw(into canvas: inout Canvas, in rect: Rect) {
        let area = WidgetText.intersect(rect, canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        let widths = columnWidths(forWidth: rect.width)
        var starts: [Int] = []
        var x = rect.x
        // A column squeezed to nothing takes no separator either.
        for w in widths { starts.append(x); x += w > 0 ? w + 1 : 0 }

        for (i, column) in columns.enumerated() {
            var title = column.title
            if sortColumn == i {
                let mark = glyphs.sortIndicator(descending: sortDescending)
                title = glyphs.clip(title, to: widths[i] - WidgetText.width(mark)) + mark
            }
            put(title, column: column, x: starts[i], width: widths[i], y: rect.y, style: Table.headerStyle, into: &canvas, clip: area)
        }

        let visible = Table.visibleRows(in: rect)
        let offset = Table.scrollOffset(current: scrollOffset, selected: nil, visibleRows: visible, rowCount: rows.count)
        for line in 0..<visible {
            let r = offset + line
            guard r < rows.count else { break }
            let y = rect.y + 1 + line
            let style = r == selectedRow ? Table.selectedStyle : Table.rowStyle
            if r == selectedRow { canvas.fill(WidgetText.intersect(Rect(x: rect.x, y: y, width: rect.width, height: 1), area), style: style) }
            for (i, column) in columns.enumerated() {
                let text = i < rows[r].count ? rows[r][i] : ""
                put(text, column: column, x: starts[i], width: widths[i], y: y, style: style, into: &canvas, clip: area)
            }
        }
    }

    private func put(_ text: String, column: Column, x: Int, width: Int, y: Int, style: Style, into canvas: inout Canvas, clip: Rect) {
        guard width > 0 else { return }
        let fitted = fit(text, width: width, truncation: column.truncation)
        let pad = column.alignment == .right ? width - WidgetText.width(fitted) : 0
        let cell = WidgetText.intersect(Rect(x: x, y: y, width: width, height: 1), clip)
        canvas.put(fitted, x: x + pad, y: y, style: style, clip: cell)
    }

    /// `text` cut to `width` cells; a path cut at its start is trimmed on to a `/` when that costs at most half of what is kept.
    func fit(_ text: String, width: Int, truncation: Truncation) -> String {
        guard WidgetText.width(text) > width else { return text }
        guard truncation == .keepEnd, width > 1 else { return glyphs.clip(text, to: width, keepEnd: truncation == .keepEnd) }
        let tail = Array(text.unicodeScalars.suffix(width - 1))
        var start = 0
        if let slash = tail.firstIndex(of: "/"), slash <= tail.count / 2 { start = slash }
        var out = String.UnicodeScalarView()
        out.append(glyphs.ellipsis)
        out.append(contentsOf: tail[start...])
        return String(out)
    }
}
