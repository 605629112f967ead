#if canImport(Glibc)
import Glibc
#endif

/// A file's bytes read into memory that is kept from read to read: `smaps` of a big process is
/// tens of megabytes every few seconds, and growing and copying a fresh array for each read
/// cost a tenth of reading it. Parsers see the bytes until the next `fill`.
public final class ReadBuffer {
    private var storage: UnsafeMutableRawPointer
    private var capacity: Int
    /// Bytes of the last read.
    public private(set) var count = 0

    /// An empty buffer with room for `initialCapacity` bytes.
    public init(initialCapacity: Int = 1 << 16) {
        capacity = max(4096, initialCapacity)
        storage = UnsafeMutableRawPointer.allocate(byteCount: capacity, alignment: 16)
    }

    deinit { storage.deallocate() }

    /// The bytes of the last read.
    public var bytes: UnsafeBufferPointer<UInt8> {
        UnsafeBufferPointer(start: storage.assumingMemoryBound(to: UInt8.self), count: count)
    }

    /// Above this, the memory is given back after each use: smaps of a 65k-mapping process is
    /// 44 MiB, which memtop should not hold between reads every 30 s.
    public static let keepLimit = 4 << 20

    /// Reads the whole file at `path` (`/proc` files report size 0, so until EOF).
    public func fill(from path: String) throws(FileReadError) {
        count = 0
        if capacity < expected { reallocate(to: expected) }
        let fd = open(path, O_RDONLY | O_CLOEXEC)
        guard fd >= 0 else { throw FileReadError(errno: errno) }
        defer { close(fd) }
        while true {
            if count == capacity { grow() }
            let n = Glibc.read(fd, storage + count, capacity - count)
            if n == 0 { return }
            if n < 0 {
                if errno == EINTR { continue }
                throw FileReadError(errno: errno)
            }
            count += n
        }
    }

    /// Replaces the contents with `bytes` (for sources that are not files).
    public func set(_ bytes: [UInt8]) {
        while capacity < bytes.count { grow() }
        bytes.withUnsafeBytes { storage.copyMemory(from: $0.baseAddress!, byteCount: $0.count) }
        count = bytes.count
    }

    /// Gives back memory above `keepLimit`, remembering the size so the next read allocates it at once.
    public func release() {
        guard capacity > Self.keepLimit else { return }
        expected = count + count / 4
        count = 0
        reallocate(to: Self.keepLimit)
    }

    /// Size the next read is expected to need.
    private var expected = 0

    private func reallocate(to size: Int) {
        let fresh = UnsafeMutableRawPointer.allocate(byteCount: size, alignment: 16)
        fresh.copyMemory(from: storage, byteCount: min(count, size))
        storage.deallocate()
        storage = fresh
        capacity = size
    }

    private func grow() {
        let bigger = UnsafeMutableRawPointer.allocate(byteCount: capacity * 2, alignment: 16)
        bigger.copyMemory(from: storage, byteCount: count)
        storage.deallocate()
        storage = bigger
        capacity *= 2
    }
}
