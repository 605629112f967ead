import MemtopCore
import MemtopUI
import Testing

@Suite struct PickerTests {
    let processes = [
        ProcessSummary(pid: 10, name: "postgres", commandLine: "postgres -D /var/lib/pg", rss: 300 << 20, ppid: 1),
        ProcessSummary(pid: 22, name: "leaky-server", commandLine: "./leaky-server --port 80", rss: 200 << 20, ppid: 1),
        ProcessSummary(pid: 31, name: "bash", commandLine: "-bash", rss: 4 << 20, ppid: 1),
    ]

    @Test func typingFiltersByNameCommandLineOrPid() {
        var p = Picker(processes: processes)
        for c in "LEAK" { _ = p.handle(.char(c)) }
        #expect(p.visible.map(\.pid) == [22])
        _ = p.handle(.escape)
        #expect(p.filter.isEmpty && p.visible.count == 3)
        for c in "3" { _ = p.handle(.char(c)) }
        #expect(p.visible.map(\.pid) == [31])
        _ = p.handle(.char("\u{7f}"))
        #expect(p.visible.count == 3)
    }

    @Test func arrowsSelectAndEnterAttaches() {
        var p = Picker(processes: processes)
        _ = p.handle(.down)
        _ = p.handle(.down)
        _ = p.handle(.down)
        #expect(p.selected == 2)
        _ = p.handle(.up)
        #expect(p.handle(.enter) == .attach(22))
        #expect(p.handle(.escape) == .quit)
        var empty = Picker(processes: processes)
        for c in "zzz" { _ = empty.handle(.char(c)) }
        #expect(empty.handle(.enter) == Picker.Outcome.none)
    }

    @Test func renderListsProcessesLargestFirstWithTheSelectionHighlighted() {
        var p = Picker(processes: processes)
        _ = p.handle(.down)
        var canvas = Canvas(width: 70, height: 8)
        p.render(into: &canvas)
        #expect(canvas.lines[2].hasPrefix("    PID        RSS  NAME"))
        #expect(canvas.lines[3].contains("10") && canvas.lines[3].contains("300 MiB") && canvas.lines[3].contains("postgres"))
        #expect(canvas.lines[4].contains("leaky-server") && canvas[2, 4].style.reverse)
        #expect(!canvas[2, 3].style.reverse)
        var tiny = Canvas(width: 1, height: 1)
        p.render(into: &tiny)
        var none = Canvas(width: 0, height: 0)
        p.render(into: &none)
    }
}
