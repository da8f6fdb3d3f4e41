/// The largest managed file confsync deploys. A file travels to a node in one `blob` message,
/// and a message is at most 64 MiB (`Frame.defaultMaxPayload`, checked against this in
/// DeployTests); 60 MiB leaves room for the rest of the message. Squid and ldirectord configs
/// are kilobytes; a file this large is almost always a data file managed by mistake.
public enum FileSizeLimit {
    public static let maxBytes = 60 << 20

    /// Why a file of `size` bytes cannot be managed, or nil.
    public static func problem(size: Int) -> String? {
        guard size > maxBytes else { return nil }
        let limit = mebibytes(maxBytes)
        let shown = mebibytes(size) == limit ? "\(size) bytes" : mebibytes(size)
        return "file is \(shown); confsync deploys files up to \(limit) (\(maxBytes) bytes)"
    }

    /// `size` bytes in MiB, to one decimal when it is not whole.
    static func mebibytes(_ size: Int) -> String {
        let tenths = (size * 10 + (1 << 20) / 2) >> 20
        return tenths % 10 == 0 ? "\(tenths / 10) MiB" : "\(tenths / 10).\(tenths % 10) MiB"
    }
}
