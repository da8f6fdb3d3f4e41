import Foundation
import Service

/// When the director service runs for this root, the commands it can run (`ForwardedCommand`)
/// go through it: the service runs the same command with its own rights and streams back its
/// output, and this process exits with the command's status. An admin sees no difference,
/// except that a member of the service's groups needs neither root nor sudo. When no service
/// answers, or with --no-service, --repo, --help or `CONFSYNC_NO_SERVICE` set, the command
/// runs in this process as before.
public enum ServiceForwarding {
    /// The exit status of `arguments` (the command line after `confsync`) run by the service,
    /// or nil: run it here.
    public static func forward(_ arguments: [String], environment: [String: String]) -> Int32? {
        guard environment["CONFSYNC_NO_SERVICE"] == nil, let request = request(for: arguments) else { return nil }
        let socket = ServiceSocket.defaultPath(root: Paths.absolute(request.root))
        guard FileManager.default.fileExists(atPath: socket), let connection = ServiceClient.connectIfRunning(socket)
        else { return nil }
        let last: ServiceFrame
        do {
            last = try connection.run(
                ServiceRequest(
                    run: request.arguments, terminal: Console.terminal, directory: FileManager.default.currentDirectoryPath)
            ) { frame in
                if let out = frame.out { FileHandle.standardOutput.write(Data(out.utf8)) }
                if let err = frame.err { FileHandle.standardError.write(Data(err.utf8)) }
            }
        } catch {
            Console.error("\(error); what it did is in 'confsync audit'")
            return Exit.failed
        }
        if last.ok == true, let status = last.exit { return status }
        Console.error(last.error ?? "the director service refused the command")
        return Exit.failed
    }

    /// The root the command names (where the service's socket is) and the arguments the
    /// service gets (without --root); nil when the command is one to run here.
    static func request(for arguments: [String]) -> (root: String, arguments: [String])? {
        guard let first = arguments.first, ForwardedCommand(rawValue: first) != nil else { return nil }
        var root = "/"
        var forwarded = [first]
        var index = 1
        while index < arguments.count {
            let argument = arguments[index]
            if argument == "--" {
                forwarded += arguments[index...]
                break
            }
            if ["--no-service", "--help", "-h", "--repo"].contains(argument) || argument.hasPrefix("--repo=") { return nil }
            if argument == "--root" {
                guard index + 1 < arguments.count else { return nil }
                root = arguments[index + 1]
                index += 2
                continue
            }
            if argument.hasPrefix("--root=") {
                root = String(argument.dropFirst("--root=".count))
            } else {
                forwarded.append(argument)
            }
            index += 1
        }
        return (root, forwarded)
    }
}
