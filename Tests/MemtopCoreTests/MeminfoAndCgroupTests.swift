import MemtopCore
import MemtopTestSupport
import Testing

@Suite struct MeminfoAndCgroupTests {
    @Test func meminfoGivesMemTotal() throws {
        let m = try Meminfo.parse(Fixtures.bytes("cgroup/meminfo"))
        let text = String(decoding: Fixtures.bytes("cgroup/meminfo"), as: UTF8.self)
        let kb = text.split(separator: "\n").first { $0.hasPrefix("MemTotal:") }!.split(separator: " ")[1]
        #expect(m.memTotal == UInt64(kb)! * 1024)
        #expect(m.memAvailable != nil)
        #expect(throws: ProcParseError.missingField("MemTotal")) { try Meminfo.parse(Array("MemFree: 1 kB\n".utf8)) }
        #expect(throws: ProcParseError.truncated) { try Meminfo.parse(Array("MemTotal: 1 k".utf8)) }
    }

    /// Loads a cgroup fixture tree into a source rooted at `/sys/fs/cgroup`.
    private func source(_ version: String) -> FixtureFileSource {
        let src = FixtureFileSource()
        let files: [String]
        switch version {
        case "v1":
            files = ["memory/memory.limit_in_bytes", "memory/process_api/memory.limit_in_bytes",
                     "memory/process_api/abc123/memory.limit_in_bytes"]
        default:
            files = ["system.slice/app.service/memory.max", "system.slice/memory.max", "cgroup.controllers"]
        }
        for f in files { src.set("/sys/fs/cgroup/" + f, Fixtures.bytes("cgroup/\(version)/sys/fs/cgroup/" + f)) }
        return src
    }

    @Test func v1HybridLimitIsTheSmallestOnThePath() throws {
        let m = try Cgroup.parseMemberships(Fixtures.bytes("cgroup/v1/proc-cgroup"))
        #expect(m.count == 10)
        #expect(m.contains { $0.controllers == ["memory"] && $0.path == "/process_api/abc123" })
        // The hybrid host also lists "0::/": the v1 memory controller must win.
        let limit = Cgroup.effectiveLimit(memberships: m, memTotal: 24 << 30, source: source("v1"))
        #expect(limit == MemoryLimit(bytes: 536_870_912, source: "cgroup v1 /process_api/abc123"))
    }

    @Test func v2LimitWalksUpToTheParent() throws {
        let m = try Cgroup.parseMemberships(Fixtures.bytes("cgroup/v2/proc-cgroup"))
        #expect(m == [CgroupMembership(hierarchyID: 0, controllers: [], path: "/system.slice/app.service")])
        let limit = Cgroup.effectiveLimit(memberships: m, memTotal: 24 << 30, source: source("v2"))
        #expect(limit == MemoryLimit(bytes: 4_294_967_296, source: "cgroup v2 /system.slice"))
    }

    @Test func memTotalWinsWhenItIsSmaller() throws {
        let m = try Cgroup.parseMemberships(Fixtures.bytes("cgroup/v2/proc-cgroup"))
        let limit = Cgroup.effectiveLimit(memberships: m, memTotal: 1 << 30, source: source("v2"))
        #expect(limit == MemoryLimit(bytes: 1 << 30, source: "MemTotal"))
    }

    @Test func noLimitsAnywhereFallsBackToMemTotalOrNothing() {
        let m = [CgroupMembership(hierarchyID: 0, controllers: [], path: "/")]
        #expect(Cgroup.effectiveLimit(memberships: m, memTotal: 8 << 30, source: FixtureFileSource())?.source == "MemTotal")
        #expect(Cgroup.effectiveLimit(memberships: m, memTotal: nil, source: FixtureFileSource()) == nil)
    }

    @Test func limitValues() throws {
        #expect(try Cgroup.parseLimitValue(Array("max\n".utf8)) == nil)
        #expect(try Cgroup.parseLimitValue(Array("9223372036854771712\n".utf8)) == nil)
        #expect(try Cgroup.parseLimitValue(Array("536870912\n".utf8)) == 536_870_912)
        #expect(throws: ProcParseError.badNumber(field: "memory limit")) { try Cgroup.parseLimitValue(Array("lots\n".utf8)) }
        #expect(throws: ProcParseError.empty) { try Cgroup.parseLimitValue(Array("\n".utf8)) }
    }

    @Test func pathsWithColonsAndGarbage() throws {
        let m = try Cgroup.parseMemberships(Array("0::/a:b/c\n".utf8))
        #expect(m[0].path == "/a:b/c")
        #expect(throws: ProcParseError.malformedLine(1)) { try Cgroup.parseMemberships(Array("garbage\n".utf8)) }
        #expect(throws: ProcParseError.truncated) { try Cgroup.parseMemberships(Array("0::/".utf8)) }
    }
}
