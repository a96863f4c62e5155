import KlingCore

/// What a validator reports on a set of bodies, condensed: how many bodies, how many issues in all,
/// and a 64-bit FNV-1a digest of every report in order (each body's label, then each issue's
/// severity, code, path and message, then the counts of issues left out).
struct ReportDigest: Equatable, CustomStringConvertible {
    private(set) var bodies = 0
    private(set) var issues = 0
    private var hash: UInt64 = 0xcbf2_9ce4_8422_2325

    /// The digest as recorded: 16 lower-case hex digits.
    var digest: String {
        let hex = String(hash, radix: 16)
        return String(repeating: "0", count: 16 - hex.count) + hex
    }

    var description: String { "\(bodies) bodies, \(issues) issues, digest \(digest)" }

    /// Adds one body's report. Fields are separated by a unit separator and records by a record
    /// separator, characters no label or message holds, so no two different report lists read alike.
    mutating func add(label: String, _ report: ValidationReport) {
        bodies += 1
        issues += report.issues.count
        mix(label)
        for issue in report.issues {
            mix("\u{1E}\(issue.severity.rawValue)\u{1F}\(issue.code.rawValue)\u{1F}\(issue.path)\u{1F}\(issue.message)")
        }
        mix("\u{1E}omitted \(report.omitted.errors) \(report.omitted.warnings)\u{1D}")
    }

    private mutating func mix(_ text: String) {
        for byte in text.utf8 {
            hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3
        }
    }
}
