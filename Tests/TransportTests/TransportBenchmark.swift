import Foundation
import Testing
@testable import Transport

/// Throughput and handshake figures, printed, never asserted. Runs only when
/// TRANSPORT_BENCHMARK is set (see Benchmarks/transport.sh).
@Suite(.enabled(if: ProcessInfo.processInfo.environment["TRANSPORT_BENCHMARK"] != nil))
struct TransportBenchmark {
    @Test func loopbackFigures() throws {
        let agent = try Identity.generate(commonName: "agent.bench")
        let director = try Identity.generate(commonName: "director.bench")
        let listener = try TLSListener(bind: loopback, identity: agent, trusted: [director.fingerprint])
        defer { listener.close() }
        let handshakes = 200
        let size = 40 << 20
        let server = Background {
            for _ in 0..<handshakes { _ = try listener.accept().read(upTo: 1) }
            let connection = try listener.accept()
            var received = 0
            while received < size { received += try connection.read(upTo: 1 << 20).count }
            try connection.write([1])
            return received
        }

        let clock = ContinuousClock()
        var cpu = cpuSeconds()
        let handshakeTime = try clock.measure {
            for _ in 0..<handshakes {
                try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
                    .close()
            }
        }
        let handshakeCPU = cpuSeconds() - cpu
        let client = try TLSConnection.connect(to: listener.endpoint, identity: director, expectedPeer: agent.fingerprint)
        cpu = cpuSeconds()
        let payload = [UInt8](repeating: 0x5A, count: size)
        let transferTime = try clock.measure {
            try client.write(payload)
            _ = try client.readExactly(1)
        }
        #expect(try server.value() == size)
        let transferCPU = cpuSeconds() - cpu

        let milliseconds = { (duration: Duration) in
            Double(duration.components.seconds) * 1e3 + Double(duration.components.attoseconds) / 1e15
        }
        print(String(format: "handshake (connect + TLS 1.3 + pin check + close): %.2f ms average over %d,"
                     + " %.2f ms CPU for both ends", milliseconds(handshakeTime) / Double(handshakes), handshakes,
                     handshakeCPU * 1000 / Double(handshakes)))
        print(String(format: "40 MB transfer over loopback: %.1f ms, %.0f MB/s; %.1f ms CPU for both ends",
                     milliseconds(transferTime), 40 / (milliseconds(transferTime) / 1000), transferCPU * 1000))
    }

    /// User and system CPU time of this process so far (both ends run here).
    private func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        let seconds = { (time: timeval) in Double(time.tv_sec) + Double(time.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
