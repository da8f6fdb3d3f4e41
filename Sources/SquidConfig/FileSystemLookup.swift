#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A lookup that reads the real filesystem (for `confsync validate` on live files and tests).
/// Relative patterns are relative to the process's working directory, as for squid.
public struct FileSystemLookup: SquidFileLookup {
    public init() {}

    /// The files matching `pattern` (POSIX glob), with their text; unreadable files are skipped.
    public func expand(_ pattern: String) -> [(path: String, text: String)] {
        var result = glob_t()
        defer { globfree(&result) }
        guard glob(pattern, 0, nil, &result) == 0 else { return [] }
        var files: [(path: String, text: String)] = []
        for index in 0..<Int(result.gl_pathc) {
            guard let cPath = result.gl_pathv[index] else { continue }
            let path = String(cString: cPath)
            if let text = Self.contents(of: path) { files.append((path, text)) }
        }
        return files
    }

    /// Whether `path` names an existing file or directory.
    public func exists(_ path: String) -> Bool {
        access(path, F_OK) == 0
    }

    /// Whether getaddrinfo finds an address for `host` (DNS, /etc/hosts), as squid asks it.
    public func resolves(_ host: String) -> Bool {
        var result: UnsafeMutablePointer<addrinfo>?
        let status = getaddrinfo(host, nil, nil, &result)
        if let result { freeaddrinfo(result) }
        return status == 0
    }

    private static func contents(of path: String) -> String? {
        let fd = open(path, O_RDONLY)
        guard fd >= 0 else { return nil }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if count < 0 { return nil }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
