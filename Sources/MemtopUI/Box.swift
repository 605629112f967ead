/// A bordered panel with a title on the left of its top edge and an optional one on the right:
/// `┌ RSS ───── +2.1 MiB/min ┐`.
public struct Box: Sendable {
    /// Left title, clipped to fit.
    public var title: String
    /// Right-aligned title, dropped or clipped when the left one leaves no room.
    public var rightTitle: String
    /// The focused panel's border is highlighted.
    public var focused: Bool
    /// Box-drawing or ASCII border.
    public var glyphs: GlyphSet
    /// How the right title looks, e.g. a warning colour for a fast growth rate.
    public var rightTitleStyle: Style

    /// Border of a panel without focus.
    public static let borderStyle = Style(.border)
    /// Border and title of the focused panel.
    public static let focusedStyle = Style(.focus, bold: true)
    /// Title of a panel without focus.
    public static let titleStyle = Style(.text, bold: true)

    /// A box with the given titles.
    public init(
        title: String = "", rightTitle: String = "", focused: Bool = false,
        glyphs: GlyphSet = .unicode, rightTitleStyle: Style = Style(.text)
    ) {
        self.title = title
        self.rightTitle = rightTitle
        self.focused = focused
        self.glyphs = glyphs
        self.rightTitleStyle = rightTitleStyle
    }

    /// The area inside the border of `rect`; empty when `rect` is too small for a border.
    public static func inner(of rect: Rect) -> Rect {
        guard rect.width >= 2, rect.height >= 2 else { return Rect(x: rect.x, y: rect.y, width: 0, height: 0) }
        return rect.inset(1)
    }

    /// Draws the border and titles around `rect` and returns the inner area.
    /// A rect narrower or lower than 2 cells has no room for a border and gets nothing drawn.
    @discardableResult
    public func draw(into canvas: inout Canvas, in rect: Rect) -> Rect {
        let inner = Box.inner(of: rect)
        guard rect.width >= 2, rect.height >= 2 else { return inner }
        let border = focused ? Box.focusedStyle : Box.borderStyle
        let clip = WidgetText.intersect(rect, canvas.bounds)
        Box.edge(
            into: &canvas, y: rect.y, x: rect.x, width: rect.width, ends: (glyphs.topLeft, glyphs.topRight),
            titles: (title, rightTitle), styles: (border, focused ? Box.focusedStyle : Box.titleStyle, rightTitleStyle),
            glyphs: glyphs, clip: clip)
        Box.edge(
            into: &canvas, y: rect.maxY - 1, x: rect.x, width: rect.width, ends: (glyphs.bottomLeft, glyphs.bottomRight),
            titles: ("", ""), styles: (border, border, border), glyphs: glyphs, clip: clip)
        let side = String(Character(glyphs.vertical))
        for y in (rect.y + 1)..<(rect.maxY - 1) {
            canvas.put(side, x: rect.x, y: y, style: border, clip: clip)
            canvas.put(side, x: rect.maxX - 1, y: y, style: border, clip: clip)
        }
        return inner
    }

    /// Draws a rule across a box at row `y`, joining its side borders with tees: `├ Threads ─────┤`.
    /// `rect` is the box's outer rect; nothing is drawn when `y` is outside it or it is under 2 cells wide.
    public static func drawRule(
        into canvas: inout Canvas, row y: Int, across rect: Rect, title: String = "",
        focused: Bool = false, glyphs: GlyphSet = .unicode
    ) {
        guard rect.width >= 2, y >= rect.y, y < rect.maxY else { return }
        let border = focused ? focusedStyle : borderStyle
        edge(
            into: &canvas, y: y, x: rect.x, width: rect.width, ends: (glyphs.teeRight, glyphs.teeLeft),
            titles: (title, ""), styles: (border, focused ? focusedStyle : titleStyle, border),
            glyphs: glyphs, clip: WidgetText.intersect(rect, canvas.bounds))
    }

    /// One horizontal edge with its end pieces and titles; the left title has priority for the room.
    private static func edge(
        into canvas: inout Canvas, y: Int, x: Int, width: Int, ends: (Unicode.Scalar, Unicode.Scalar),
        titles: (String, String), styles: (line: Style, left: Style, right: Style), glyphs: GlyphSet, clip: Rect
    ) {
        var line = String.UnicodeScalarView()
        line.append(ends.0)
        line.append(contentsOf: repeatElement(glyphs.horizontal, count: width - 2))
        line.append(ends.1)
        canvas.put(String(line), x: x, y: y, style: styles.line, clip: clip)

        // A title is framed by one space each side; the right one keeps at least one line cell before it.
        let room = width - 2
        var used = 0
        if let left = fitted(titles.0, room: room, glyphs: glyphs) {
            canvas.put(" " + left + " ", x: x + 1, y: y, style: styles.left, clip: clip)
            used = WidgetText.width(left) + 2
        }
        if let right = fitted(titles.1, room: room - used - 1, glyphs: glyphs) {
            let w = WidgetText.width(right) + 2
            canvas.put(" " + right + " ", x: x + width - 1 - w, y: y, style: styles.right, clip: clip)
        }
    }

    /// `text` clipped to fit `room` cells with its framing spaces, or nil when too little of it would show.
    private static func fitted(_ text: String, room: Int, glyphs: GlyphSet) -> String? {
        let n = WidgetText.width(text)
        guard n > 0, room - 2 >= min(n, 2) else { return nil }
        return glyphs.clip(text, to: room - 2)
    }
}
