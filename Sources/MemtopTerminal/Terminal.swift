import CNCursesW
import MemtopUI
#if canImport(Glibc)
import Glibc
#endif

/// How many colours the dashboard uses.
public enum ColorMode: Sendable {
    case none, eight, full256
}

/// The real terminal: the only place memtop talks to ncurses.
public final class Terminal {
    public private(set) var isActive = false
    public private(set) var colorMode: ColorMode = .none
    private let wantColor: Bool
    /// What is on screen now, so a frame only sends the cells that changed.
    private var shown: Canvas?

    /// Prepares a terminal; nothing changes on screen until `start()`.
    public init(useColor: Bool) {
        wantColor = useColor
    }

    /// True when the locale's encoding is UTF-8 (braille and box drawing can be shown).
    public static func localeIsUTF8() -> Bool {
        setlocale(LC_ALL, "")
        guard let cs = nl_langinfo(nl_item(CODESET)) else { return false }
        let name = String(cString: cs).uppercased()
        return name == "UTF-8" || name == "UTF8"
    }

    /// Switches the terminal to full-screen mode and installs the crash-time restore.
    public func start() {
        setlocale(LC_ALL, "")
        Terminal.installCrashRestore()
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(memtop_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        memtop_enable_mouse()
        if wantColor, has_colors() {
            start_color()
            use_default_colors()
            colorMode = memtop_colors() >= 256 ? .full256 : .eight
            for c in Color.allCases where c != .default {
                init_pair(Int16(c.rawValue), palette(c), -1)
            }
        }
        isActive = true
        shown = nil
    }

    /// Current size in cells.
    public var size: (width: Int, height: Int) { (Int(memtop_cols()), Int(memtop_lines())) }

    /// Copies `canvas` to the screen, sending only the cells that changed since the last frame.
    public func draw(_ canvas: Canvas) {
        guard isActive else { return }
        let full = shown == nil || shown!.width != canvas.width || shown!.height != canvas.height
        if full { erase() }
        for y in 0..<canvas.height {
            for x in 0..<canvas.width {
                let cell = canvas[x, y]
                if !full, shown![x, y] == cell { continue }
                put(cell, x: x, y: y)
            }
        }
        shown = canvas
        refresh()
    }

    /// Forgets what is on screen so the next `draw` repaints everything (after resize or resume).
    public func invalidate() {
        shown = nil
        if isActive { clearok(memtop_stdscr(), true) }
    }

    private func put(_ cell: Cell, x: Int, y: Int) {
        var attrs = memtop_a_normal()
        if cell.style.bold { attrs |= memtop_a_bold() }
        if cell.style.reverse { attrs |= memtop_a_reverse() }
        var pair: Int16 = 0
        if colorMode != .none, cell.style.fg != .default { pair = Int16(cell.style.fg.rawValue) }
        if colorMode == .none, cell.style.fg == .dim { attrs |= memtop_a_dim() }
        // The bottom-right cell cannot be written without scrolling on some terminals; ncurses reports ERR there.
        _ = memtop_put_cell(Int32(y), Int32(x), wchar_t(bitPattern: cell.scalar.value), attrs, pair)
    }

    /// Waits up to `timeoutMs` for a key; nil on timeout.
    public func readKey(timeoutMs: Int32) -> Key? {
        guard isActive else { return nil }
        wtimeout(memtop_stdscr(), timeoutMs)
        var ch: wint_t = 0
        let rc = memtop_get_wch(&ch)
        if rc == memtop_err() { return nil }
        if rc == memtop_key_code_yes() { return functionKey(Int32(ch)) }
        switch ch {
        case 9: return .tab
        case 10, 13: return .enter
        case 27: return .escape
        case 127, 8: return .char("\u{7f}")
        default:
            guard let scalar = Unicode.Scalar(UInt32(ch)) else { return nil }
            return .char(Character(scalar))
        }
    }

    private func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .char("\u{7f}")
        case memtop_key_resize(): return .resize
        case memtop_key_mouse():
            var x: Int32 = 0, y: Int32 = 0
            return memtop_read_mouse(&x, &y) == 1 ? .mouse(x: Int(x), y: Int(y)) : nil
        case memtop_key_f(1): return .char("?")
        case memtop_key_f(10): return .char("q")
        default: return nil
        }
    }

    /// Restores the terminal; safe to call more than once.
    public func stop() {
        guard isActive else { return }
        isActive = false
        endwin()
    }

    private func palette(_ c: Color) -> Int16 {
        if colorMode == .full256 {
            switch c {
            case .default: return -1
            case .text: return 252
            case .dim: return 244
            case .accent: return 81
            case .border: return 240
            case .focus: return 214
            case .good: return 114
            case .warning: return 220
            case .critical: return 203
            case .series1: return 75
            case .series2: return 141
            case .series3: return 108
            case .series4: return 180
            }
        }
        switch c {
        case .default, .text: return -1
        case .dim, .border: return Int16(COLOR_WHITE)
        case .accent, .series1: return Int16(COLOR_CYAN)
        case .focus, .warning: return Int16(COLOR_YELLOW)
        case .good, .series3: return Int16(COLOR_GREEN)
        case .critical: return Int16(COLOR_RED)
        case .series2: return Int16(COLOR_MAGENTA)
        case .series4: return Int16(COLOR_BLUE)
        }
    }

    /// Called first by the crash handler (e.g. to stop a command memtop started); must be async-signal-safe.
    nonisolated(unsafe) public static var beforeCrashExit: (@convention(c) () -> Void)?

    /// On a crash, put the terminal back before dying, so the user's shell is usable.
    private static func installCrashRestore() {
        for sig in [SIGSEGV, SIGBUS, SIGILL, SIGFPE, SIGABRT, SIGTRAP] {
            signal(sig) { s in
                Terminal.beforeCrashExit?()
                endwin()
                signal(s, SIG_DFL)
                raise(s)
            }
        }
    }
}
