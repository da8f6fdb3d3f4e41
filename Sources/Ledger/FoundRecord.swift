import GitStore
import Wire

/// What a deploy records for a node found at a commit (the deploy's, or the one the node is
/// at before this deploy moves it on) when the repository has no record of how the node got
/// there (its director was killed before the result came back, or before it was recorded;
/// or a confsync that recorded less):
/// - the node names the deploy that brought it there (its last deploy, of that commit): that
///   deploy's record, with when and by whom as the node remembers, marked `found` by this one;
/// - at the deploy's commit, it names none (or one of another commit) and its node ref
///   pointed elsewhere: a record of this deploy, `found`, saying so.
public struct FoundRecord {
    public var node: String
    public var commit: ObjectID
    /// The deploy that found the node, its director and user, and when.
    public var deployID: String
    public var director: String
    public var user: String
    public var at: Int64

    public init(node: String, commit: ObjectID, deployID: String, director: String, user: String, at: Int64) {
        self.node = node
        self.commit = commit
        self.deployID = deployID
        self.director = director
        self.user = user
        self.at = at
    }

    public func putThere(by last: DeployOutcome) -> DeployRecord {
        record(
            deployID: last.deployID, director: last.director, user: last.user, at: last.at,
            message: "found at \(commit.short) by deploy \(deployID) (\(user) on \(director)): brought there by "
                + "deploy \(last.deployID), \(last.status) on \(node), whose result had not been recorded")
    }

    public func unexplained(lastDeploy: DeployOutcome?) -> DeployRecord {
        let last = lastDeploy.map { "its last deploy is \($0.deployID), \($0.status), of \($0.commit.prefix(7))" }
            ?? "it names no deploy"
        return record(
            deployID: deployID, director: director, user: user, at: at,
            message: "found at \(commit.short) by deploy \(deployID); how it got there is not known (\(last))")
    }

    private func record(deployID: String, director: String, user: String, at: Int64, message: String) -> DeployRecord {
        DeployRecord(
            deployID: deployID, node: node, director: director, user: user, at: at, fromCommit: nil, toCommit: commit,
            status: .found, message: message, files: [], actions: [], driftSaved: nil, foundBy: self.deployID,
            foundAt: self.at)
    }
}
