import MemtopCore
import MemtopUI
import Testing

private let mib = 1048576.0

private func series(_ values: [Double?], style: Style = Style(.series1)) -> GraphSeries {
    GraphSeries(label: "s", columns: values.map { $0.map { GraphColumn($0) } }, style: style)
}

private func render(_ graph: TimeSeriesGraph, width: Int, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    graph.draw(into: &canvas, in: canvas.bounds)
    return canvas
}

@Suite struct TimeSeriesGraphTests {
    private let ramp = series((0..<8).map { Double($0) })

    @Test func rampDrawsOneDotPerColumnWithAxes() {
        let graph = TimeSeriesGraph(series: [ramp], secondsPerColumn: 1)
        #expect(render(graph, width: 6, height: 3).lines == [
            "8   ⡠⠊",
            "0 ⡠⠊  ",
            "   now",
        ])
        #expect(graph.plotArea(in: Rect(x: 0, y: 0, width: 6, height: 3)) == Rect(x: 2, y: 0, width: 4, height: 2))
        // Three plot rows give room for the middle label, at the row the midpoint falls in.
        #expect(render(graph, width: 6, height: 4).lines == [
            "8    ⡔",
            "4  ⢀⠎ ",
            "0 ⡠⠃  ",
            "   now",
        ])
    }

    @Test func cellsTakeTheStyleOfTheLastSeriesThatLitThem() {
        let under = series([0, 0, 0, 0], style: Style(.series1))
        let over = series([nil, nil, 0, 0], style: Style(.series2))
        let canvas = render(TimeSeriesGraph(series: [under, over], secondsPerColumn: 1), width: 4, height: 2)
        #expect(canvas.lines == ["2 ⣀⣀", " now"])
        #expect(canvas[2, 0].style == Style(.series1))
        #expect(canvas[3, 0].style == Style(.series2))
        #expect(canvas[0, 0].style == Style(.dim))
    }

    @Test func timeAxisShowsAgesAndTheEndLabelWithoutOverlap() {
        let wave = series((0..<64).map { Double($0 % 7) })
        let panned = TimeSeriesGraph(series: [wave], secondsPerColumn: 5, endLabel: "12:03:01")
        // 10 s per cell: ticks every 6 cells; "-1m" would touch the end label and is left out.
        #expect(render(panned, width: 34, height: 3).lines[2] == " -5m   -4m   -3m   -2m    12:03:01")
        // 5 s per cell: every 30 s would need "-1m30s", which does not fit in 6 cells, so every minute.
        let live = TimeSeriesGraph(series: [wave], secondsPerColumn: 2.5)
        #expect(render(live, width: 34, height: 3).lines[2] == "       -2m         -1m         now")
        #expect(render(live, width: 34, height: 3).lines[0] == "8   ⡠⢢ ⢀⠔⡄ ⡠⢢ ⢀⠔⡄ ⡠⢢ ⢀⠔⡄ ⡠⢢ ⢀⠔⡄ ⡠⢢")
        // Too narrow for any tick: only the end label.
        #expect(render(live, width: 6, height: 2).lines[1] == "   now")
    }

    @Test func ageLabelsDropZeroTails() {
        let wide = TimeSeriesGraph(series: [series([1])], secondsPerColumn: 75, glyphs: .ascii)
        // 75 s per cell: 5-minute ticks would be 4 cells apart, too close for "-10m"; 10 minutes fit.
        #expect(render(wide, width: 24, height: 2).lines[1] == "    -20m    -10m     now")
    }

    @Test func aColumnsMinToMaxIsLitSoPeaksInsideAColumnShow() {
        let columns: [GraphColumn?] = [GraphColumn(2), GraphColumn(low: 0, high: 10), GraphColumn(2), GraphColumn(2)]
        let graph = TimeSeriesGraph(series: [GraphSeries(label: "p", columns: columns, style: .plain)], secondsPerColumn: 1)
        #expect(render(graph, width: 6, height: 4).lines == [
            "12  ⢰ ",
            " 6  ⢸ ",
            " 0  ⢺⠒",
            "   now",
        ])
    }

    @Test func jumpsAreBridgedButGapsAreNot() {
        let jump = TimeSeriesGraph(series: [series([0, 0, 7, 7])], secondsPerColumn: 1)
        #expect(render(jump, width: 4, height: 3).lines == ["8  ⡏", "0 ⣀⠇", " now"])
        // Column 5 and columns 8-9 have no data: blank, not zero, and no bridge across them.
        let gaps = TimeSeriesGraph(series: [series([1, nil, 1, 1, nil, nil, 5, 5])], secondsPerColumn: 1, minimumSpan: 4)
        #expect(render(gaps, width: 6, height: 3).lines == [
            "6    ⠒",
            "0 ⠄⠤  ",
            "   now",
        ])
    }

    @Test func noDataIsSaidNotDrawnAsZero() {
        let graph = TimeSeriesGraph(series: [series([nil, nil]), series([.nan])], secondsPerColumn: 1)
        #expect(render(graph, width: 20, height: 4).lines == [
            "                    ",
            "      no data       ",
            "                    ",
            " -30s -20s -10s  now",
        ])
        #expect(render(TimeSeriesGraph(series: [], secondsPerColumn: 1), width: 9, height: 1).lines == [" no data "])
    }

    @Test func asciiModeUsesHalfCellStepsAndOnlyPrintableASCII() {
        let graph = TimeSeriesGraph(series: [ramp], secondsPerColumn: 1, glyphs: .ascii)
        let canvas = render(graph, width: 10, height: 5)
        #expect(canvas.lines == [
            "8       .'",
            "      .'  ",
            "4   .'    ",
            "0 .'      ",
            "  -5s  now",
        ])
        let tall = render(TimeSeriesGraph(series: [series([0, 10, 0])], secondsPerColumn: 1, glyphs: .ascii), width: 6, height: 4)
        // Single values 0, 10, 0: the spike is bridged up from and back down to its neighbours.
        #expect(tall.lines == ["12  #.", " 6  ##", " 0 .'#", "   now"])
        for line in canvas.lines + tall.lines {
            #expect(line.unicodeScalars.allSatisfy { (0x20...0x7E).contains($0.value) })
        }
    }

    @Test func minimumSpanKeepsAFlatLineCalm() {
        let flat = series(Array(repeating: 100 * mib, count: 40))
        let graph = TimeSeriesGraph(
            series: [flat], formatY: TimeSeriesGraph.bytesLabel, secondsPerColumn: 1, minimumSpan: mib, binaryUnits: true)
        #expect(render(graph, width: 30, height: 6).lines == [
            " 101 MiB                      ",
            "                              ",
            " 100 MiB  ⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒⠒",
            "                              ",
            "99.0 MiB                      ",
            "      -40s -30s -20s -10s  now",
        ])
    }

    @Test func binaryTicksLandOnRoundUnits() {
        let grow = series((0..<20).map { 100 * mib + Double($0) * 2 * mib })
        let canvas = render(
            TimeSeriesGraph(series: [grow], formatY: TimeSeriesGraph.bytesLabel, secondsPerColumn: 1, binaryUnits: true),
            width: 20, height: 4)
        #expect(canvas.lines.prefix(3).map { String($0.prefix(8)) } == [" 145 MiB", " 120 MiB", "95.0 MiB"])
    }

    @Test func degenerateRectsAndValuesNeverCrashOrSpill() {
        let nasty = GraphSeries(label: "n", columns: [
            GraphColumn(0), GraphColumn(1.8e19), GraphColumn(.nan), GraphColumn(.infinity),
            GraphColumn(low: -.infinity, high: 5e18), nil, GraphColumn(low: 9, high: 3), GraphColumn(-1e308), GraphColumn(1e308),
        ], style: .plain)
        let graphs = [
            TimeSeriesGraph(series: [nasty], formatY: TimeSeriesGraph.bytesLabel, secondsPerColumn: 1, binaryUnits: true),
            TimeSeriesGraph(series: [nasty, series([3])], secondsPerColumn: .nan, glyphs: .ascii, minimumSpan: .infinity),
            TimeSeriesGraph(series: [series([3])], secondsPerColumn: 0, endLabel: "a very long end label", minimumSpan: -1),
            TimeSeriesGraph(series: [series([1.8e19, 1.8e19])], formatY: TimeSeriesGraph.bytesLabel, secondsPerColumn: 1e9, minimumSpan: 1),
        ]
        for graph in graphs {
            for (w, h) in [(0, 0), (1, 1), (2, 1), (1, 2), (3, 2), (5, 3), (12, 4), (40, 9)] {
                var canvas = Canvas(width: w + 4, height: h + 4)
                canvas.fill(canvas.bounds, "x")
                let rect = Rect(x: 2, y: 2, width: w, height: h)
                graph.draw(into: &canvas, in: rect)
                for y in 0..<canvas.height {
                    for x in 0..<canvas.width where !(x >= 2 && x < 2 + w && y >= 2 && y < 2 + h) {
                        #expect(canvas[x, y].scalar == "x", "wrote outside \(rect) at \(x),\(y)")
                    }
                }
                #expect(graph.plotArea(in: rect).width <= w)
            }
            // Partly off the canvas.
            var small = Canvas(width: 3, height: 2)
            graph.draw(into: &small, in: Rect(x: -5, y: -1, width: 20, height: 8))
        }
        #expect(render(TimeSeriesGraph(series: [series([3])], secondsPerColumn: 1), width: 1, height: 1).lines == ["⠐"])
        #expect(render(TimeSeriesGraph(series: [series([3])], secondsPerColumn: 1), width: 0, height: 0).lines == [])
    }

    @Test func helpersForCallers() {
        #expect(TimeSeriesGraph.dataColumns(forWidth: 10, glyphs: .unicode) == 20)
        #expect(TimeSeriesGraph.dataColumns(forWidth: 10, glyphs: .ascii) == 10)
        #expect(TimeSeriesGraph.dataColumns(forWidth: -3, glyphs: .unicode) == 0)
        #expect(TimeSeriesGraph.bytesLabel(-5) == "0 B")
        #expect(TimeSeriesGraph.bytesLabel(.nan) == "0 B")
        #expect(TimeSeriesGraph.bytesLabel(3 * mib) == Units.bytes(3 * 1048576))
        #expect(TimeSeriesGraph.bytesLabel(1e30) == Units.bytes(.max))
        #expect(TimeSeriesGraph.integerLabel(12) == "12")
        #expect(TimeSeriesGraph.integerLabel(2.5) == "2.5")
        // Newest columns win when more are supplied than fit.
        let many = TimeSeriesGraph(series: [series((0..<100).map { $0 < 96 ? 50 : 0 })], secondsPerColumn: 1)
        #expect(render(many, width: 4, height: 2).lines[0] == "⠉⠉⣆⣀")
    }
}
