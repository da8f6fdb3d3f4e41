/// How `LdirectordChecker` judges what it cannot or need not decide like ldirectord.
public struct LdirectordCheckOptions: Sendable {
    /// Look host names up (getaddrinfo, as ldirectord does while parsing). Off by
    /// default: a name is then accepted when it is a syntactically valid host name, so
    /// the verdict does not depend on the resolver of the machine that checks.
    public var resolveHostnames = false

    /// Report as errors the lines ldirectord accepts but reads differently from what
    /// is written (`virtual=10.0.0.1` taken as firewall mark 10, `checktimeout=1m` read
    /// as 1 second, `10.1` read as 10.0.0.1, ...). When false they are warnings, and
    /// the verdict is ldirectord's own.
    public var strict = true

    /// Whether a directory exists where the file will live, for `logfile=` (ldirectord
    /// refuses to start when it cannot open its logfile). nil: not asked.
    public var directoryExists: (@Sendable (String) -> Bool)?

    public init() {}
}
