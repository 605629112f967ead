import MemtopCore

/// The smallest and largest sample in one data column, so a short peak inside a column is never hidden.
public struct GraphColumn: Equatable, Sendable {
    /// Smallest sample in the column.
    public var low: Double
    /// Largest sample in the column.
    public var high: Double

    /// A column spanning `low...high`.
    public init(low: Double, high: Double) {
        self.low = low
        self.high = high
    }

    /// A column holding one value.
    public init(_ value: Double) { self.init(low: value, high: value) }
}

/// One line on a graph: columns oldest to newest, `nil` where no sample fell (drawn as a gap, not as zero).
public struct GraphSeries: Sendable {
    /// Name for the caller's legend or title; the graph itself does not print it.
    public var label: String
    /// Data columns, oldest first; the newest is drawn at the right edge.
    public var columns: [GraphColumn?]
    /// How the cells this series lit last look.
    public var style: Style

    /// A series named `label` drawn in `style`.
    public init(label: String, columns: [GraphColumn?], style: Style) {
        self.label = label
        self.columns = columns
        self.style = style
    }
}

/// A live graph of one or more series with a y-axis on the left and a time axis along the bottom.
public struct TimeSeriesGraph: Sendable {
    /// Drawn in order, so a later series is on top where they share a cell.
    public var series: [GraphSeries]
    /// Turns a y value into an axis label, e.g. `TimeSeriesGraph.bytesLabel`.
    public var formatY: @Sendable (Double) -> String
    /// Seconds one data column covers.
    public var secondsPerColumn: Double
    /// Written at the right end of the time axis: "now", or the wall time when panned back.
    public var endLabel: String
    /// Braille or ASCII drawing.
    public var glyphs: GlyphSet
    /// The smallest y range shown, so a flat line is not blown up into noise.
    public var minimumSpan: Double
    /// Round y ticks to whole KiB/MiB/GiB multiples, for values `formatY` prints in binary units.
    public var binaryUnits: Bool

    /// A graph of `series`; pass `binaryUnits: true` with `bytesLabel`.
    public init(
        series: [GraphSeries], formatY: @escaping @Sendable (Double) -> String = TimeSeriesGraph.integerLabel,
        secondsPerColumn: Double, endLabel: String = "now", glyphs: GlyphSet = .unicode,
        minimumSpan: Double = 0, binaryUnits: Bool = false
    ) {
        self.series = series
        self.formatY = formatY
        self.secondsPerColumn = secondsPerColumn
        self.endLabel = endLabel
        self.glyphs = glyphs
        self.minimumSpan = minimumSpan
        self.binaryUnits = binaryUnits
    }

    /// How many data columns to supply per series for a plot area `cells` wide.
    public static func dataColumns(forWidth cells: Int, glyphs: GlyphSet) -> Int {
        max(0, cells) * glyphs.graphColumnsPerCell
    }

    /// A y label in binary units via `Units.bytes`; safe for negative, huge and non-finite values.
    @Sendable public static func bytesLabel(_ value: Double) -> String {
        guard value.isFinite, value > 0 else { return Units.bytes(0) }
        return Units.bytes(value >= 1.8e19 ? UInt64.max : UInt64(value.rounded()))
    }

    /// A y label for counts: whole numbers plain, others with one decimal.
    @Sendable public static func integerLabel(_ value: Double) -> String {
        guard value.isFinite else { return "?" }
        if value == value.rounded(), abs(value) < 9e18 { return String(Int64(value)) }
        return Units.fixed(value, 1)
    }

    /// Where the data is drawn inside `rect`, once the y labels and the time axis have taken their room.
    public func plotArea(in rect: Rect) -> Rect { geometry(in: rect).plot }

