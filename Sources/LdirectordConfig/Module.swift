import Diagnostics
public struct LdirectordCheckOptions: Sendable { public var resolveHostnames = false; public var strict = true; public init() {} }
public enum LdirectordChecker { public static func check(_ text: String, path: String, options: LdirectordCheckOptions = .init()) -> [Diagnostic] { [] } }
