extension ClusterConfig {
    /// Groups that name `host` (case-insensitive); csync2 ignores a group without the local host.
    public func groups(containing host: String) -> [Group] {
        groups.filter { $0.contains(host) }
    }

    /// Groups that `director` deploys: it is a member and not parenthesised.
    public func groups(deployedBy director: String) -> [Group] {
        groups.filter { $0.isDeployed(by: director) }
    }

    /// Every host `director` deploys to: the other hosts of the groups it deploys, in order of
    /// first appearance, each with its settings and groups.
    public func nodes(forDirector director: String) -> [NodePlan] {
        let directorName = director.lowercased()
        let deployed = groups(deployedBy: directorName)
        var order: [String] = []
        var memberships: [String: [(group: Group, host: Host)]] = [:]
        for group in deployed {
            for host in group.hosts where host.name != directorName {
                if memberships[host.name] == nil { order.append(host.name) }
                memberships[host.name, default: []].append((group, host))
            }
        }
        return order.map { name in
            let entries = memberships[name] ?? []
            let settings = settings(for: name)
            return NodePlan(
                name: name, settings: settings, address: settings.address ?? name,
                port: settings.port ?? defaultPort, groups: entries.map(\.group),
                receiveOnly: entries.allSatisfy(\.host.receiveOnly), director: directorName,
                toNode: renaming(from: directorName, to: name))
        }
    }

    /// The settings of `host`: the confsync block's values first, then the first
    /// `@address:port` given for it on a `host` line.
    public func settings(for host: String) -> HostSettings {
        let name = host.lowercased()
        var settings = hostSettings[name] ?? HostSettings()
        for member in groups.lazy.compactMap({ $0.host(named: name) }) where member.address != nil {
            settings.address = settings.address ?? member.address
            settings.port = settings.port ?? member.port
            break
        }
        return settings
    }

    /// Is the absolute `path` managed (included and not excluded) by any group of `host`,
    /// with `host`'s prefix values?
    public func isManaged(_ path: String, forHost host: String) -> Bool {
        managedMatcher(forHost: host)(path)
    }

    /// `isManaged(_:forHost:)` with the host's matchers looked up once: for testing many paths.
    public func managedMatcher(forHost host: String) -> @Sendable (String) -> Bool {
        let name = host.lowercased()
        let matchers = groups.compactMap { $0.matchers[name] }
        return { path in
            var path = path
            return path.withUTF8 { bytes in matchers.contains { $0.matches(bytes) } }
        }
    }

    /// Is `path` (a path on `director`) a file of `node` when `director` deploys? Only the
    /// groups `director` deploys that contain `node` count.
    public func isManaged(_ path: String, node: String, director: String) -> Bool {
        let nodeName = node.lowercased()
        let directorName = director.lowercased()
        guard nodeName != directorName else { return false }
        var path = path
        return path.withUTF8 { bytes in
            groups.contains { group in
                guard group.deployers.contains(directorName), group.matchers[nodeName] != nil,
                      let matcher = group.matchers[directorName] else { return false }
                return matcher.matches(bytes)
            }
        }
    }

    /// The actions a deploy of `paths` from `director` runs on `node`: actions of the groups
    /// holding both (not `do-local-only`), each with the paths of the group it matches.
    /// Actions with the same commands and logfile come once with all their paths, as csync2
    /// runs each command once (`csync_run_commands`), and the longest `timeout` among them.
    public func actions(for paths: [String], node: String, director: String) -> [(action: Action, paths: [String])] {
        matchingActions(paths, in: deployGroups(node: node, director: director), seenBy: director) { !$0.doLocalOnly }
    }

    /// The `do-local` and `do-local-only` actions of the groups `director` deploys, which it
    /// runs itself after a change of `paths`.
    public func localActions(for paths: [String], director: String) -> [(action: Action, paths: [String])] {
        matchingActions(paths, in: groups(deployedBy: director), seenBy: director) { $0.doLocal }
    }

