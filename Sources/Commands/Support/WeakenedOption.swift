import ArgumentParser
import Validation

/// `--allow-weakened` for the commands that validate (validate, commit, sync).
struct WeakenedOption: ParsableArguments {
    @Flag(
        help: ArgumentHelp(
            "Report weakenings as warnings, not errors, in every file.",
            discussion: """
                A weakening is what squid or ldirectord accepts while doing less than the line \
                says: an ACL file missing here (squid makes the ACL empty), a cache_dir type this \
                squid lacks, 'http_access permit', a bad refresh_pattern regex, weight=99999. \
                For good, per file: 'allow-weakened PATTERN;' in the cluster file's confsync block. \
                See docs/validation.md.
                """))
    var allowWeakened = false

    /// The validator options this flag stands for.
    var validation: Validator.Options {
        var options = Validator.Options()
        options.allowWeakened = allowWeakened
        return options
    }
}
