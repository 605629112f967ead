// libFuzzer entry for memtop's parsers: built with MemtopCore's sources into one binary by
// Tests/Fuzz/run.sh. The first byte of each input picks the parser; the rest is its input.

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size > 0 else { return 0 }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    switch data[0] % 12 {
    case 0: _ = try? ProcStatus.parse(bytes)
    case 1: _ = try? ProcStat.parse(bytes)
    case 2: _ = try? SmapsRollup.parse(bytes)
    case 3: _ = try? SmapsSummary.parse(bytes, keepMappings: true)
    case 4: _ = try? Meminfo.parse(bytes)
    case 5: _ = try? SessionCSVReader.read(bytes)
    case 6: _ = try? GoVars.parse(bytes)
    case 7:
        if let p = try? GoHeapProfile.parse(bytes) { _ = GoHeapSiteChange.diff(base: p, current: p) }
    case 8:
        if let p = try? GoroutineProfile.parse(bytes) { _ = p.sites() }
    case 9: _ = try? HTTPResponse.parse(bytes)
    case 10: _ = try? GoEndpoint.parse(String(decoding: bytes, as: UTF8.self))
    default: _ = Timestamp.parseISO8601(bytes[...])
    }
    return 0
}
