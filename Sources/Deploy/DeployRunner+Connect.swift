import Transport

extension DeployRunner {
    /// Step 1 of a deploy: each target's session with its state read (in the targets'
    /// order), from `early`'s attempts where it made one, else kept in or opened through
    /// `warm`, else opened here, in parallel. Tells `progress` of each node once that it is
    /// `connecting` (as its attempt starts; for `early`'s, before waiting for them) and, if
    /// its state is read, that it is `planning`.
    func connect(
        _ targets: [NodeTarget], early: EarlySessions?, warm: WarmSessions?, identity: Identity, host: String,
        progress: @escaping @Sendable (DeployProgress) -> Void
    ) -> [Result<NodeSession, Error>] {
        let announced = Set(targets.filter { early?.tries($0) == true }.map(\.name))
        for name in targets.map(\.name) where announced.contains(name) { progress(.connecting(node: name)) }
        var opened = targets.map { early?.take($0) }
        for (target, result) in zip(targets, opened) {
            if case .success = result { progress(.planning(node: target.name)) }
        }
        // The others: announced once, even where `early` tried and its attempt was not taken.
        let others: @Sendable (DeployProgress) -> Void = { event in
            if case .connecting(let node) = event, announced.contains(node) { return }
            progress(event)
        }
        let missing = opened.indices.filter { opened[$0] == nil }
        let connected: [Result<NodeSession, Error>?]
        if let warm {
            connected = warm.checkOut(
                missing.map { targets[$0] }, identity: identity, director: host, options: options, progress: others)
        } else {
            connected = Parallel.map(missing, limit: options.parallel) { [options] index -> Result<NodeSession, Error> in
                let target = targets[index]
                return DeployProgress.opening(target.name, progress: others) {
                    Result { try NodeSession.open(target, identity: identity, director: host, options: options) }
                }
            }
        }
        for (index, result) in zip(missing, connected) { opened[index] = result }
        return opened.map { $0 ?? .failure(DeployError(.protocolError, "no answer")) }
    }
}

extension DeployProgress {
    /// `open`'s session for `node`, told to `progress`: `connecting` before, `planning` once
    /// it is open with its state read.
    static func opening(
        _ node: String, progress: (DeployProgress) -> Void, _ open: () -> Result<NodeSession, Error>
    ) -> Result<NodeSession, Error> {
        progress(.connecting(node: node))
        let result = open()
        if case .success = result { progress(.planning(node: node)) }
        return result
    }
}