    /// Draws the graph into `rect` of `canvas`, clearing it first; never writes outside `rect`.
    public func draw(into canvas: inout Canvas, in rect: Rect) {
        let area = WidgetText.intersect(rect, canvas.bounds)
        guard !area.isEmpty else { return }
        canvas.fill(area)
        // Layout is computed on the requested rect so that it matches `plotArea(in:)`; the clip keeps us on the canvas.
        let g = geometry(in: rect)
        let labelStyle = Style(.dim)
        for label in g.labels {
            let text = glyphs.clip(label.text, to: g.labelWidth)
            canvas.put(text, x: rect.x + g.labelWidth - WidgetText.width(text), y: g.plot.y + label.row, style: labelStyle, clip: area)
        }
        if let scale = g.scale {
            plot(into: &canvas, g.plot, scale: scale, clip: area)
        } else if g.plot.width >= 7, g.plot.height >= 1 {
            canvas.put("no data", x: g.plot.x + (g.plot.width - 7) / 2, y: g.plot.y + (g.plot.height - 1) / 2, style: labelStyle, clip: area)
        }
        if let axisY = g.axisY { timeAxis(into: &canvas, row: axisY, rect: rect, plot: g.plot, clip: area) }
    }

    // MARK: Layout

    struct Scale: Equatable { var lo: Double; var hi: Double }

    private struct Geometry {
        var plot: Rect
        var labelWidth = 0
        var axisY: Int?
        var scale: Scale?
        var labels: [(row: Int, text: String)] = []
    }

    /// Label width depends on the visible data's range, which depends on the plot width left by the labels,
    /// so widen the labels until they fit; each step only shrinks the visible data, so this settles quickly.
    private func geometry(in rect: Rect) -> Geometry {
        let hasAxis = rect.height >= 2
        let plotHeight = rect.height - (hasAxis ? 1 : 0)
        let axisY = hasAxis ? rect.maxY - 1 : nil
        func attempt(_ labelWidth: Int) -> Geometry {
            let used = labelWidth > 0 ? labelWidth + 1 : 0
            let plot = Rect(x: rect.x + used, y: rect.y, width: rect.width - used, height: plotHeight)
            let scale = yScale(forWidth: plot.width)
            return Geometry(plot: plot, labelWidth: labelWidth, axisY: axisY, scale: scale,
                            labels: scale.map { yLabels($0, rows: plotHeight) } ?? [])
        }
        var g = attempt(0)
        guard !rect.isEmpty else { return g }
        for _ in 0..<8 {
            let need = g.labels.map { WidgetText.width($0.text) }.max() ?? 0
            if need <= g.labelWidth { return g }
            // Labels may take at most half the width; a plot squeezed thinner than its labels says nothing.
            if (need + 1) * 2 > rect.width { var bare = attempt(0); bare.labels = []; return bare }
            g = attempt(need)
        }
        return g
    }

    /// The last columns of each series that fit `cells`, newest at the right edge.
    private func visibleColumns(forWidth cells: Int) -> [ArraySlice<GraphColumn?>] {
        let n = Self.dataColumns(forWidth: cells, glyphs: glyphs)
        return series.map { $0.columns.suffix(n) }
    }

    /// A column's finite range, or nil when it holds no usable value.
    static func finiteRange(_ c: GraphColumn?) -> (lo: Double, hi: Double)? {
        guard let c else { return nil }
        switch (c.low.isFinite, c.high.isFinite) {
        case (true, true): return (min(c.low, c.high), max(c.low, c.high))
        case (true, false): return (c.low, c.low)
        case (false, true): return (c.high, c.high)
        case (false, false): return nil
        }
    }

    private func yScale(forWidth cells: Int) -> Scale? {
        var lo = Double.infinity, hi = -Double.infinity, integral = true
        for column in visibleColumns(forWidth: cells).joined() {
            guard let r = Self.finiteRange(column) else { continue }
            lo = min(lo, r.lo)
            hi = max(hi, r.hi)
            integral = integral && r.lo == r.lo.rounded() && r.hi == r.hi.rounded()
        }
        guard lo <= hi else { return nil }
        return Self.niceScale(min: lo, max: hi, minimumSpan: minimumSpan, binary: binaryUnits, integral: integral)
    }

