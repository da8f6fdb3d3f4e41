import Glibc

/// The kernel's file change notifications (inotify), for the director service's watch: directories are
/// watched (not files: editors replace a file by renaming a new one over it), and each
/// wait returns the names that changed. Close-on-exec; closed when the object goes.
public final class Inotify {
    /// What happened, for one name in a watched directory.
    public struct Event: Equatable, Sendable {
        /// The full path (the watched directory + the name).
        public var path: String
        public var isDirectory: Bool
        /// The kernel's queue overflowed: changes were lost, look at everything.
        public var overflow: Bool
    }

    private let fd: Int32
    private var directories: [Int32: String] = [:]

    public static let changes = UInt32(IN_MODIFY | IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_CREATE | IN_DELETE | IN_ATTRIB)
        | UInt32(IN_DELETE_SELF) | UInt32(IN_MOVE_SELF)

    public init() throws {
        fd = inotify_init1(Int32(IN_CLOEXEC | IN_NONBLOCK))
        guard fd >= 0 else { throw PosixError.failure("inotify_init1 for", "the watch mode") }
    }

    deinit { close(fd) }

    /// Watches `directory` and, with `recursive`, every directory below it; false when one
    /// of them could not be watched (gone, or the kernel's limit of watches reached).
    @discardableResult
    public func watch(_ directory: String, recursive: Bool) -> Bool {
        let descriptor = inotify_add_watch(fd, directory, Self.changes | UInt32(IN_ONLYDIR))
        guard descriptor >= 0 else { return false }
        directories[descriptor] = directory
        guard recursive else { return true }
        guard let stream = opendir(directory) else { return false }
        defer { closedir(stream) }
        var all = true
        while let entry = readdir(stream) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { raw in
                String(decoding: raw.prefix { $0 != 0 }, as: UTF8.self)
            }
            guard name != ".", name != "..", Int32(entry.pointee.d_type) == Int32(DT_DIR) else { continue }
            all = watch((directory == "/" ? "" : directory) + "/" + name, recursive: true) && all
        }
        return all
    }

    /// Whether events wait to be read (`wait`), without reading them: safe from any thread.
    public var hasPendingEvents: Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, 0) != 0
    }

    /// Waits up to `milliseconds` for events, without reading them.
    public func waitReadable(milliseconds: Int32) -> Bool {
        var poller = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
        return poll(&poller, 1, milliseconds) > 0
    }

    /// The events queued now, without waiting (none: empty).
    public func readEvents() -> [Event] {
        var events: [Event] = []
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            guard count > 0 else { break }
            var offset = 0
            let header = MemoryLayout<inotify_event>.size
            while offset + header <= count {
                let (descriptor, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                    let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                    return (event.wd, event.mask, Int(event.len))
                }
                let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)]
                let name = String(decoding: nameBytes.prefix { $0 != 0 }, as: UTF8.self)
                offset += header + length
                if mask & UInt32(IN_Q_OVERFLOW) != 0 {
                    events.append(Event(path: "", isDirectory: false, overflow: true))
                    continue
                }
                if mask & UInt32(IN_IGNORED) != 0 {
                    // A watched directory went (or was unmounted): what replaces it is not
                    // watched, so this counts as an overflow (watch everything again).
                    directories[descriptor] = nil
                    events.append(Event(path: "", isDirectory: false, overflow: true))
                    continue
                }
                guard let directory = directories[descriptor] else { continue }
                let path = name.isEmpty ? directory : (directory == "/" ? "" : directory) + "/" + name
                events.append(Event(path: path, isDirectory: mask & UInt32(IN_ISDIR) != 0, overflow: false))
            }
        }
        return events
    }
}
