import Diagnostics
/// `cache_dir` and `refresh_pattern`.
extension ConfigWalker {
    /// cache_dir TYPE PATH SIZE-MB [L1 L2] [options]: ufs, aufs, diskd take L1 and L2; rock does not.
    mutating func checkCacheDir(_ d: inout DirectiveLine) {
        guard let type = required(&d, "a store type"), let path = required(&d, "a directory") else { return }
        _ = path
        let known = ["ufs", "aufs", "diskd", "rock"]
        guard known.contains(type.text) else {
            var message = "cache_dir: unsupported cache type '\(type.text)' (this squid has ufs, aufs, diskd, rock); "
                + "squid ignores the line"
            if let guess = Suggestions.closest(to: type.text, in: known) { message += "; did you mean '\(guess)'?" }
            weakened(message, at: d.location(type))
            return
        }
        if type.text != "rock" && !d.line.perProcess { state.sharedDiskCaches.append(d.location(type)) }
        guard let size = required(&d, "the size in MB") else { return }
        if let value = integer(size, in: d) {
            if type.text == "rock" ? value < 0 : value <= 0 {
                error("cache_dir: invalid size '\(size.text)'", at: d.location(size))
            }
        }
        if type.text != "rock" {
            for what in ["level 1 directories", "level 2 directories"] {
                guard let level = required(&d, "the number of \(what)") else { return }
                if let value = integer(level, in: d), value <= 0 {
                    error("cache_dir: invalid \(what) value '\(level.text)'", at: d.location(level))
                }
            }
        }
        var options = ["no-store", "read-only", "min-size", "max-size"]
        options += type.text == "rock" ? ["slot-size", "swap-timeout", "max-swap-rate"] : ["IOEngine"]
        if type.text == "diskd" { options += ["Q1", "Q2"] }
        while let option = d.words.next() {
            let name = String(option.text.prefix { $0 != "=" })
            if !options.contains(name) {
                var message = "cache_dir: unknown \(type.text) option '\(option.text)'"
                if let guess = Suggestions.closest(to: name, in: options) { message += "; did you mean '\(guess)'?" }
                error(message, at: d.location(option))
            } else if let problem = Self.cacheDirOptionProblem(name, option.text) {
                error("cache_dir: \(problem)", at: d.location(option))
            }
        }
    }

    /// The disk I/O modules of Debian's squid 5.7, compared case-insensitively as squid does.
    static let ioEngines = ["blocking", "diskdaemon", "diskthreads", "ipcio", "mmapped"]

    /// What squid 5.7 refuses in the value of a known `cache_dir` option (measured with the
    /// real squid): `no-store=`/`read-only=` take a whole number, `IOEngine=` a module it has,
    /// rock's `slot-size=` a positive number. min-size, max-size, swap-timeout and
    /// max-swap-rate take anything.
    static func cacheDirOptionProblem(_ name: String, _ text: String) -> String? {
        let value = text.firstIndex(of: "=").map { text[text.index(after: $0)...] }
        switch name {
        case "no-store", "read-only":
            guard let value, Numbers.decimal(value) == nil else { return nil }
            return "'\(text)': \(name)= takes a number (1 or 0), not '\(value)'"
        case "IOEngine":
            guard let value else { return "'\(text)' needs a module name" }
            if value.lowercased() == "aio" { return "'\(text)': squid 5.7 aborts on this module (assertion in AIODiskIOStrategy)" }
            guard !ioEngines.contains(value.lowercased()) else { return nil }
            return "'\(text)': no such disk I/O module (this squid has Blocking, DiskDaemon, DiskThreads, IpcIo, Mmapped)"
        case "slot-size":
            guard let value, let number = Numbers.decimal(value), number > 0 else {
                return "'\(text)': slot-size must be a positive number"
            }
            return nil
        default:
            return nil
        }
    }

    /// refresh_pattern [-i] REGEX MIN PERCENT MAX [options] (minutes, percent).
    mutating func checkRefreshPattern(_ d: inout DirectiveLine) {
        var token = d.words.next()
        var ignoreCase = false
        if token?.text == "-i" || token?.text == "+i" {
            ignoreCase = token?.text == "-i"
            token = d.words.next()
        }
        guard let pattern = token else {
            error("refresh_pattern: missing the regex pattern", at: d.endLocation)
            return
        }
        guard let min = required(&d, "the minimum age (minutes)") else { return }
        _ = integer(min, in: d)
        guard let percent = required(&d, "the percentage") else { return }
        let digits = percent.text.hasSuffix("%") ? String(percent.text.dropLast()) : percent.text
        if let value = Numbers.decimal(Substring(digits)) {
            if value < 0 { error("refresh_pattern: percentage '\(percent.text)' is out of range", at: d.location(percent)) }
        } else {
            error("refresh_pattern: '\(percent.text)' is not a percentage", at: d.location(percent))
        }
        guard let max = required(&d, "the maximum age (minutes)") else { return }
        _ = integer(max, in: d)
        let flags: Set<String> = ["refresh-ims", "store-stale", "override-expire", "override-lastmod", "ignore-no-store",
                                  "ignore-private", "reload-into-ims", "ignore-reload"]
        let obsolete: Set<String> = ["ignore-no-cache", "ignore-must-revalidate", "ignore-auth"]
        while let option = d.words.next() {
            if flags.contains(option.text) { continue }
            if obsolete.contains(option.text) {
                warning("refresh_pattern: option '\(option.text)' is obsolete; remove it", at: d.location(option))
            } else if option.text.hasPrefix("max-stale=") {
                if Numbers.decimal(option.text.dropFirst(10)) == nil {
                    error("refresh_pattern: '\(option.text)' needs a number", at: d.location(option))
                }
            } else {
                var message = "refresh_pattern: unknown option '\(option.text)'; squid ignores it"
                if let guess = Suggestions.closest(to: option.text, in: flags.sorted()) {
                    message += " (did you mean '\(guess)'?)"
                }
                weakened(message, at: d.location(option))
            }
        }
        if let problem = Regex.compileError(pattern.text, ignoreCase: ignoreCase) {
            weakened("refresh_pattern: invalid regular expression '\(pattern.text)': \(problem); squid skips the line",
                     at: d.location(pattern))
        }
    }
}
