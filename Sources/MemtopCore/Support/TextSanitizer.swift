/// Makes text from the watched process safe to put on a terminal or in a file.
public enum TextSanitizer {
    /// Replaces control characters (C0, DEL, C1) and bidi/format overrides with `?`
    /// so that names, command lines and paths can never drive the terminal.
    public static func clean(_ text: String, maxLength: Int = 4096) -> String {
        var out = String.UnicodeScalarView()
        var n = 0
        for s in text.unicodeScalars {
            if n >= maxLength { out.append("…"); break }
            out.append(isUnsafe(s) ? "?" : s)
            n += 1
        }
        return String(out)
    }

    static func isUnsafe(_ s: Unicode.Scalar) -> Bool {
        let v = s.value
        if v < 0x20 || v == 0x7F || (0x80...0x9F).contains(v) { return true }
        // Bidirectional overrides and isolates can reorder what follows them on screen.
        if (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0x200E || v == 0x200F { return true }
        return false
    }
}