    /// Pads `min...max` a little, widens it to `minimumSpan`, and rounds it outward to nice steps
    /// (whole ones for whole-number data, so a thread count never gets a "5.5" label).
    static func niceScale(min dataMin: Double, max dataMax: Double, minimumSpan: Double, binary: Bool, integral: Bool) -> Scale {
        // A range wider than a Double can hold cannot be padded or rounded; no real measurement gets here.
        guard (dataMax - dataMin).isFinite else { return Scale(lo: dataMin, hi: dataMax) }
        let nonNegative = dataMin >= 0
        let pad = (dataMax - dataMin) * 0.05
        var lo = dataMin - pad, hi = dataMax + pad
        if nonNegative, lo < 0 { lo = 0 }
        let magnitude = Swift.max(abs(dataMin), abs(dataMax))
        var need = minimumSpan.isFinite ? Swift.max(minimumSpan, 0) : 0
        if need == 0, hi - lo <= 0 { need = Swift.max(magnitude * 0.1, 1) }
        if hi - lo < need {
            let mid = lo / 2 + hi / 2
            lo = mid - need / 2
            hi = mid + need / 2
            if nonNegative, lo < 0 { hi -= lo; lo = 0 }
        }
        // Three-significant-digit labels cannot tell apart ticks finer than about 1% of the value.
        var raw = Swift.max((hi - lo) / 10, magnitude / 100)
        if integral { raw = Swift.max(raw, 1) }
        let step = niceStep(raw, unit: binary ? binaryUnit(magnitude) : 1)
        if step.isFinite, step > 0 {
            let nlo = (lo / step).rounded(.down) * step
            var nhi = (hi / step).rounded(.up) * step
            if nhi <= nlo { nhi = nlo + step }
            // An even number of steps puts the middle label on a step too: "120 MiB", not "118 MiB".
            if ((nhi - nlo) / step).rounded().truncatingRemainder(dividingBy: 2) == 1 { nhi += step }
            if nlo.isFinite, nhi.isFinite, nhi > nlo { return Scale(lo: nlo, hi: nhi) }
        }
        return Scale(lo: Swift.min(lo, dataMin), hi: Swift.max(hi, dataMax))
    }

    /// The binary unit (1, KiB, MiB, ...) `Units.bytes` would print `magnitude` in.
    static func binaryUnit(_ magnitude: Double) -> Double {
        var unit = 1.0
        for _ in 0..<6 where magnitude >= unit * 1024 { unit *= 1024 }
        return unit
    }

    /// The smallest of 1, 2, 5 × 10ⁿ units that is at least `raw`.
    static func niceStep(_ raw: Double, unit: Double) -> Double {
        let x = raw / unit
        guard x.isFinite, x > 0 else { return 0 }
        var power = 1.0
        while power * 10 <= x { power *= 10 }
        while power > x { power /= 10 }
        for f in [1.0, 2, 5, 10] where f * power >= x { return f * power * unit }
        return 10 * power * unit
    }

    /// Top, middle and bottom labels; a row's label is the value at its top edge, the bottom row's at its bottom.
    private func yLabels(_ s: Scale, rows: Int) -> [(row: Int, text: String)] {
        guard rows > 0 else { return [] }
        var out = [(row: 0, text: formatY(s.hi))]
        if rows >= 3 {
            let midRow = rows / 2
            let f = (Double(midRow) + (rows % 2 == 1 ? 0.5 : 0)) / Double(rows)
            let value = s.hi * (1 - f) + s.lo * f
            out.append((midRow, formatY(value)))
        }
        if rows >= 2 { out.append((rows - 1, formatY(s.lo))) }
        return out
    }

    // MARK: Drawing

