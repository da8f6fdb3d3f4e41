import Foundation
import Testing

/// A director service with its web console, for a cluster, and two real accounts made for
/// the test: an admin in the write group and a reader in the read group, logging in through
/// a PAM service file of the test's own (`/etc/pam.d/confsync-test-…`, pam_unix).
final class ConsoleFixture {
    let cluster: TestCluster
    private(set) var process = Process()
    let suffix = String(UUID().uuidString.prefix(6)).lowercased()
    var admin: String { "cs-web-\(suffix)" }
    var reader: String { "cs-read-\(suffix)" }
    var writeGroup: String { "cs-w-\(suffix)" }
    var readGroup: String { "cs-r-\(suffix)" }
    var pamService: String { "confsync-test-\(suffix)" }
    let password = "correct horse battery staple"
    private(set) var port = 0
    var log: String { (try? String(contentsOfFile: cluster.base.path + "/serve.log", encoding: .utf8)) ?? "" }
    var http: HTTPClient { HTTPClient(port: port) }

    init(nodes: [String] = ["node1", "node2"], groupBody: String = TestCluster.defaultGroupBody) throws {
        cluster = try TestCluster(nodes: nodes, groupBody: groupBody)
        for group in [writeGroup, readGroup] {
            guard try CLI.runProgram("/usr/sbin/groupadd", [group]).status == 0 else { throw ClusterError("groupadd failed") }
        }
        for (user, group) in [(admin, writeGroup), (reader, readGroup)] {
            guard try CLI.runProgram("/usr/sbin/useradd", ["-M", "-N", "-g", "nogroup", "-G", group, user]).status == 0,
                try CLI.runProgram("/usr/sbin/chpasswd", [], stdin: "\(user):\(password)\n").status == 0
            else { throw ClusterError("cannot make user \(user)") }
        }
        try "auth required pam_unix.so\naccount required pam_unix.so\n".write(
            toFile: "/etc/pam.d/\(pamService)", atomically: true, encoding: .utf8)
    }

    /// Starts `confsync serve --web 127.0.0.1:0` and learns its port from the journal line.
    func start() throws {
        process.executableURL = URL(fileURLWithPath: CLI.executable)
        process.arguments = [
            "serve", "--root", cluster.director.path, "--group", writeGroup, "--read-group", readGroup,
            "--web", "127.0.0.1:0", "--pam-service", pamService, "--insecure-cookies",
        ]
        process.standardOutput = FileHandle(forWritingAtPath: "/dev/null")
        let logPath = cluster.base.path + "/serve.log"
        _ = FileManager.default.createFile(atPath: logPath, contents: nil)
        process.standardError = FileHandle(forWritingAtPath: logPath)
        try process.run()
        for _ in 0..<200 where port == 0 {
            usleep(25_000)
            if let range = log.range(of: #"web console on http://127\.0\.0\.1:(\d+)/"#, options: .regularExpression) {
                port = Int(log[range].split(separator: ":").last?.dropLast() ?? "") ?? 0
            }
        }
        guard port != 0 else { throw ClusterError("the web console did not start: \(log)") }
    }

    /// Stops the service (SIGTERM) and starts it again, on a new port.
    func restart() throws {
        process.terminate()
        process.waitUntilExit()
        process = Process()
        port = 0
        try start()
    }

    /// Logs `user` in: the session cookie ("name=value") and the page's CSRF token.
    func login(_ user: String) throws -> (cookie: String, csrf: String) {
        let response = try http.post("/login", ["user": user, "password": password])
        guard response.status == 303, let setCookie = response.header("Set-Cookie").first,
            let cookie = setCookie.split(separator: ";").first.map(String.init)
        else { throw ClusterError("login of \(user) failed: \(response.status) \(response.body)") }
        let overview = try http.get("/", cookie: cookie)
        return (cookie, try Self.csrf(in: overview.body))
    }

    static func csrf(in page: String) throws -> String {
        guard let range = page.range(of: #"name="csrf" value="[0-9a-f]+""#, options: .regularExpression) else {
            throw ClusterError("no CSRF token in the page")
        }
        return String(page[range].dropFirst(#"name="csrf" value=""#.count).dropLast())
    }

    func stop() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        cluster.shutdown()
        _ = try? CLI.runProgram("/usr/sbin/userdel", [admin])
        _ = try? CLI.runProgram("/usr/sbin/userdel", [reader])
        _ = try? CLI.runProgram("/usr/sbin/groupdel", [writeGroup])
        _ = try? CLI.runProgram("/usr/sbin/groupdel", [readGroup])
        try? FileManager.default.removeItem(atPath: "/etc/pam.d/\(pamService)")
    }
}
