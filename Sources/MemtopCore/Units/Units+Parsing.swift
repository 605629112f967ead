/// Why a size, duration or rate typed by the user was rejected.
public enum UnitParseError: Error, Equatable, Sendable {
    case empty
    case notANumber(String)
    case unknownUnit(String)
    case outOfRange(String)
}

extension Units {
    /// Parses a size: `512`, `64MiB`, `1.5 GiB`, `10MB`, `4k`. Binary for `KiB`/`K`, decimal for `kB`/`MB`.
    public static func parseBytes(_ text: String) throws(UnitParseError) -> UInt64 {
        let (number, unit) = try split(text)
        let multiplier: Double
        switch unit.lowercased() {
        case "", "b": multiplier = 1
        case "k", "kib": multiplier = 1024
        case "m", "mib": multiplier = 1024 * 1024
        case "g", "gib": multiplier = 1024 * 1024 * 1024
        case "t", "tib": multiplier = 1024 * 1024 * 1024 * 1024
        case "kb": multiplier = 1e3
        case "mb": multiplier = 1e6
        case "gb": multiplier = 1e9
        case "tb": multiplier = 1e12
        default: throw .unknownUnit(unit)
        }
        let bytes = (number * multiplier).rounded()
        guard bytes >= 0, bytes < 9.2e18 else { throw .outOfRange(text) }
        return UInt64(bytes)
    }

    /// Parses a duration into seconds: `250ms`, `1s`, `1.5s`, `2m`, `2min`, `1h`; a bare number is seconds.
    public static func parseDuration(_ text: String) throws(UnitParseError) -> Double {
        let (number, unit) = try split(text)
        let seconds: Double
        switch unit.lowercased() {
        case "ms": seconds = number / 1000
        case "", "s", "sec": seconds = number
        case "m", "min": seconds = number * 60
        case "h", "hr", "hour": seconds = number * 3600
        case "d", "day": seconds = number * 86400
        default: throw .unknownUnit(unit)
        }
        guard seconds.isFinite, seconds < 1e9 else { throw .outOfRange(text) }
        return seconds
    }

    /// Parses a growth rate `SIZE/UNIT` (`1MiB/min`, `10MB/h`, `512KiB/s`) into bytes per second.
    public static func parseRate(_ text: String) throws(UnitParseError) -> Double {
        let parts = text.split(separator: "/", omittingEmptySubsequences: false)
        guard parts.count == 2 else { throw .unknownUnit(text) }
        let size = try parseBytes(String(parts[0]))
        let unit = parts[1].trimmingSpaces
        let per: Double
        switch unit.lowercased() {
        case "s", "sec": per = 1
        case "m", "min": per = 60
        case "h", "hr", "hour": per = 3600
        case "d", "day": per = 86400
        default: throw .unknownUnit(unit)
        }
        return Double(size) / per
    }

    /// Splits `"1.5 GiB"` into `(1.5, "GiB")`, rejecting anything that is not a plain decimal number.
    private static func split(_ text: String) throws(UnitParseError) -> (Double, String) {
        let t = text.trimmingSpaces
        guard !t.isEmpty else { throw .empty }
        let scalars = Array(t.unicodeScalars)
        var i = 0
        var sawDigit = false
        var sawDot = false
        while i < scalars.count {
            let c = scalars[i]
            if c >= "0" && c <= "9" { sawDigit = true } else if c == "." && !sawDot { sawDot = true } else { break }
            i += 1
        }
        guard sawDigit else { throw .notANumber(t) }
        let numberText = String(String.UnicodeScalarView(scalars[0..<i]))
        guard let number = Double(numberText) else { throw .notANumber(t) }
        let unit = String(String.UnicodeScalarView(scalars[i...])).trimmingSpaces
        return (number, unit)
    }
}

extension StringProtocol {
    /// The string without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\t" { s.removeFirst() }
        while let l = s.last, l == " " || l == "\t" { s.removeLast() }
        return String(s)
    }
}
