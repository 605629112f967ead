import CNCursesW
import MemtopUI
#if canImport(Glibc)
import Glibc
#endif

/// The real terminal: the only place memtop talks to ncurses.
public final class Terminal {
    public private(set) var isActive = false
    private let useColor: Bool

    /// Prepares a terminal; nothing changes on screen until `start()`.
    public init(useColor: Bool) {
        self.useColor = useColor
    }

    /// Switches the terminal to full-screen mode.
    public func start() {
        setlocale(LC_ALL, "")
        initscr()
        cbreak()
        noecho()
        keypad(memtop_stdscr(), true)
        curs_set(0)
        if useColor, has_colors() {
            start_color()
            use_default_colors()
        }
        isActive = true
    }

    /// Current size in cells.
    public var size: (width: Int, height: Int) { (Int(memtop_cols()), Int(memtop_lines())) }

    /// Copies `canvas` to the screen.
    public func draw(_ canvas: Canvas) {
        guard isActive else { return }
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                var attrs = memtop_a_normal()
                if cell.style.bold { attrs |= memtop_a_bold() }
                if cell.style.reverse { attrs |= memtop_a_reverse() }
                _ = memtop_put_cell(Int32(y), Int32(x), wchar_t(cell.scalar.value), attrs, 0)
            }
        }
        refresh()
    }

    /// Restores the terminal; safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        endwin()
    }
}
