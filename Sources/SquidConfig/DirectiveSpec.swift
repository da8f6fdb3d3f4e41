/// One directive of squid's table (cf.data.pre): its names, value type and build condition.
final class DirectiveSpec: Sendable {
    /// The directive's name, then its aliases.
    let names: [String]
    let type: SquidValueType
    /// The configure option this build lacks ("--with-openssl"); nil if compiled in.
    let requires: String?
    /// For an obsolete directive: squid's advice, printed with the warning.
    let advice: [String]

    init(names: [String], type: SquidValueType, requires: String?, advice: [String] = []) {
        self.names = names
        self.type = type
        self.requires = requires
        self.advice = advice
    }

    var name: String { names.first ?? "" }
}

/// Finds a directive by any of its names (case-sensitive, as squid compares them).
enum DirectiveTable {
    static let byName: [String: DirectiveSpec] = {
        var table: [String: DirectiveSpec] = [:]
        for entry in entries {
            for name in entry.names where table[name] == nil { table[name] = entry }
        }
        return table
    }()

    static func lookup(_ name: String) -> DirectiveSpec? { byName[name] }
}
