import Diagnostics

/// Turns what the parser collected into the model: checks that need the whole file
/// (group names, hosts, prefixes), then compiles each group's patterns per member host.
struct Assembler {
    private var file: ParsedFile
    private var bag: DiagnosticBag

    init(file: ParsedFile, bag: DiagnosticBag) {
        self.file = file
        self.bag = bag
    }

    mutating func assemble(includedConfigFiles: [String]) -> (ClusterConfig, DiagnosticBag) {
        checkGroupNames()
        let groups = file.groups.map { group(from: $0) }
        let members = Set(groups.flatMap { $0.hosts.map(\.name) })
        for (name, draft) in file.hostSettings.sorted(by: { $0.value.location < $1.value.location })
        where !members.contains(name) {
            bag.warning("host '\(name)' of the 'confsync' block is not in any group", at: draft.location)
        }
        var config = ClusterConfig(
            groups: groups,
            prefixes: file.prefixes,
            defaultPort: file.defaultPort ?? ClusterConfig.standardPort,
            hostSettings: file.hostSettings.mapValues(\.settings),
            checks: file.checks,
            includedConfigFiles: includedConfigFiles,
            ignoredAttributes: file.ignoredAttributes)
        config.allowWeakened = file.allowWeakened
        config.syncEveryMillis = file.syncEveryMillis
        config.driftCheckEveryMillis = file.driftCheckEveryMillis
        config.watchAfterMillis = file.watchAfterMillis
        config.webAddress = file.webAddress
        return (config, bag)
    }

    private mutating func checkGroupNames() {
        var seen: [String: SourceLocation] = [:]
        for draft in file.groups {
            if let first = seen[draft.name] {
                bag.error("duplicate group name '\(draft.name)'", at: draft.nameLocation,
                          notes: [.note("'\(draft.name)' is first defined here", at: first)])
            } else {
                seen[draft.name] = draft.nameLocation
            }
            if draft.hosts.isEmpty {
                bag.error("group '\(draft.name)' has no hosts", at: draft.nameLocation)
            }
        }
    }

    private mutating func group(from draft: GroupDraft) -> Group {
        let actions = draft.actions.map(\.action)
        var prefixed: [(pattern: PathPattern, location: SourceLocation)] = []
        for rule in draft.rules where rule.pattern.prefixName != nil {
            prefixed.append((rule.pattern, rule.location))
        }
        for action in draft.actions {
            for (pattern, location) in zip(action.action.patterns, action.patternLocations) where pattern.prefixName != nil {
                prefixed.append((pattern, location))
            }
        }
        var known: [(pattern: PathPattern, location: SourceLocation)] = []
        for entry in prefixed {
            let name = entry.pattern.prefixName ?? ""
            if file.prefixes[name] == nil {
                bag.error("unknown prefix '%\(name)%'", at: entry.location)
            } else {
                known.append(entry)
            }
        }
        var matchers: [String: GroupMatcher] = [:]
        if prefixed.isEmpty {
            let shared = GroupMatcher(rules: draft.rules, actions: actions) { $0 }
            for host in draft.hosts { matchers[host.name] = shared }
        } else {
            for host in draft.hosts {
                for entry in known where prefixPath(entry.pattern.prefixName ?? "", for: host.name) == nil {
                    bag.error(
                        "prefix '%\(entry.pattern.prefixName ?? "")%' has no path for host '\(host.name)' of group '\(draft.name)'",
                        at: entry.location)
                }
                matchers[host.name] = GroupMatcher(rules: draft.rules, actions: actions) { pattern in
                    guard let name = pattern.prefixName, let path = prefixPath(name, for: host.name) else { return pattern }
                    return pattern.substitutingPrefix(with: path)
                }
            }
        }
        return Group(
            name: draft.name, hosts: draft.hosts, key: draft.key, rules: draft.rules, actions: actions,
            auto: draft.auto, location: draft.location, matchers: matchers)
    }

    private func prefixPath(_ name: String, for host: String) -> String? {
        file.prefixes[name]?.first { $0.applies(to: host) }?.path
    }
}
