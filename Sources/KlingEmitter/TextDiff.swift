/// What differs between a file on disk and what the generator would write, for a person to read:
/// the changed lines between the common first and last lines, with three lines of context.
/// Linear in the files' lengths; one changed region (from the first to the last difference).
public enum TextDiff {
    /// A unified-style diff of `old` (the file on disk) against `new`, or nil when they are equal.
    /// At most `limit` changed lines are shown; the rest are counted.
    public static func describe(old: String, new: String, path: String, limit: Int = 40) -> String? {
        guard old != new else { return nil }
        let oldLines = old.split(separator: "\n", omittingEmptySubsequences: false)
        let newLines = new.split(separator: "\n", omittingEmptySubsequences: false)
        var prefix = 0
        while prefix < oldLines.count, prefix < newLines.count, oldLines[prefix] == newLines[prefix] { prefix += 1 }
        var suffix = 0
        while suffix < oldLines.count - prefix, suffix < newLines.count - prefix,
              oldLines[oldLines.count - 1 - suffix] == newLines[newLines.count - 1 - suffix] { suffix += 1 }
        let context = 3
        let start = max(0, prefix - context)
        var lines = ["--- \(path) (on disk)", "+++ \(path) (generated)", "@@ -\(start + 1) +\(start + 1) @@"]
        for line in oldLines[start..<prefix] { lines.append(" " + line) }
        let removed = oldLines[prefix..<(oldLines.count - suffix)].map { "-" + $0 }
        let added = newLines[prefix..<(newLines.count - suffix)].map { "+" + $0 }
        let changed = removed + added
        lines += changed.prefix(limit)
        if changed.count > limit { lines.append("… \(changed.count - limit) more changed lines") }
        for line in oldLines[(oldLines.count - suffix)..<min(oldLines.count, oldLines.count - suffix + context)] { lines.append(" " + line) }
        return lines.joined(separator: "\n")
    }
}
