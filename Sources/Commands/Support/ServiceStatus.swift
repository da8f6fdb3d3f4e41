import Director

/// The director service's schedule as `confsync status` shows it.
enum ServiceStatus {
    static func print(_ record: ServiceRecord, to output: Output = .terminal) {
        output.print("Director service running (pid \(record.pid)):")
        if let error = record.clusterFileError {
            output.print("  the live cluster file is invalid; the schedule keeps its last good settings: \(error)")
        }
        print("sync", every: record.syncEverySeconds, record.sync, to: output)
        print("drift check", every: record.driftCheckEverySeconds, record.driftCheck, to: output)
        if let quiet = record.watchAfterMillis {
            var line = "  watching the managed files, syncing \(quiet) ms after the last change"
            if let last = record.watch?.lastRun {
                let word = record.watch?.lastSucceeded == false ? output.paint("failed", .red) : "last"
                line += "; \(word) \(Console.date(last, offsetMinutes: 0))" + (record.watch?.lastResult.map { ": \($0)" } ?? "")
            }
            output.print(line)
        }
        if let covers = record.watchCovers {
            output.print(
                covers
                    ? "  the watch covers the managed files: a commit looks only at the files that changed"
                    : "  the watch does not cover every managed directory: each commit scans every file")
        }
        if let known = record.knownNodes {
            output.print(
                "  nodes: all \(known.count) at \(known.commit.prefix(7)) when last reached, "
                    + "\(Console.date(known.checked, offsetMinutes: 0)); a sync with nothing to do asks none of them")
        }
    }

    private static func print(_ job: String, every seconds: Int?, _ run: ServiceRecord.Run?, to output: Output) {
        guard let seconds else {
            output.print("  \(job): not scheduled")
            return
        }
        var line = "  \(job) every \(duration(seconds))"
        if let last = run?.lastRun {
            let result = run?.lastResult.map { ": \($0)" } ?? ""
            let word = run?.lastSucceeded == false ? output.paint("failed", .red) : "last"
            line += "; \(word) \(Console.date(last, offsetMinutes: 0))\(result)"
        }
        if let next = run?.nextRun { line += "; next \(Console.date(next, offsetMinutes: 0))" }
        output.print(line)
    }

    /// 90 → "90s", 900 → "15m", 3600 → "1h".
    static func duration(_ seconds: Int) -> String {
        if seconds % 3600 == 0 { return "\(seconds / 3600)h" }
        if seconds % 60 == 0 { return "\(seconds / 60)m" }
        return "\(seconds)s"
    }
}