    /// What decides which paths `host` manages, as text: equal for two cluster files that
    /// manage the same paths for it (a scan that kept the files of an earlier one checks it).
    public func managedSetSignature(forHost host: String) -> String {
        let name = host.lowercased()
        return walkRoots(forHost: host).joined(separator: "\n") + "\n--\n"
            + groups.compactMap { $0.matchers[name]?.signature }.joined(separator: "\n--\n")
    }

    /// Directories (or files) to walk to find `host`'s managed files: the static prefixes of
    /// its groups' include path patterns, without the ones inside another, sorted.
    public func walkRoots(forHost host: String) -> [String] {
        let name = host.lowercased()
        let prefixes = Set(groups.compactMap { $0.matchers[name] }.flatMap { $0.includePaths.map(\.staticPrefix) })
        let sorted = prefixes.filter { !$0.isEmpty }.sorted()
        var roots: [String] = []
        for candidate in sorted {
            if let last = roots.last, last == "/" || candidate.hasPrefix(last + "/") { continue }
            roots.append(candidate)
        }
        return roots
    }

    /// Whether an `allow-weakened` pattern matches `path`: its weakening findings are warnings.
    public func allowsWeakened(_ path: String) -> Bool {
        allowWeakened.contains { $0.matches(path) }
    }

    /// The checker of the first `check` rule matching `path`; nil = use the default.
    public func checker(for path: String) -> CheckRule.Checker? {
        checks.first { $0.pattern.matches(path) }?.checker
    }

    /// The path `prefix` stands for on `host`, or nil.
    public func prefixPath(_ prefix: String, forHost host: String) -> String? {
        let name = host.lowercased()
        return prefixes[prefix]?.first { $0.applies(to: name) }?.path
    }

    /// `path` on `director` as it is named on `node`: a path under a prefix's directory on
    /// the director moves to that prefix's directory on the node (csync2 sends such files as
    /// `%prefix%/rest`). Other paths are the same on both.
    public func nodePath(_ path: String, node: String, director: String) -> String {
        renaming(from: director, to: node)(path)
    }

    /// Paths on host `from` as host `to` names them: one pair per prefix both hosts have a
    /// directory for.
    public func renaming(from: String, to: String) -> PathRenaming {
        PathRenaming(
            pairs: prefixes.keys.sorted().compactMap { name in
                guard let source = prefixPath(name, forHost: from), let target = prefixPath(name, forHost: to) else {
                    return nil
                }
                return PathRenaming.Pair(from: source, to: target)
            })
    }

    // MARK: - Helpers

    private func deployGroups(node: String, director: String) -> [Group] {
        let nodeName = node.lowercased()
        guard nodeName != director.lowercased() else { return [] }
        return groups(deployedBy: director).filter { $0.contains(nodeName) }
    }

    private func matchingActions(
        _ paths: [String], in groups: [Group], seenBy host: String, where include: (Action) -> Bool
    ) -> [(action: Action, paths: [String])] {
        let name = host.lowercased()
        var result: [(action: Action, paths: [String])] = []
        var indexByCommand: [[String?]: Int] = [:]
        for group in groups {
            guard let matcher = group.matchers[name] else { continue }
            for (index, action) in group.actions.enumerated() where include(action) {
                let matching = paths.filter { path in
                    var path = path
                    return path.withUTF8 { matcher.matches($0) && matcher.actionMatches(index, $0) }
                }
                guard !matching.isEmpty else { continue }
                let key = action.commands.map(Optional.some) + [action.logfile, action.verify]
                if let existing = indexByCommand[key] {
                    let known = Set(result[existing].paths)
                    result[existing].paths += matching.filter { !known.contains($0) }
                    // The longest timeout one of them sets wins.
                    let timeouts = [result[existing].action.timeoutMillis, action.timeoutMillis].compactMap { $0 }
                    result[existing].action = result[existing].action.withTimeout(timeouts.max())
                } else {
                    indexByCommand[key] = result.count
                    result.append((action, matching))
                }
            }
        }
        return result
    }
}
