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

    /// Marks every open descriptor above standard error close-on-exec (the ones /proc/self/fd
    /// lists), so that a program this process becomes keeps none that its starter leaked
    /// into it: a long-running service must not hold, for its whole life, a pipe or socket
    /// its starter waits on (swift-corelibs-foundation's Process watches a child through a
    /// socket pair the child inherits; a shell-script starter hands on all it has). Without
    /// /proc nothing changes.
    public static func closeInheritedDescriptorsOnExec() {
        guard let directory = opendir("/proc/self/fd") else { return }
        defer { closedir(directory) }
        let listing = dirfd(directory)
        var descriptors: [Int32] = []
        while let item = readdir(directory) {
            let name = withUnsafePointer(to: &item.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if let descriptor = Int32(name), descriptor > 2, descriptor != listing { descriptors.append(descriptor) }
        }
        for descriptor in descriptors {
            let flags = fcntl(descriptor, F_GETFD)
            if flags >= 0 && flags & FD_CLOEXEC == 0 { _ = fcntl(descriptor, F_SETFD, flags | FD_CLOEXEC) }
        }
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
