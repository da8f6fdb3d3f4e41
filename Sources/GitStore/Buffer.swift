import CGit2

/// Calls a libgit2 function that fills a `git_buf`, copies the bytes out and disposes of
/// the buffer: the one place a `git_buf` is owned.
func bufferBytes(_ context: @autoclosure () -> String, _ fill: (inout git_buf) -> Int32) throws -> [UInt8] {
    var buffer = git_buf()
    defer { git_buf_dispose(&buffer) }
    try check(fill(&buffer), context())
    guard let start = buffer.ptr, buffer.size > 0 else { return [] }
    return Array(UnsafeRawBufferPointer(start: start, count: buffer.size))
}
