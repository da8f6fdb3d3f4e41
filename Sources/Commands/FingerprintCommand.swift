import ArgumentParser
import Foundation
import Posix
import Transport

struct FingerprintCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "fingerprint",
        abstract: "Print the SHA-256 fingerprint of this host's certificate (or of a certificate file).",
        discussion: """
              confsync fingerprint                 this host's /etc/confsync/host.crt
              confsync fingerprint node1.crt       any PEM certificate

            Adding a node is one step: run 'confsync keygen' on it, then put the printed
            fingerprint into the director's cluster file:
              confsync { host lvs-cache4 { address 10.0.0.14; fingerprint SHA256:...; } }
            """)

    @Option(help: ArgumentHelp("Prefix for the default certificate path.", valueName: "dir"))
    var root: String = "/"

    @Argument(help: ArgumentHelp("A PEM certificate file.", valueName: "file"))
    var file: String?

    func run() throws {
        let path = file.map(Paths.absolute) ?? RootPath.live(HostFiles.certificate, root: Paths.absolute(root))
        guard let data = FileManager.default.contents(atPath: path) else {
            throw Exit.failure("cannot read \(path)" + (file == nil ? " (run 'confsync keygen' first)" : ""))
        }
        do {
            Console.print(try Identity.fingerprint(ofCertificatePEM: String(decoding: data, as: UTF8.self)).description)
        } catch {
            throw Exit.failure("\(path): \(error)")
        }
    }
}
