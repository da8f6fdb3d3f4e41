import Glibc

/// The running program's file, the programs beside it (confsync's binaries are installed
/// in one directory), and replacing this process with one of them.
public enum Executable {
    /// The running binary (/proc/self/exe), or argv[0] when that cannot be read.
    public static func current() -> String {
        var buffer = [CChar](repeating: 0, count: Int(PATH_MAX) + 1)
        let length = readlink("/proc/self/exe", &buffer, buffer.count - 1)
        guard length > 0 else { return CommandLine.arguments.first ?? "confsync" }
        return String(decoding: buffer.prefix(length).map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }

    /// The program `name` in the running binary's directory.
    public static func sibling(_ name: String) -> String {
        let path = current()
        guard let slash = path.lastIndex(of: "/") else { return name }
        return String(path[...slash]) + name
    }

    /// Replaces this process with `path`, run with `arguments` (argv[0] first) and this
    /// process's environment: the pid, open descriptors and signal mask stay. Returns only
    /// when the exec failed, with why.
    public static func replace(with path: String, arguments: [String]) -> PosixError {
        let argv = CStringArray(arguments)
        execv(path, argv.pointers)
        return PosixError.failure("exec", path)
    }
}
