/// Minimum and maximum per fixed time slot: the detector's compact memory of a metric.
struct BaseBuckets: Sendable {
    let width: Double
    private var index: [Int] = []
    private var mins: [Double] = []
    private var maxs: [Double] = []
    private var head = 0

    init(width: Double) { self.width = width }

    mutating func add(time: Double, value: Double, keep: Double) {
        let k = Int((time / width).rounded(.down))
        if let last = index.last, last == k {
            mins[mins.count - 1] = min(mins[mins.count - 1], value)
            maxs[maxs.count - 1] = max(maxs[maxs.count - 1], value)
        } else {
            index.append(k)
            mins.append(value)
            maxs.append(value)
        }
        let oldest = Int(((time - keep) / width).rounded(.down))
        while head < index.count, index[head] < oldest { head += 1 }
        // Compact now and then rather than shifting on every sample.
        if head > 4096 {
            index.removeFirst(head)
            mins.removeFirst(head)
            maxs.removeFirst(head)
            head = 0
        }
    }

    /// First stored slot at or after time `t`.
    private func lowerBound(_ t: Double) -> Int {
        let k = Int((t / width).rounded(.down))
        var lo = head, hi = index.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if index[mid] < k { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }

    func floors(from: Double, to: Double, bucket: Double) -> (t: [Double], v: [Double]) {
        var t: [Double] = [], v: [Double] = []
        var i = lowerBound(from)
        var current = Int.min
        while i < index.count {
            let slotTime = Double(index[i]) * width
            if slotTime > to { break }
            // The slot holding `from` may start a little before it: it belongs to the first bucket.
            let b = max(0, Int(((slotTime - from) / bucket).rounded(.down)))
            if b != current {
                t.append(from + (Double(b) + 0.5) * bucket)
                v.append(mins[i])
                current = b
            } else {
                v[v.count - 1] = min(v[v.count - 1], mins[i])
            }
            i += 1
        }
        return (t, v)
    }

    func maximum(from: Double, to: Double) -> Double? {
        var i = lowerBound(from)
        var m: Double?
        while i < index.count, Double(index[i]) * width < to {
            m = max(m ?? maxs[i], maxs[i])
            i += 1
        }
        return m
    }

    func minimum(from: Double, to: Double) -> Double? {
        var i = lowerBound(from)
        var m: Double?
        while i < index.count, Double(index[i]) * width <= to {
            m = min(m ?? mins[i], mins[i])
            i += 1
        }
        return m
    }
}