    private func plot(into canvas: inout Canvas, _ plot: Rect, scale: Scale, clip: Rect) {
        guard !plot.isEmpty else { return }
        let perCell = glyphs.graphColumnsPerCell, levelsPerCell = glyphs.graphLevelsPerCell
        let dotColumns = plot.width * perCell, levels = plot.height * levelsPerCell
        var bits = [UInt8](repeating: 0, count: plot.width * plot.height)
        var owner = [Int](repeating: -1, count: bits.count)
        func level(_ v: Double) -> Int {
            // Halving first keeps the subtraction finite even for ranges near Double's limits.
            let t = (v / 2 - scale.lo / 2) / (scale.hi / 2 - scale.lo / 2) * Double(levels)
            guard t.isFinite else { return t > 0 ? levels - 1 : 0 }
            return Int(Swift.min(Swift.max(t.rounded(.down), 0), Double(levels - 1)))
        }
        for (index, s) in series.enumerated() {
            let columns = s.columns.suffix(dotColumns)
            let first = dotColumns - columns.count
            var previous: (lo: Int, hi: Int)?
            for (i, column) in columns.enumerated() {
                guard let r = Self.finiteRange(column) else { previous = nil; continue }
                let own = (lo: level(r.lo), hi: level(r.hi))
                var lo = own.lo, hi = own.hi
                // Bridge a jump from the previous column so the line stays connected (diagonal neighbours touch).
                if let p = previous {
                    if lo > p.hi + 1 { lo = p.hi + 1 }
                    if hi < p.lo - 1 { hi = p.lo - 1 }
                }
                previous = own
                let dot = first + i
                let cellX = dot / perCell
                for l in lo...hi {
                    let fromTop = levels - 1 - l
                    let cell = (fromTop / levelsPerCell) * plot.width + cellX
                    bits[cell] |= glyphs.graphBit(column: dot % perCell, level: fromTop % levelsPerCell)
                    owner[cell] = index
                }
            }
        }
        for row in 0..<plot.height {
            for x in 0..<plot.width where bits[row * plot.width + x] != 0 {
                let cell = row * plot.width + x
                let scalar = String(Character(glyphs.graphScalar(bits[cell])))
                canvas.put(scalar, x: plot.x + x, y: plot.y + row, style: series[owner[cell]].style, clip: clip)
            }
        }
    }

    private func timeAxis(into canvas: inout Canvas, row y: Int, rect: Rect, plot: Rect, clip: Rect) {
        let style = Style(.dim)
        let endStart = Swift.max(rect.x, rect.maxX - WidgetText.width(endLabel))
        canvas.put(endLabel, x: endStart, y: y, style: style, clip: clip)
        let cellSeconds = secondsPerColumn * Double(glyphs.graphColumnsPerCell)
        guard cellSeconds.isFinite, cellSeconds > 0, plot.width > 1 else { return }
        // Ticks end at their column, like the end label ends at the newest one.
        var lastStart = endStart
        for tick in ticks(cellSeconds: cellSeconds, cells: plot.width) {
            let end = plot.maxX - 1 - tick.cellsBack
            let start = end - WidgetText.width(tick.text) + 1
            guard start >= rect.x, end < lastStart - 1 else { continue }
            canvas.put(tick.text, x: start, y: y, style: style, clip: clip)
            lastStart = start
        }
    }

    private static let tickSeconds: [Double] = [
        0.1, 0.2, 0.5, 1, 2, 5, 10, 15, 30, 60, 120, 300, 600, 900, 1800,
        3600, 7200, 10800, 21600, 43200, 86400, 172800, 604800,
    ]

    /// Evenly spaced ages, the finest spacing whose labels leave at least one blank cell between them.
    private func ticks(cellSeconds: Double, cells: Int) -> [(cellsBack: Int, text: String)] {
        for interval in Self.tickSeconds {
            let spacing = interval / cellSeconds
            guard spacing >= 2 else { continue }
            var out: [(cellsBack: Int, text: String)] = []
            var k = 1.0
            while true {
                let back = (k * interval / cellSeconds).rounded()
                guard back <= Double(cells - 1) else { break }
                out.append((Int(back), Self.ageLabel(k * interval)))
                k += 1
            }
            let widest = out.map { WidgetText.width($0.text) }.max() ?? 0
            if spacing >= Double(widest + 1) { return out }
        }
        return []
    }

    /// "-30s", "-2m30s", "-5m", "-1h": `Units.duration` without its zero-filled tail.
    static func ageLabel(_ seconds: Double) -> String {
        var text = Units.duration(seconds)
        for (tail, unit) in [(".0s", "s"), ("m00s", "m"), ("h00m", "h"), ("d00h", "d")] where text.hasSuffix(tail) {
            text = String(text.dropLast(tail.count)) + unit
        }
        return "-" + text
    }
}
