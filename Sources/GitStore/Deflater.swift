import CZlib

/// zlib's deflate for many small inputs: one stream, reset between inputs (an init allocates
/// about 256 KiB; a first commit deflates 10,000 files). Not for use from two threads at once.
final class Deflater {
    /// zlib keeps a pointer back to its stream, so the stream stays at one address.
    private let stream: UnsafeMutablePointer<z_stream>

    /// `level` 1 (`Z_BEST_SPEED`) is what git uses for loose objects by default.
    init(level: Int32 = Z_BEST_SPEED) throws {
        stream = .allocate(capacity: 1)
        stream.initialize(to: z_stream())
        let rc = confsync_deflateInit(stream, level)
        guard rc == Z_OK else {
            stream.deallocate()
            throw GitError(.other, "starting zlib's deflate: error \(rc)")
        }
    }

    deinit {
        deflateEnd(stream)
        stream.deallocate()
    }

    /// Appends `input`, deflated as one zlib stream, to `output`.
    func deflate(_ input: [UInt8], appendingTo output: inout [UInt8]) throws {
        guard deflateReset(stream) == Z_OK else { throw GitError(.other, "resetting zlib's deflate") }
        let bound = Int(deflateBound(stream, UInt(input.count)))
        let start = output.count
        output.append(contentsOf: repeatElement(0, count: bound))
        let rc = input.withUnsafeBytes { source in
            output.withUnsafeMutableBytes { target in
                // zlib does not write through next_in (its type predates const), and takes no
                // pointer for no bytes.
                stream.pointee.next_in = source.bindMemory(to: UInt8.self).baseAddress.map(UnsafeMutablePointer.init(mutating:))
                stream.pointee.avail_in = UInt32(source.count)
                stream.pointee.next_out = target.bindMemory(to: UInt8.self).baseAddress.map { $0 + start }
                stream.pointee.avail_out = UInt32(bound)
                return CZlib.deflate(stream, Z_FINISH)
            }
        }
        guard rc == Z_STREAM_END else {
            output.removeLast(bound)
            throw GitError(.other, "deflating \(input.count) bytes: zlib error \(rc)")
        }
        output.removeLast(Int(stream.pointee.avail_out))
    }
}
