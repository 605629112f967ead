/// Robust trend statistics over short series: Theil–Sen slope and the Mann–Kendall test.
public enum TrendStatistics {
    /// Theil–Sen slope: the median of the slopes between every pair of points; robust to outliers.
    public static func theilSen(_ x: [Double], _ y: [Double]) -> Double? {
        let n = min(x.count, y.count)
        guard n >= 2 else { return nil }
        var slopes: [Double] = []
        slopes.reserveCapacity(n * (n - 1) / 2)
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n where x[j] != x[i] {
                slopes.append((y[j] - y[i]) / (x[j] - x[i]))
            }
        }
        return median(&slopes)
    }

    /// Mann–Kendall z score: large and positive for a monotone increase, near 0 without a trend.
    /// Ties are accounted for in the variance.
    public static func mannKendallZ(_ y: [Double]) -> Double {
        let n = y.count
        guard n >= 3 else { return 0 }
        var s = 0
        for i in 0..<(n - 1) {
            for j in (i + 1)..<n {
                if y[j] > y[i] { s += 1 } else if y[j] < y[i] { s -= 1 }
            }
        }
        // Tie groups reduce the variance of S.
        let sorted = y.sorted()
        var tieTerm = 0.0
        var i = 0
        while i < n {
            var j = i
            while j + 1 < n, sorted[j + 1] == sorted[i] { j += 1 }
            let t = Double(j - i + 1)
            if t > 1 { tieTerm += t * (t - 1) * (2 * t + 5) }
            i = j + 1
        }
        let nn = Double(n)
        let variance = (nn * (nn - 1) * (2 * nn + 5) - tieTerm) / 18
        guard variance > 0 else { return 0 }
        if s > 0 { return (Double(s) - 1) / variance.squareRoot() }
        if s < 0 { return (Double(s) + 1) / variance.squareRoot() }
        return 0
    }

    /// Median, reordering `values`; nil when empty.
    public static func median(_ values: inout [Double]) -> Double? {
        guard !values.isEmpty else { return nil }
        values.sort()
        let m = values.count / 2
        return values.count % 2 == 1 ? values[m] : (values[m - 1] + values[m]) / 2
    }
}
