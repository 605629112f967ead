/// An append-only column kept in fixed-size blocks.
///
/// A growing Swift array doubles and copies, and over a long session the heap keeps the
/// abandoned buffers; memtop's own RSS then grows in steps larger than the data. Blocks are
/// allocated once at full size and never move, and a copy of the column (the dashboard's
/// per-frame model) shares every block; appending to a shared column copies only the block
/// being filled.
struct BlockColumn<Element: Sendable>: Sendable {
    /// 1,024 rows: 4 KiB of `UInt32`, 8 KiB of `Double`, so a shared block is cheap to copy.
    static var shift: Int { 10 }
    static var blockSize: Int { 1 << shift }
    private static var mask: Int { blockSize - 1 }

    private var blocks: [[Element]] = []
    /// Number of values stored.
    private(set) var count = 0

    /// Appends one value.
    mutating func append(_ value: Element) {
        if count & Self.mask == 0 {
            var block: [Element] = []
            block.reserveCapacity(Self.blockSize)
            blocks.append(block)
        }
        blocks[blocks.count - 1].append(value)
        count += 1
    }

    /// The value at `index` (which must be below `count`).
    subscript(index: Int) -> Element {
        blocks[index >> Self.shift][index & Self.mask]
    }

    /// Bytes held by the blocks, full or not.
    var capacityBytes: Int { blocks.count * Self.blockSize * MemoryLayout<Element>.stride }
}
