import Director

/// The director's use cases as values: typed requests in, typed results out, nothing printed.
/// The command line renders the results (text or `--json`); the director service and the web
/// console will call the same functions. (Issue 15: status, log and commit so far; the rest
/// of the commands still call `DirectorRepository` themselves.)
public struct DirectorOperations {
    public let director: DirectorRepository

    public init(_ director: DirectorRepository) {
        self.director = director
    }
}
