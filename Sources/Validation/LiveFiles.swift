import Foundation
import Posix

/// Live files under a root as a candidate: the named paths, read on demand.
public struct LiveFiles: CandidateFiles {
    public let root: String
    public let paths: [String]

    public init(root: String, paths: [String]) {
        self.root = root
        self.paths = paths.sorted()
    }

    public func content(of path: String) -> [UInt8]? {
        FileManager.default.contents(atPath: RootPath.live(path, root: root)).map { Array($0) }
    }
}
