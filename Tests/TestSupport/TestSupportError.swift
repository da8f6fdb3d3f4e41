/// A helper that could not do its part (make a directory, start a process), with what it tried.
public struct TestSupportError: Error, CustomStringConvertible {
    public var description: String

    public init(_ description: String) {
        self.description = description
    }
}
