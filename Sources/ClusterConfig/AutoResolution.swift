/// A group's `auto` setting: who wins a csync2 conflict. confsync keeps it for reference
/// only (a deploy always sends the director's commit). The words are csync2's `set_auto`.
public enum AutoResolution: String, Sendable, Hashable, CaseIterable {
    case none, first, younger, older, bigger, smaller, left, right
}
