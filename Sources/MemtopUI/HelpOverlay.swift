/// The `?` screen: every key, drawn over the dashboard in a centred box.
public enum HelpOverlay {
    static func lines(_ glyphs: GlyphSet, go: Bool) -> [(String, String)] {
        let arrows = glyphs == .unicode ? ("← →", "↑ ↓") : ("Left Right", "Up Down")
        let panels = PanelID.available(go: go)
        return [
            ("Tab / Shift-Tab", "focus next / previous panel"),
            ((glyphs == .unicode ? "1 … " : "1 ... ") + String(panels.count), "jump to a panel (" + panels.map(\.title).joined(separator: ", ") + ")"),
            ("Enter", "zoom the focused panel to full screen, and back"),
            (arrows.0, "pan back / forward in time"),
            ("End", "back to live"),
            ("+ / -", "fewer / more seconds per column"),
            (arrows.1 + " PgUp PgDn", "scroll the focused list"),
            ("s", "cycle the mappings sort (RSS, change, swap, name)"),
            ("b", go ? "set the baseline: mappings and heap diff show change since now" : "set the baseline: mappings show change since now"),
            ("p", "pause the display (sampling goes on)"),
            ("e", "export the whole session to CSV"),
            ("mouse click", "focus a panel"),
            ("?", "this help (any key closes it)"),
            ("q", "quit"),
        ]
    }

    /// Draws the help box centred on `canvas`.
    public static func draw(into canvas: inout Canvas, glyphs: GlyphSet, go: Bool = false) {
        let items = lines(glyphs, go: go)
        let keyWidth = items.map { $0.0.count }.max() ?? 0
        let textWidth = items.map { $0.1.count }.max() ?? 0
        let width = min(canvas.width, keyWidth + textWidth + 7)
        let height = min(canvas.height, items.count + 4)
        let rect = Rect(x: (canvas.width - width) / 2, y: (canvas.height - height) / 2, width: width, height: height)
        canvas.fill(rect)
        let inner = Box(title: "Help", rightTitle: "any key closes", focused: true, glyphs: glyphs).draw(into: &canvas, in: rect)
        for (n, item) in items.enumerated() where n + 1 < inner.height {
            let y = inner.y + 1 + n
            canvas.put(item.0, x: inner.x + 2, y: y, style: Style(.accent, bold: true), clip: inner)
            canvas.put(item.1, x: inner.x + 3 + keyWidth, y: y, style: Style(.text), clip: inner)
        }
    }
}
