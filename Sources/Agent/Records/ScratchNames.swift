/// Names of the engine's files next to managed files. Managed paths may not use them.
enum ScratchNames {
    static let prefix = ".confsync-"
    static let tempPrefix = ".confsync-tmp-"
    static let oldPrefix = ".confsync-old-"

    /// The staged new version of change `index`, next to its target.
    static func temp(_ deployID: String, _ index: Int) -> String {
        "\(tempPrefix)\(deployID)-\(index)"
    }

    /// The kept old version of change `index`, next to its target.
    static func old(_ deployID: String, _ index: Int) -> String {
        "\(oldPrefix)\(deployID)-\(index)"
    }

    /// True for a name the engine creates next to managed files.
    static func isScratch(_ name: String) -> Bool {
        name.hasPrefix(tempPrefix) || name.hasPrefix(oldPrefix)
    }
}
