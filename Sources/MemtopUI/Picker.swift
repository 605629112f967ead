import MemtopCore

/// The process picker shown when memtop starts without a target: filter by typing, pick with Enter.
public struct Picker: Sendable {
    public var processes: [ProcessSummary]
    public var filter = ""
    public var selected = 0
    public var scroll = 0

    /// What a key did to the picker.
    public enum Outcome: Equatable, Sendable {
        case none
        case attach(Int32)
        case quit
        /// Re-read the process list.
        case refresh
    }

    /// A picker over `processes` (already sorted by RSS).
    public init(processes: [ProcessSummary]) {
        self.processes = processes
    }

    /// Processes whose name, command line or pid contains the filter (case-insensitive).
    public var visible: [ProcessSummary] {
        guard !filter.isEmpty else { return processes }
        let f = filter.lowercased()
        return processes.filter {
            $0.name.lowercased().contains(f) || $0.commandLine.lowercased().contains(f) || String($0.pid).hasPrefix(f)
        }
    }

    /// Applies a key.
    public mutating func handle(_ key: Key) -> Outcome {
        let count = visible.count
        switch key {
        case .up: selected = max(0, selected - 1)
        case .down: selected = min(max(0, count - 1), selected + 1)
        case .pageUp: selected = max(0, selected - 10)
        case .pageDown: selected = min(max(0, count - 1), selected + 10)
        case .home: selected = 0
        case .end: selected = max(0, count - 1)
        case .enter:
            let v = visible
            return v.indices.contains(selected) ? .attach(v[selected].pid) : .none
        case .escape:
            if filter.isEmpty { return .quit }
            filter = ""
            selected = 0
        case .char(let c):
            if c == "\u{7f}" || c == "\u{8}" {
                if !filter.isEmpty { filter.removeLast() }
            } else if c == "\u{12}" {  // Ctrl-R
                return .refresh
            } else if c.unicodeScalars.allSatisfy({ $0.value >= 0x20 && $0.value != 0x7f }) {
                filter.append(c)
            }
            selected = 0
        default: break
        }
        return .none
    }

    /// Draws the picker: a title, the filter line, a table of pid / RSS / name / command, key hints.
    public func render(into canvas: inout Canvas) {
        let w = canvas.width, h = canvas.height
        guard w > 0, h > 0 else { return }
        canvas.fill(canvas.bounds)
        canvas.put(" memtop — pick a process to watch (sorted by RSS)", x: 0, y: 0, style: Style(.accent, bold: true))
        guard h > 1 else { return }
        canvas.put(" filter: " + filter + "_", x: 0, y: 1, style: Style(.text))
        let visible = self.visible
        canvas.put("\(visible.count) of \(processes.count)", x: max(0, w - 16), y: 1, style: Style(.dim))
        guard h > 4 else { return }
        let header = "    PID        RSS  NAME             COMMAND"
        canvas.put(header + String(repeating: " ", count: max(0, w - header.count)), x: 0, y: 2, style: Style(.text, bold: true, reverse: true))
        let rows = h - 4
        var top = scroll
        if selected < top { top = selected }
        if selected >= top + rows { top = selected - rows + 1 }
        for (n, p) in visible.dropFirst(top).prefix(rows).enumerated() {
            let y = 3 + n
            let pid = String(p.pid)
            let rss = p.rss.map(Units.bytes) ?? "?"
            var line = String(repeating: " ", count: max(0, 7 - pid.count)) + pid + "  "
            line += String(repeating: " ", count: max(0, 9 - rss.count)) + rss + "  "
            line += (p.name.count > 15 ? String(p.name.prefix(15)) : p.name + String(repeating: " ", count: 15 - p.name.count)) + "  "
            line += p.commandLine
            let isSelected = top + n == selected
            if isSelected { canvas.fill(Rect(x: 0, y: y, width: w, height: 1), style: Style(.accent, reverse: true)) }
            canvas.put(line, x: 0, y: y, style: isSelected ? Style(.accent, bold: true, reverse: true) : Style(.text))
        }
        if visible.isEmpty {
            canvas.put("  no process matches '\(filter)'", x: 0, y: 3, style: Style(.dim))
        }
        canvas.put(" type to filter  Up/Down select  Enter watch  Ctrl-R refresh  Esc clear/quit", x: 0, y: h - 1, style: Style(.dim))
    }
}
