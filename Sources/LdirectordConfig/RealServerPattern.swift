/// ldirectord's patterns for `real=` lines (`_ld_read_config_real_resolve`,
/// `add_real_server`), each under its Perl text.
enum RealServerPattern {
    // (\d+\.\d+\.\d+\.\d+|[A-Za-z0-9.-]+|\[[0-9A-fa-f:]+\])
    static let host: PerlPattern.Node = .choice([
        .sequence([.plus(.digit), .text("."), .plus(.digit), .text("."), .plus(.digit), .text("."), .plus(.digit)]),
        .plus(ByteClass("A-Za-z0-9.-")),
        .sequence([.text("["), .plus(ByteClass("0-9A-fa-f:")), .text("]")]),
    ])

    // /(HOST)(->(HOST))?(:(\d+|[A-Za-z0-9-_]+))?\s+(.*)/
    static let line = PerlPattern(
        groups: 6,
        .group(1, host),
        .optional(.group(2, .sequence([.text("->"), .group(3, host)]))),
        .optional(.group(4, .sequence([.text(":"), .group(5, .choice([.plus(.digit), .plus(.wordOrDash)]))]))),
        .plus(.space),
        .group(6, .star(.any)))

    // /\s+(\d+)(.*)/
    static let weight = PerlPattern(groups: 2, .plus(.space), .group(1, .plus(.digit)), .group(2, .star(.any)))
    // /\s+\"(.*)\"[, ]\s*\"(.*)\"(.*)/
    static let requestReceive = PerlPattern(
        groups: 3, .plus(.space), .text("\""), .group(1, .star(.any)), .text("\""), .one(ByteClass(", ")),
        .star(.space), .text("\""), .group(2, .star(.any)), .text("\""), .group(3, .star(.any)))
    // /\s+l:(\d+)(.*)/ and /\s+u:(\d+)(.*)/
    static let lowerThreshold = PerlPattern(groups: 2, .plus(.space), .text("l:"), .group(1, .plus(.digit)), .group(2, .star(.any)))
    static let upperThreshold = PerlPattern(groups: 2, .plus(.space), .text("u:"), .group(1, .plus(.digit)), .group(2, .star(.any)))
}
