/// Where and how the web console is served, and what of the service it shares: what
/// `confsync serve` fills in and the console (`WebConsole.Configuration`) runs with.
public struct ConsoleConfiguration: Sendable {
    public var repository: String
    public var root: String
    public var host: String
    public var port: Int
    public var access: ServiceAccess
    /// The PAM service (`/etc/pam.d/<name>`).
    public var pamService: String
    /// Cookies marked Secure: on for the HTTPS a reverse proxy adds in front of the
    /// loopback console (templates/apache-confsync.conf).
    public var secureCookies: Bool
    /// The service's node connections and knowledge, when it runs in the service.
    public var warm: SharedWarmState?

    public init(
        repository: String, root: String, host: String, port: Int, access: ServiceAccess = ServiceAccess(),
        pamService: String = "confsync", secureCookies: Bool = true, warm: SharedWarmState? = nil
    ) {
        self.warm = warm
        self.repository = repository
        self.root = root
        self.host = host
        self.port = port
        self.access = access
        self.pamService = pamService
        self.secureCookies = secureCookies
    }
}
