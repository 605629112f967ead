import MemtopUI
import Testing

@Suite struct CanvasTests {
    @Test func textIsClippedToTheCanvasAndTheClipRect() {
        var c = Canvas(width: 6, height: 2)
        c.put("hello world", x: 1, y: 0)
        c.put("xyz", x: -1, y: 1)
        #expect(c.lines == [" hello", "yz    "])
        c.put("ABCDEF", x: 0, y: 1, clip: Rect(x: 2, y: 1, width: 2, height: 1))
        #expect(c.lines == [" hello", "yzCD  "])
    }

    @Test func zeroSizeAndOneByOne() {
        var empty = Canvas(width: 0, height: 0)
        empty.put("x", x: 0, y: 0)
        empty.fill(Rect(x: 0, y: 0, width: 5, height: 5), "#")
        #expect(empty.lines == [])
        var one = Canvas(width: 1, height: 1)
        one.put("ab", x: 0, y: 0)
        #expect(one.lines == ["a"])
        let negative = Canvas(width: -3, height: 2)
        #expect(negative.width == 0 && negative.lines == ["", ""])
    }

    @Test func controlAndWideCharactersCannotBreakTheGrid() {
        var c = Canvas(width: 8, height: 1)
        c.put("a\u{1b}[2J\u{7}b漢", x: 0, y: 0)
        #expect(c.lines == ["a?[2J?b?"])
    }

    @Test func fillAndStyle() {
        var c = Canvas(width: 3, height: 2)
        c.fill(Rect(x: 1, y: 0, width: 5, height: 1), "#", style: Style(.accent, bold: true))
        #expect(c.lines == [" ##", "   "])
        #expect(c[1, 0].style == Style(.accent, bold: true))
        #expect(c[9, 9] == .blank)
    }
}

@Suite struct CanvasEdgeTests {
    @Test func fillingARectOffTheCanvasDrawsNothing() {
        var c = Canvas(width: 4, height: 3)
        c.fill(Rect(x: 0, y: 10, width: 4, height: 2), "#")
        c.fill(Rect(x: 9, y: 0, width: 2, height: 2), "#")
        c.fill(Rect(x: -5, y: -5, width: 3, height: 3), "#")
        #expect(c.lines == ["    ", "    ", "    "])
    }
}
