import Glibc

/// A NULL-terminated array of C strings (argv, envp), freed when the object goes away.
/// Pass `pointers` to a C function expecting `char *const []`.
public final class CStringArray {
    public let pointers: [UnsafeMutablePointer<CChar>?]

    public init(_ strings: [String]) {
        pointers = strings.map { strdup($0) } + [nil]
    }

    deinit {
        for pointer in pointers { free(pointer) }
    }
}
