import Diagnostics

/// A group as parsed, before prefixes are resolved and patterns compiled.
struct GroupDraft {
    var name: String
    /// The group name (or the `group` keyword when unnamed): where group-wide errors go.
    var nameLocation: SourceLocation
    var location: SourceLocation
    var hosts: [Host] = []
    var hostLocations: [String: SourceLocation] = [:]
    var key: String?
    var rules: [PatternRule] = []
    var actions: [ActionDraft] = []
    var auto: AutoResolution?
}

/// An action as parsed; pattern locations are kept for prefix errors.
struct ActionDraft {
    var action: Action
    var patternLocations: [SourceLocation]
}

/// One `host` of the confsync block, with where it was written.
struct HostSettingsDraft {
    var settings: HostSettings
    var location: SourceLocation
}

/// Everything the parser collected.
struct ParsedFile {
    var groups: [GroupDraft] = []
    var prefixes: [String: [PrefixRule]] = [:]
    var defaultPort: Int?
    var hostSettings: [String: HostSettingsDraft] = [:]
    var checks: [CheckRule] = []
    var allowWeakened: [PathPattern] = []
    var syncEveryMillis: Int?
    var driftCheckEveryMillis: Int?
    var watchAfterMillis: Int?
    var webAddress: String?
    var ignoredAttributes: Set<IgnoredAttribute> = []
}
