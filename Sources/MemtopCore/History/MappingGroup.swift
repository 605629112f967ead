/// Mappings that share a path (or are all anonymous), added up: one row of the mappings table.
public struct MappingGroup: Equatable, Sendable {
    /// The path, `[heap]`, `[stack]`, `[anon]` for unnamed private memory, `[anon:NAME]`…; sanitized.
    public var name: String
    public var rss: UInt64
    public var swap: UInt64
    /// How many mappings the group holds.
    public var count: Int
    /// RSS gained since the baseline; nil without a baseline, or for a group the baseline did not have
    /// (then `isNew` is true and the whole RSS counts as gained).
    public var change: Int64?
    public var isNew: Bool

    /// A group with every field given.
    public init(name: String, rss: UInt64, swap: UInt64, count: Int, change: Int64?, isNew: Bool) {
        self.name = name
        self.rss = rss
        self.swap = swap
        self.count = count
        self.change = change
        self.isNew = isNew
    }

    /// Groups the mappings of one smaps read by name, largest RSS first.
    public static func groups(_ mappings: [Mapping], baseline: [String: UInt64]? = nil) -> [MappingGroup] {
        var byName: [String: MappingGroup] = [:]
        for m in mappings {
            let name: String
            switch m.kind {
            case .anonymous: name = "[anon]"
            default: name = m.path.isEmpty ? "[anon shared]" : TextSanitizer.clean(m.path, maxLength: 512)
            }
            byName[name, default: MappingGroup(name: name, rss: 0, swap: 0, count: 0, change: nil, isNew: false)].add(m)
        }
        var result = Array(byName.values)
        if let baseline {
            for i in result.indices {
                if let before = baseline[result[i].name] {
                    result[i].change = Int64(result[i].rss) - Int64(before)
                } else {
                    result[i].change = Int64(result[i].rss)
                    result[i].isNew = true
                }
            }
        }
        result.sort { ($0.rss, $1.name) > ($1.rss, $0.name) }
        return result
    }

    /// A baseline to compare later reads with: RSS by group name.
    public static func baseline(_ groups: [MappingGroup]) -> [String: UInt64] {
        Dictionary(groups.map { ($0.name, $0.rss) }, uniquingKeysWith: +)
    }

    private mutating func add(_ m: Mapping) {
        rss += m.rss
        swap += m.swap
        count += 1
    }
}
