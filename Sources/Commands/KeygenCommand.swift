import ArgumentParser
import Foundation
import Posix
import Transport

struct KeygenCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "keygen",
        abstract: "Make this host's TLS key and certificate (and, if asked, a group key).",
        discussion: """
            Writes /etc/confsync/host.key (mode 0600) and /etc/confsync/host.crt under --root,
            a self-signed certificate made with OpenSSL, and prints its fingerprint. Directors
            and agents pin each other by these fingerprints: put a node's into the cluster
            file's confsync block, and a director's into each agent's 'trust' lines.

              confsync keygen --name lvs-cache1
              confsync keygen --group-key /etc/csync2.key     also a new group key (like csync2 -k)

            Existing files are kept unless --force.
            """)

    @Option(help: ArgumentHelp("Prefix for the files written.", valueName: "dir"))
    var root: String = "/"

    @Option(help: ArgumentHelp("The certificate's common name (default: the host name).", valueName: "name"))
    var name: String?

    @Option(name: .customLong("group-key"), help: ArgumentHelp(
        "Also write a new random group key to this path (csync2's 'key' file).", valueName: "path"))
    var groupKey: String?

    @Flag(help: "Replace existing key files.")
    var force = false

    func run() throws {
        let root = Paths.absolute(self.root)
        let cert = RootPath.live(HostFiles.certificate, root: root)
        let key = RootPath.live(HostFiles.privateKey, root: root)
        do {
            if FileManager.default.fileExists(atPath: cert) && !force {
                let existing = try Identity.load(certificatePath: cert, keyPath: key)
                Console.note("keeping the existing identity in \(cert) (use --force to replace it)")
                Console.print(existing.fingerprint.description)
            } else {
                try FileManager.default.createDirectory(
                    atPath: (cert as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                let identity = try Identity.generate(commonName: name ?? InitCommand.localHostName())
                try identity.write(certificatePath: cert, keyPath: key)
                Console.note("wrote \(key) and \(cert)")
                Console.print(identity.fingerprint.description)
            }
            if let groupKey {
                try writeGroupKey(RootPath.live(Paths.managed(groupKey, root: root), root: root))
            }
        } catch let exit as ExitCode {
            throw exit
        } catch {
            throw Exit.failure("\(error)")
        }
    }

    private func writeGroupKey(_ path: String) throws {
        if FileManager.default.fileExists(atPath: path) && !force {
            Console.note("keeping the existing group key \(path)")
            return
        }
        let alphabet = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789._")
        let random = KeyProof.randomNonce() + KeyProof.randomNonce()
        let text = String(random.map { alphabet[Int($0) % alphabet.count] }) + "\n"
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard FileManager.default.createFile(atPath: path, contents: Data(text.utf8), attributes: [.posixPermissions: 0o600]) else {
            throw Exit.failure("cannot write \(path)")
        }
        Console.note("wrote group key \(path): copy it to every host of the group")
    }
}
