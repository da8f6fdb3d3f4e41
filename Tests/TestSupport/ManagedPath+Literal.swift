import Posix

/// A managed path written as a string literal ("/etc/squid3/squid.conf"), for tests only:
/// taken as given (`init(unchecked:)`), as the fixtures are.
extension ManagedPath: ExpressibleByStringLiteral {
    public init(stringLiteral path: String) {
        self.init(unchecked: path)
    }
}
