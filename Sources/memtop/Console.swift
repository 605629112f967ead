#if canImport(Glibc)
import Glibc
#endif

/// Line output to stdout/stderr, unbuffered per line so it interleaves sanely with a child's output.
enum Console {
    static func out(_ line: String) { write(1, line + "\n") }
    static func err(_ line: String) { write(2, line + "\n") }

    private static func write(_ fd: Int32, _ text: String) {
        var bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let n = bytes.withUnsafeMutableBytes { Glibc.write(fd, $0.baseAddress! + offset, $0.count - offset) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { return }  // stdout closed (EPIPE): nothing more to say there
            offset += n
        }
    }
}
