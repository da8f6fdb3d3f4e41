import Diagnostics
@testable import ClusterConfig

/// Parses `text` as `cluster.cfg` with the given included files.
func parse(_ text: String, files: [String: String] = [:]) -> (config: ClusterConfig, diagnostics: [Diagnostic]) {
    ClusterConfig.parse(text, path: "cluster.cfg") { files[$0] }
}
