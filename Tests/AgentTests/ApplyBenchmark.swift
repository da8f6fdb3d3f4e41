import Foundation
import Posix
import Synchronization
import Testing

@testable import Agent

/// Timings on the real disk, printed, not asserted. Run with
/// `CONFSYNC_BENCH=1 swift test --filter AgentTests.ApplyBenchmark`.
@Suite("Benchmark", .enabled(if: ProcessInfo.processInfo.environment["CONFSYNC_BENCH"] != nil), .serialized)
struct ApplyBenchmark {
    static let fileCount = 10_000

    static func millis(_ body: () throws -> Void) rethrows -> Double {
        let start = Clock.monotonicMillis()
        try body()
        return Double(Clock.monotonicMillis() - start)
    }

    @Test("10,000-file tree, then one-file changes", arguments: [ApplyEngine.Durability.automatic, .syncFileSystem])
    func tree(durability: ApplyEngine.Durability) throws {
        let box = try Sandbox(parent: "/var/tmp")
        let marks = Mutex<[(ApplyStep, Int)]>([])
        let engine = try box.engine(options: ApplyEngine.Options(durability: durability)) { step in
            switch step {
            case .fileStaged, .renamed, .restored, .actionRan, .rerunRan: break
            default: marks.withLock { $0.append((step, Clock.monotonicMillis())) }
            }
            return false
        }
        let changes = (0..<Self.fileCount).map {
            Requests.put("/etc/cluster/d\($0 % 200)/f\($0).conf", "setting \($0)\n")
        }
        var report: ApplyReport?
        let first = try Self.millis { report = try engine.apply(Requests.request("d0", from: nil, to: "c0", changes)) }
        #expect(report?.status == .applied)
        let firstMarks = marks.withLock { $0 }
        print(
            "benchmark \(durability) first apply steps:",
            zip(firstMarks.dropFirst(), firstMarks).map { "\($0.0) +\($0.1 - $1.1)" }.joined(separator: ", "))
        var times = [Double]()
        for round in 1...20 {
            let change = Requests.put(
                "/etc/cluster/d7/f7.conf", "setting \(round)\n",
                old: round == 1 ? "setting 7\n" : "setting \(round - 1)\n")
            let action = ActionRequest(pattern: "/etc/cluster/*", commands: ["true %%"], paths: [change.path])
            times.append(
                try Self.millis {
                    report = try engine.apply(
                        Requests.request(
                            "d\(round)", from: "c\(round - 1)", to: "c\(round)", [change],
                            actions: round % 2 == 0 ? [action] : []))
                })
            #expect(report?.status == .applied)
        }
        let plain = times.enumerated().filter { $0.offset % 2 == 0 }.map(\.element).sorted()
        let withAction = times.enumerated().filter { $0.offset % 2 == 1 }.map(\.element).sorted()
        var drift = [DriftEntry]()
        let driftTime = try Self.millis { drift = try engine.drift() }
        #expect(drift.isEmpty)
        let recoverTime = try Self.millis { _ = try engine.recover() }
        print(
            "benchmark \(durability): first apply of \(Self.fileCount) files \(first) ms;",
            "one-file change median \(plain[plain.count / 2]) ms (max \(plain.last ?? 0)),",
            "with one action median \(withAction[withAction.count / 2]) ms;",
            "drift() \(driftTime) ms; recover() \(recoverTime) ms")
    }
}
