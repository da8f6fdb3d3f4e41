import Foundation
import TestSupport
import Testing

/// Runs the built `confsync` executable as an admin would, in a temporary cluster root.
struct CLI {
    struct Result {
        var status: Int32
        var stdout: String
        var stderr: String
    }

    /// The `confsync` binary beside the test bundle (swift test builds it too).
    static var executable: String {
        let exe = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? ""
        return (exe as NSString).deletingLastPathComponent + "/confsync"
    }

    /// The repository's top directory (Tests/CommandsTests/CLI.swift is two levels below).
    static var packageRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().path
    }

    static var seedClusterFile: String { packageRoot + "/../shared/fixtures/seed-csync2.cfg" }

    @discardableResult
    static func run(_ arguments: [String], stdin: String? = nil, environment: [String: String] = [:]) throws -> Result {
        try runProgram(executable, arguments, stdin: stdin, environment: environment)
    }

    @discardableResult
    static func runProgram(
        _ program: String, _ arguments: [String], stdin: String? = nil, environment: [String: String] = [:],
        directory: String? = nil
    ) throws -> Result {
        var env = ProcessInfo.processInfo.environment
        env["NO_COLOR"] = "1"
        env["CONFSYNC_SHARE"] = packageRoot
        for (key, value) in environment { env[key] = value }
        let result = try ProcessRunner.run(
            program, arguments, input: Array((stdin ?? "").utf8), environment: env, directory: directory)
        return Result(status: result.status, stdout: result.stdout, stderr: result.stderr)
    }
}

/// A temporary host root with helpers to write and read live files.
struct TempRoot {
    let path: String
    /// The directory `init()` made, removed when the last copy of this root goes (or by
    /// `remove()`); nil for a root at a path made by someone else.
    private let owner: TemporaryDirectory?

    init(path: String) {
        self.path = path
        owner = nil
    }

    init() throws {
        let directory = try TemporaryDirectory(prefix: "confsync")
        path = directory.path
        owner = directory
    }

    func write(_ managedPath: String, _ text: String, mode: Int = 0o644) throws {
        let full = path + managedPath
        try FileManager.default.createDirectory(
            atPath: (full as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try Data(text.utf8).write(to: URL(fileURLWithPath: full))
        try FileManager.default.setAttributes([.posixPermissions: mode], ofItemAtPath: full)
    }

    func read(_ managedPath: String) -> String? {
        FileManager.default.contents(atPath: path + managedPath).map { String(decoding: $0, as: UTF8.self) }
    }

    func attributes(_ managedPath: String) throws -> (mode: Int, owner: String, group: String) {
        let a = try FileManager.default.attributesOfItem(atPath: path + managedPath)
        return (
            (a[.posixPermissions] as? Int) ?? -1, (a[.ownerAccountName] as? String) ?? "?",
            (a[.groupOwnerAccountName] as? String) ?? "?"
        )
    }

    func remove() {
        try? FileManager.default.removeItem(atPath: path)
    }
}

/// Known-good files for the seed cluster.
enum Fixture {
    static let squidConf = """
        # squid.conf for the cache nodes
        acl localnet src 10.0.0.0/8
        acl SSL_ports port 443
        acl Safe_ports port 80 443
        acl CONNECT method CONNECT
        http_access deny !Safe_ports
        http_access deny CONNECT !SSL_ports
        http_access allow localnet
        http_access deny all
        http_port 3128
        cache_mem 256 MB

        """

    static let ldirectordCf = """
        checktimeout=3
        checkinterval=1
        autoreload=yes
        quiescent=no

        virtual=192.168.6.240:80
        \treal=192.168.6.2:80 gate
        \treal=192.168.6.3:80 gate
        \tservice=http
        \trequest="index.html"
        \treceive="Test Page"
        \tscheduler=rr
        \tprotocol=tcp
        \tchecktype=negotiate

        """
}
