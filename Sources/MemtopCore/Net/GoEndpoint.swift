/// Where a Go program serves `expvar` and `net/http/pprof`, from `--go URL`.
public struct GoEndpoint: Equatable, Sendable {
    public var host: String
    public var port: UInt16
    /// Path the handlers are mounted under, without a trailing slash (usually empty).
    public var basePath: String

    /// `http://host:port/base`, as the user should read it back.
    public var display: String {
        let h = host.contains(":") ? "[\(host)]" : host
        return "http://\(h):\(port)\(basePath)"
    }

    public var varsPath: String { basePath + "/debug/vars" }
    public var heapPath: String { basePath + "/debug/pprof/heap?debug=1" }
    public var goroutinePath: String { basePath + "/debug/pprof/goroutine?debug=1" }

    /// Reads `--go`'s argument: `http://host:port`, `host:port` or `:port`; a URL that already names
    /// `/debug/pprof/…` or `/debug/vars` is cut back to where the handlers are mounted.
    public static func parse(_ text: String) throws(MemtopError) -> GoEndpoint {
        var rest = Substring(text.trimmingSpaces)
        guard !rest.isEmpty else { throw .usage("--go needs a URL, e.g. http://localhost:6060") }
        if let scheme = rest.range(of: "://") {
            let name = rest[..<scheme.lowerBound].lowercased()
            guard name == "http" else {
                throw .usage(name == "https"
                    ? "--go \(text): https is not supported; Go debug endpoints normally serve plain http on localhost"
                    : "--go \(text): only http:// URLs are supported")
            }
            rest = rest[scheme.upperBound...]
        }
        rest = rest.prefix { $0 != "?" && $0 != "#" }
        let authority = rest.prefix { $0 != "/" }
        var path = String(rest.dropFirst(authority.count))
        var host: Substring
        var portText: Substring?
        if authority.hasPrefix("[") {
            guard let close = authority.firstIndex(of: "]") else { throw .usage("--go \(text): unclosed [ in the host") }
            host = authority[authority.index(after: authority.startIndex)..<close]
            let after = authority[authority.index(after: close)...]
            if !after.isEmpty {
                guard after.hasPrefix(":") else { throw .usage("--go \(text): expected :PORT after ]") }
                portText = after.dropFirst()
            }
        } else if authority.filter({ $0 == ":" }).count > 1 {
            throw .usage("--go \(text): put an IPv6 address in brackets, e.g. http://[::1]:6060")
        } else if let colon = authority.lastIndex(of: ":") {
            host = authority[..<colon]
            portText = authority[authority.index(after: colon)...]
        } else {
            host = authority
        }
        if host.isEmpty { host = "localhost" }
        guard !host.contains(where: { $0 == "@" || $0 == " " || $0.isNewline }) else { throw .usage("--go \(text): bad host") }
        var port: UInt16 = 80
        if let portText {
            guard portText.allSatisfy(\.isASCIIDigitCharacter), let p = UInt16(portText), p > 0 else { throw .usage("--go \(text): the port must be a number from 1 to 65535") }
            port = p
        }
        // The path goes verbatim into the request line: nothing that could end or split it.
        guard !path.unicodeScalars.contains(where: { $0.value <= 0x20 || $0.value == 0x7F }) else {
            throw .usage("--go \(text): the URL's path holds spaces or control characters")
        }
        let padded = path + "/"
        if let r = padded[...].range(of: "/debug/") { path = String(padded[..<r.lowerBound]) }
        while path.hasSuffix("/") { path.removeLast() }
        return GoEndpoint(host: String(host), port: port, basePath: path)
    }
}

extension Character {
    /// 0–9 only (`Character.isNumber` also takes other scripts' digits and fractions).
    var isASCIIDigitCharacter: Bool { isASCII && isWholeNumber }
}
