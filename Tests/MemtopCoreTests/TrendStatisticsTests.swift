import MemtopCore
import Testing

@Suite struct TrendStatisticsTests {
    // MARK: Theil–Sen

    @Test(arguments: [0.0, 1, -2.5, 1_048_576.0 / 60])
    func theilSenRecoversAnExactSlope(_ slope: Double) throws {
        let x = (0..<20).map { Double($0) * 3 }
        let y = x.map { 7 + slope * $0 }
        let s = try #require(TrendStatistics.theilSen(x, y))
        #expect(abs(s - slope) <= 1e-9 * max(1, abs(slope)))
    }

    @Test func theilSenIgnoresOutliers() throws {
        let x = (0..<21).map(Double.init)
        var y = x.map { 2 * $0 + 10 }
        // A quarter of the points wildly off, both ways: least squares would be dragged far away.
        for i in [3, 8, 11, 17, 19] { y[i] += i.isMultiple(of: 2) ? -1e6 : 1e6 }
        let s = try #require(TrendStatistics.theilSen(x, y))
        #expect(abs(s - 2) < 1e-9)
    }

    @Test func theilSenOnUnevenSpacingAndDuplicateX() throws {
        let x: [Double] = [0, 0, 1, 5, 6, 20]
        let y = x.map { -3 * $0 + 1 }
        #expect(try #require(TrendStatistics.theilSen(x, y)) == -3)
    }

    @Test func theilSenNeedsTwoPoints() {
        #expect(TrendStatistics.theilSen([], []) == nil)
        #expect(TrendStatistics.theilSen([1], [5]) == nil)
        // Pairs only up to the shorter array.
        #expect(TrendStatistics.theilSen([1, 2, 3], [5]) == nil)
        #expect(TrendStatistics.theilSen([1, 2], [5, 9]) == 4)
    }

    @Test func theilSenWithAllXEqualHasNoSlope() {
        #expect(TrendStatistics.theilSen([4, 4, 4], [1, 2, 3]) == nil)
    }

    // MARK: Mann–Kendall

    @Test func mannKendallMonotoneUpAndDown() {
        let up = (0..<15).map(Double.init)
        let zUp = TrendStatistics.mannKendallZ(up)
        // n = 15: S = 105, Var = 15·14·35/18 = 408.33, z = 104 / 20.207 ≈ 5.147.
        #expect(abs(zUp - 104 / (408.0 + 1.0 / 3).squareRoot()) < 1e-9)
        #expect(TrendStatistics.mannKendallZ(up.reversed()) == -zUp)
    }

    @Test func mannKendallWithoutTrendIsSmall() {
        let zigzag: [Double] = [1, 5, 2, 4, 3, 3, 4, 2, 5, 1]
        #expect(abs(TrendStatistics.mannKendallZ(zigzag)) < 1)
    }

    @Test func mannKendallConstantSeriesIsZero() {
        #expect(TrendStatistics.mannKendallZ(Array(repeating: 42, count: 30)) == 0)
    }

    @Test func mannKendallTiesShrinkTheVariance() {
        // Rising with ties: 1 1 2 2 3 3. S = 12 (pairs across groups), tie groups of 2 ×3.
        let y: [Double] = [1, 1, 2, 2, 3, 3]
        let variance = (6.0 * 5 * 17 - 3 * (2 * 1 * 9)) / 18
        let expected = 11 / variance.squareRoot()
        #expect(abs(TrendStatistics.mannKendallZ(y) - expected) < 1e-12)
        // Without the tie correction z would be 11/√28.3 ≈ 2.07; the correction matters near the 2.6 threshold.
        #expect(TrendStatistics.mannKendallZ(y) > 11 / (6.0 * 5 * 17 / 18).squareRoot() + 0.1)
    }

    @Test(arguments: [[Double](), [1], [1, 2]])
    func mannKendallShortSeriesIsZero(_ y: [Double]) {
        #expect(TrendStatistics.mannKendallZ(y) == 0)
    }

    @Test func mannKendallThreePoints() {
        // n = 3: S = 3, Var = 3·2·11/18 = 11/3, z = 2 / √(11/3).
        #expect(abs(TrendStatistics.mannKendallZ([1, 2, 3]) - 2 / (11.0 / 3).squareRoot()) < 1e-12)
    }

    @Test func medianOddEvenEmpty() {
        var odd: [Double] = [5, 1, 3], even: [Double] = [4, 1, 3, 2], empty: [Double] = []
        #expect(TrendStatistics.median(&odd) == 3)
        #expect(TrendStatistics.median(&even) == 2.5)
        #expect(TrendStatistics.median(&empty) == nil)
    }
}
