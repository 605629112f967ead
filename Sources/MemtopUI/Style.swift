/// A terminal colour by role; the terminal layer maps roles to 256, 8 or no colours.
public enum Color: UInt8, Sendable, CaseIterable {
    case `default`, text, dim, accent, border, focus, good, warning, critical, series1, series2, series3, series4
}

/// How one cell looks.
public struct Style: Equatable, Sendable {
    public var fg: Color
    public var bold: Bool
    public var reverse: Bool

    /// A style with a foreground role and optional bold/reverse.
    public init(_ fg: Color = .default, bold: Bool = false, reverse: Bool = false) {
        self.fg = fg
        self.bold = bold
        self.reverse = reverse
    }

    /// The terminal's default look.
    public static let plain = Style()
}
