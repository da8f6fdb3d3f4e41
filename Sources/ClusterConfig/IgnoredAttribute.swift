/// A file attribute named by csync2's top-level `ignore uid|gid|mod;`.
public enum IgnoredAttribute: String, Sendable, Hashable, CaseIterable {
    case uid, gid, mod
}
