/// `staging`: written (and synced) before an apply creates anything under the root, so that
/// recovery can remove its temp files and new directories if it dies before its journal.
///
/// ```
/// confsync-staging 1
/// deploy  <deployID>
/// mkdir   <path>           (directories about to be created, outermost first)
/// temp    <n> <path>       (change n stages .confsync-tmp-<deployID>-<n> next to <path>)
/// end
/// ```
struct StagingRecord: Equatable {
    static let name = "staging"
    static let kind = "confsync-staging"

    var deployID: String
    var directories: [String]
    var temps: [(index: Int, path: String)]

    static func == (lhs: StagingRecord, rhs: StagingRecord) -> Bool {
        lhs.deployID == rhs.deployID && lhs.directories == rhs.directories
            && lhs.temps.elementsEqual(rhs.temps) { $0.index == $1.index && $0.path == $1.path }
    }

    func encode() -> [UInt8] {
        var writer = RecordCodec.Writer(kind: Self.kind)
        writer.append("deploy", deployID)
        for directory in directories { writer.append("mkdir", directory) }
        for temp in temps { writer.append("temp", String(temp.index), temp.path) }
        return writer.finished()
    }

    static func decode(_ bytes: [UInt8], file: String) throws -> StagingRecord {
        var record = StagingRecord(deployID: "", directories: [], temps: [])
        for line in try RecordCodec.decode(bytes, kind: kind, file: file) {
            switch line.keyword {
            case "deploy": record.deployID = try line.string(1)
            case "mkdir": record.directories.append(try line.string(1))
            case "temp": record.temps.append((try line.int(1), try line.string(2)))
            default: throw line.malformed("unknown record '\(line.keyword)'")
            }
        }
        return record
    }
}
