import MemtopUI
import Testing

private let columns = [
    Table.Column("Mapping", truncation: .keepEnd),
    Table.Column("RSS", width: .fixed(8), alignment: .right),
    Table.Column("Delta", width: .fixed(9), alignment: .right),
]

private let rows = [
    ["/usr/lib/x86_64-linux-gnu/libc.so.6", "1.21 MiB", "+4.00 KiB"],
    ["[heap]", "512 MiB", "+2.10 MiB"],
    ["[anon]", "12.0 MiB", "0 B"],
    ["/usr/bin/leaky-server", "3.00 MiB", "0 B"],
]

private func render(_ table: Table, width: Int = 30, height: Int) -> Canvas {
    var canvas = Canvas(width: width, height: height)
    table.draw(into: &canvas, in: canvas.bounds)
    return canvas
}

@Suite struct TableTests {
    @Test func headerAndRows() {
        let canvas = render(Table(columns: columns, rows: rows), height: 4)
        #expect(canvas.lines == [
            "Mapping          RSS     Delta",
            "…/libc.so.6 1.21 MiB +4.00 KiB",
            "[heap]       512 MiB +2.10 MiB",
            "[anon]      12.0 MiB       0 B",
        ])
        #expect(canvas[0, 0].style.bold && canvas[29, 0].style.bold)
        #expect(canvas[0, 1].style == Table.rowStyle && !canvas[0, 1].style.bold)
        #expect(Table.visibleRows(in: canvas.bounds) == 3)
    }

    @Test func scrollOffsetIsAppliedAndClamped() {
        let scrolled = render(Table(columns: columns, rows: rows, scrollOffset: 2), height: 2)
        #expect(scrolled.lines[1] == "[anon]      12.0 MiB       0 B")
        // Past the end shows the last page rather than empty lines.
        let past = render(Table(columns: columns, rows: rows, scrollOffset: 99), height: 3)
        #expect(past.lines[1].hasPrefix("[anon]") && past.lines[2].hasPrefix("…aky-server"))
        #expect(render(Table(columns: columns, rows: rows, scrollOffset: -4), height: 2).lines[1].hasPrefix("…/libc.so.6"))
    }

    @Test func keepingTheSelectionVisible() {
        #expect(Table.scrollOffset(current: 0, selected: 5, visibleRows: 3, rowCount: 10) == 3)
        #expect(Table.scrollOffset(current: 4, selected: 2, visibleRows: 3, rowCount: 10) == 2)
        #expect(Table.scrollOffset(current: 2, selected: 3, visibleRows: 3, rowCount: 10) == 2)
        #expect(Table.scrollOffset(current: 8, selected: nil, visibleRows: 3, rowCount: 10) == 7)
        #expect(Table.scrollOffset(current: 3, selected: 1, visibleRows: 0, rowCount: 10) == 3)
        #expect(Table.scrollOffset(current: 3, selected: 1, visibleRows: 5, rowCount: 2) == 0)
    }

    @Test func selectedRowIsReversedAcrossTheWholeWidth() {
        let canvas = render(Table(columns: columns, rows: rows, selectedRow: 1), height: 4)
        for x in 0..<30 {
            #expect(canvas[x, 2].style.reverse, "column \(x)")
            #expect(!canvas[x, 1].style.reverse && !canvas[x, 3].style.reverse && !canvas[x, 0].style.reverse)
        }
        #expect(canvas[0, 2].style == Table.selectedStyle)
        // A selection scrolled out of view highlights nothing.
        let hidden = render(Table(columns: columns, rows: rows, scrollOffset: 2, selectedRow: 0), height: 3)
        #expect((0..<30).allSatisfy { x in (0..<3).allSatisfy { !hidden[x, $0].style.reverse } })
    }

    @Test func sortIndicatorOnTheSortedColumn() {
        let down = render(Table(columns: columns, rows: rows, sortColumn: 1), height: 1)
        #expect(down.lines == ["Mapping         RSS▼     Delta"])
        let up = render(Table(columns: columns, rows: rows, sortColumn: 2, sortDescending: false, glyphs: .ascii), height: 1)
        #expect(up.lines == ["Mapping          RSS   Delta ^"])
        // A title too long for its column is cut, the indicator kept.
        let narrow = [Table.Column("Resident", width: .fixed(5))]
        #expect(render(Table(columns: narrow, rows: [], sortColumn: 0), width: 5, height: 1).lines == ["Res…▼"])
    }

    @Test func longPathsKeepTheirEnd() {
        let path = [Table.Column("Path", truncation: .keepEnd)]
        let rows = [["/usr/lib/x86_64-linux-gnu/libc.so.6"], ["/opt/app/some-extremely-long-library-name.so"], ["short"]]
        #expect(render(Table(columns: path, rows: rows), width: 12, height: 4).lines == [
            "Path        ",
            "…/libc.so.6 ",
            "…ary-name.so",
            "short       ",
        ])
        #expect(render(Table(columns: path, rows: rows, glyphs: .ascii), width: 12, height: 2).lines[1] == "~/libc.so.6 ")
        let plain = [Table.Column("Name")]
        #expect(render(Table(columns: plain, rows: [["leaky-server-worker"]]), width: 8, height: 2).lines[1] == "leaky-s…")
    }

    @Test func widthsAndDegenerateAreas() {
        let table = Table(columns: columns, rows: rows, selectedRow: 0, sortColumn: 0)
        #expect(table.columnWidths(forWidth: 30) == [11, 8, 9])
        #expect(table.columnWidths(forWidth: 10) == [0, 8, 9])
        let two = Table(columns: [.init("a"), .init("b", width: .flexible(minimum: 6))], rows: [])
        #expect(two.columnWidths(forWidth: 8) == [4, 6])
        #expect(render(table, width: 0, height: 0).lines == [])
        #expect(Table.visibleRows(in: Rect(x: 0, y: 0, width: 0, height: 0)) == 0)
        #expect(Table.visibleRows(in: Rect(x: 0, y: 0, width: 9, height: 1)) == 0)
        // The flexible column shrinks first; nothing is ever written outside the rect.
        var canvas = Canvas(width: 28, height: 5)
        canvas.fill(canvas.bounds, "x")
        table.draw(into: &canvas, in: Rect(x: 2, y: 1, width: 24, height: 3))
        #expect(canvas.lines == [
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
            "xxMap…▼      RSS     Deltaxx",
            "xx…so.6 1.21 MiB +4.00 KiBxx",
            "xx…eap]  512 MiB +2.10 MiBxx",
            "xxxxxxxxxxxxxxxxxxxxxxxxxxxx",
        ])
        canvas.fill(canvas.bounds, "x")
        table.draw(into: &canvas, in: Rect(x: 2, y: 1, width: 12, height: 2))
        #expect(Array(canvas.lines[1...2]) == ["xx     RSS    xxxxxxxxxxxxxx", "xx1.21 MiB +4.xxxxxxxxxxxxxx"])
        #expect(render(table, width: 1, height: 1).lines == [" "])
        table.draw(into: &canvas, in: Rect(x: -4, y: -2, width: 40, height: 30))
    }
}
