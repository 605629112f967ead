import MemtopCore
import Testing

@Suite struct UnitsTests {
    @Test(arguments: [
        ("512", UInt64(512)), ("1B", 1), ("4k", 4096), ("4KiB", 4096), ("64MiB", 64 << 20), ("64 MiB", 64 << 20),
        ("1.5GiB", 3 << 29), ("10MB", 10_000_000), ("1kB", 1000), ("2gb", 2_000_000_000), ("1TiB", 1 << 40),
    ])
    func sizes(_ text: String, _ bytes: UInt64) throws {
        #expect(try Units.parseBytes(text) == bytes)
    }

    @Test func badSizes() {
        #expect(throws: UnitParseError.empty) { try Units.parseBytes("") }
        #expect(throws: UnitParseError.notANumber("MiB")) { try Units.parseBytes("MiB") }
        #expect(throws: UnitParseError.unknownUnit("furlongs")) { try Units.parseBytes("3furlongs") }
        #expect(throws: UnitParseError.notANumber("-5MiB")) { try Units.parseBytes("-5MiB") }
    }

    @Test(arguments: [
        ("250ms", 0.25), ("1s", 1.0), ("1.5s", 1.5), ("2m", 120.0), ("2min", 120.0), ("1h", 3600.0), ("3", 3.0), ("0", 0.0),
    ])
    func durations(_ text: String, _ seconds: Double) throws {
        #expect(try Units.parseDuration(text) == seconds)
    }

    @Test func badDurations() {
        #expect(throws: UnitParseError.unknownUnit("parsecs")) { try Units.parseDuration("5parsecs") }
        #expect(throws: UnitParseError.notANumber("fast")) { try Units.parseDuration("fast") }
        #expect(throws: UnitParseError.unknownUnit("e3s")) { try Units.parseDuration("1e3s") }
    }

    @Test func rates() throws {
        #expect(try Units.parseRate("1MiB/min") == 1048576.0 / 60)
        #expect(try Units.parseRate("10MB/h") == 10_000_000.0 / 3600)
        #expect(try Units.parseRate("512KiB/s") == 524288)
        #expect(throws: UnitParseError.unknownUnit("fortnight")) { try Units.parseRate("1MiB/fortnight") }
        #expect(throws: UnitParseError.unknownUnit("1MiB")) { try Units.parseRate("1MiB") }
    }

    @Test func formatting() {
        #expect(Units.bytes(0) == "0 B")
        #expect(Units.bytes(512) == "512 B")
        #expect(Units.bytes(1024) == "1.00 KiB")
        #expect(Units.bytes(76 << 20 + 400 << 10) == "76.4 MiB")
        #expect(Units.bytes(180 << 20) == "180 MiB")
        #expect(Units.bytes(1_299_227_607) == "1.21 GiB")
        #expect(Units.bytes(1023 << 20 + 900 << 10) == "1.00 GiB")
        #expect(Units.signedBytes(-2048) == "-2.00 KiB")
        #expect(Units.rate(bytesPerSecond: 2.1 * 1048576 / 60) == "+2.10 MiB/min")
        #expect(Units.rate(bytesPerSecond: -10 * 1048576 / 3600) == "-10.0 MiB/h")
        #expect(Units.rate(bytesPerSecond: 2 * 1048576) == "+2.00 MiB/s")
        #expect(Units.rate(bytesPerSecond: 200 * 1024 / 3600) == "+200 KiB/h")
        #expect(Units.duration(0.25) == "250ms")
        #expect(Units.duration(5) == "5.0s")
        #expect(Units.duration(125) == "2m05s")
        #expect(Units.duration(3 * 3600 + 12 * 60) == "3h12m")
        #expect(Units.fixed(-0.0004, 3) == "0.000")
        #expect(Units.fixed(1.0005, 3) == "1.001")
    }
}
