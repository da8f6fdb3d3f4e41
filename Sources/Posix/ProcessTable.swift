import Glibc

/// What /proc says about processes: enough to tell a process group apart from a later one
/// that got the same number.
public enum ProcessTable {
    /// One line of /proc/PID/stat, the fields used here.
    public struct Entry: Equatable, Sendable {
        public var pid: pid_t
        /// `R`, `S`, `D`, `Z` (zombie: dead, not yet reaped), ...
        public var state: UInt8
        public var group: pid_t
        public var session: pid_t
        /// When it started, in clock ticks since boot: with the boot id, names one process.
        public var startTime: UInt64

        public init(pid: pid_t, state: UInt8, group: pid_t, session: pid_t, startTime: UInt64) {
            self.pid = pid
            self.state = state
            self.group = group
            self.session = session
            self.startTime = startTime
        }

        public var isZombie: Bool { state == UInt8(ascii: "Z") || state == UInt8(ascii: "X") }
    }

    /// The process `pid`; nil when there is none (or /proc is not mounted).
    public static func entry(_ pid: pid_t) -> Entry? {
        guard let bytes = read("/proc/\(pid)/stat") else { return nil }
        return parse(bytes, pid: pid)
    }

    /// Every process /proc lists.
    public static func all() -> [Entry] {
        guard let directory = opendir("/proc") else { return [] }
        defer { closedir(directory) }
        var entries = [Entry]()
        while let item = readdir(directory) {
            let name = withUnsafePointer(to: &item.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if let pid = pid_t(name), let entry = entry(pid) { entries.append(entry) }
        }
        return entries
    }

    /// The environment process `pid` started with, one `NAME=value` entry each; empty when
    /// unreadable (another user's process, or gone).
    public static func environment(of pid: pid_t) -> [[UInt8]] {
        guard let bytes = read("/proc/\(pid)/environ") else { return [] }
        return bytes.split(separator: 0).map(Array.init)
    }

    /// This boot's id (/proc/sys/kernel/random/boot_id), or "" when unknown.
    public static func bootID() -> String {
        read("/proc/sys/kernel/random/boot_id").map { String(decoding: $0, as: UTF8.self) }?
            .trimmingTrailingNewlines ?? ""
    }

    /// `pid (comm) state ppid pgrp session ... starttime(22) ...`; comm may hold spaces and
    /// parentheses, so the fields are counted from the last `)`.
    public static func parse(_ bytes: [UInt8], pid: pid_t) -> Entry? {
        guard let close = bytes.lastIndex(of: UInt8(ascii: ")")) else { return nil }
        let fields = bytes[(close + 1)...].split(separator: UInt8(ascii: " ")).map { String(decoding: $0, as: UTF8.self) }
        guard fields.count > 19, let state = fields[0].utf8.first, let group = pid_t(fields[2]),
            let session = pid_t(fields[3]), let start = UInt64(fields[19])
        else { return nil }
        return Entry(pid: pid, state: state, group: group, session: session, startTime: start)
    }

    private static func read(_ path: String) -> [UInt8]? {
        try? WholeFile.read(path)
    }
}

extension String {
    fileprivate var trimmingTrailingNewlines: String {
        var text = Substring(self)
        while text.last == "\n" { text = text.dropLast() }
        return String(text)
    }
}
