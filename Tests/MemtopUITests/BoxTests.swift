import MemtopUI
import Testing

private func render(_ box: Box, width: Int, height: Int) -> (Canvas, Rect) {
    var canvas = Canvas(width: width, height: height)
    let inner = box.draw(into: &canvas, in: canvas.bounds)
    return (canvas, inner)
}

@Suite struct BoxTests {
    @Test func bordersAndBothTitles() {
        let (canvas, inner) = render(Box(title: "RSS", rightTitle: "+2.1 MiB/min"), width: 30, height: 4)
        #expect(canvas.lines == [
            "┌ RSS ───────── +2.1 MiB/min ┐",
            "│                            │",
            "│                            │",
            "└────────────────────────────┘",
        ])
        #expect(inner == Rect(x: 1, y: 1, width: 28, height: 2))
        #expect(Box.inner(of: Rect(x: 3, y: 4, width: 30, height: 4)) == Rect(x: 4, y: 5, width: 28, height: 2))
    }

    @Test func focusHighlightsTheBorder() {
        let (plain, _) = render(Box(title: "Heap"), width: 10, height: 3)
        let (focused, _) = render(Box(title: "Heap", focused: true), width: 10, height: 3)
        #expect(plain.lines == focused.lines)
        for (x, y) in [(0, 0), (9, 0), (0, 1), (9, 1), (0, 2), (5, 2), (8, 0)] {
            #expect(plain[x, y].style == Box.borderStyle)
            #expect(focused[x, y].style == Style(.focus, bold: true))
        }
        #expect(plain[2, 0].style == Box.titleStyle)
        #expect(focused[2, 0].style == Style(.focus, bold: true))
        #expect(plain[4, 1] == .blank)
    }

    @Test func titlesAreClippedOnNarrowBoxes() {
        let titles = Box(title: "Mappings: top by RSS", rightTitle: "+2.1 MiB/min")
        // The left title wins the room; the right one is dropped when nothing of it would fit.
        #expect(render(titles, width: 12, height: 2).0.lines == ["┌ Mapping… ┐", "└──────────┘"])
        #expect(render(Box(title: "RSS", rightTitle: "+2.1 MiB/min"), width: 16, height: 2).0.lines[0] == "┌ RSS ─ +2.1 … ┐")
        #expect(render(Box(title: "RSS", rightTitle: "+2.1 MiB/min"), width: 10, height: 2).0.lines[0] == "┌ RSS ───┐")
        // A lone ellipsis says nothing, so a long title needs room for at least one character and the mark.
        #expect(render(titles, width: 6, height: 2).0.lines[0] == "┌ M… ┐")
        #expect(render(titles, width: 5, height: 2).0.lines[0] == "┌───┐")
        #expect(render(Box(title: "RSS", glyphs: .ascii), width: 6, height: 2).0.lines[0] == "+ R~ +")
        #expect(render(Box(title: "RSS", glyphs: .ascii), width: 5, height: 2).0.lines[0] == "+---+")
    }

    @Test func tinyRects() {
        let box = Box(title: "RSS", rightTitle: "x", focused: true)
        let (zero, zeroInner) = render(box, width: 0, height: 0)
        #expect(zero.lines == [] && zeroInner.isEmpty)
        let (one, oneInner) = render(box, width: 1, height: 1)
        #expect(one.lines == [" "] && oneInner.isEmpty)
        let (two, twoInner) = render(box, width: 2, height: 2)
        #expect(two.lines == ["┌┐", "└┘"] && twoInner.isEmpty)
        #expect(render(box, width: 3, height: 3).0.lines == ["┌─┐", "│ │", "└─┘"])
        #expect(render(box, width: 6, height: 1).0.lines == ["      "])
        // Nothing outside the rect, even partly off the canvas.
        var canvas = Canvas(width: 8, height: 5)
        canvas.fill(canvas.bounds, "x")
        box.draw(into: &canvas, in: Rect(x: 2, y: 1, width: 4, height: 3))
        #expect(canvas.lines == ["xxxxxxxx", "xx┌──┐xx", "xx│xx│xx", "xx└──┘xx", "xxxxxxxx"])
        box.draw(into: &canvas, in: Rect(x: -3, y: -3, width: 20, height: 20))
    }

    @Test func asciiGlyphsAndRules() {
        var canvas = Canvas(width: 20, height: 5)
        let rect = canvas.bounds
        Box(title: "Summary", rightTitle: "12:03:01", glyphs: .ascii).draw(into: &canvas, in: rect)
        Box.drawRule(into: &canvas, row: 2, across: rect, title: "Threads", glyphs: .ascii)
        #expect(canvas.lines == [
            "+ Summary - 12:03~ +",
            "|                  |",
            "+ Threads ---------+",
            "|                  |",
            "+------------------+",
        ])
        var unicode = Canvas(width: 12, height: 3)
        Box.drawRule(into: &unicode, row: 1, across: unicode.bounds, title: "Alerts", focused: true)
        Box.drawRule(into: &unicode, row: 5, across: unicode.bounds, title: "outside")
        #expect(unicode.lines == ["            ", "├ Alerts ──┤", "            "])
        #expect(unicode[0, 1].style == Box.focusedStyle)
    }
}
