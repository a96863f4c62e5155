/// "Did you mean" suggestions for misspelled names (parameters, schema keys, model ids).
///
/// The cost is linear in the length of the name and the number of candidates: names longer than
/// ``maximumComparedLength`` get only the same-word match, candidates whose length differs by more
/// than the allowed distance are skipped, and the edit distance is computed in a band of that width.
public enum Suggestion {
    /// Names longer than this (in Unicode scalars, after normalizing) are not compared by edit
    /// distance: no parameter name is that long, so a longer name is not a typo of one.
    public static let maximumComparedLength = 128

    /// The known name closest to `name`: the same name in another spelling (`aspect_ratio` for
    /// `aspectRatio`), or one within a small edit distance (a third of the name's length, at least 2).
    public static func closest(to name: String, among known: [String]) -> String? {
        let normalized = normalize(name)
        if let sameWord = known.first(where: { normalize($0) == normalized }) { return sameWord }
        guard normalized.count <= maximumComparedLength else { return nil }
        let limit = max(2, normalized.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in known {
            let other = normalize(candidate)
            guard abs(other.count - normalized.count) <= limit else { continue }
            let bound = min(limit, (best?.distance ?? .max) - 1)
            guard bound >= 0, let distance = editDistance(normalized, other, atMost: bound) else { continue }
            best = (candidate, distance)
        }
        return best?.name
    }

    /// The name lowercased without `_` and `-`, as Unicode scalars.
    private static func normalize(_ name: String) -> [Unicode.Scalar] {
        name.lowercased().unicodeScalars.filter { $0 != "_" && $0 != "-" }
    }

    /// The Levenshtein distance between `a` and `b` if it is at most `bound`, else nil. Only the
    /// cells within `bound` of the diagonal are computed, so the cost is `O(max(|a|, |b|) × bound)`.
    static func editDistance(_ a: [Unicode.Scalar], _ b: [Unicode.Scalar], atMost bound: Int) -> Int? {
        guard abs(a.count - b.count) <= bound else { return nil }
        if a.isEmpty || b.isEmpty { return max(a.count, b.count) }
        let outside = bound + 1
        var previous = [Int](repeating: outside, count: b.count + 1)
        var current = previous
        for j in 0...min(b.count, bound) { previous[j] = j }
        for i in 1...a.count {
            let low = max(1, i - bound)
            let high = min(b.count, i + bound)
            current[low - 1] = low == 1 && i <= bound ? i : outside
            var rowMinimum = current[low - 1]
            if low <= high {
                for j in low...high {
                    let cost = a[i - 1] == b[j - 1] ? 0 : 1
                    let value = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost, outside)
                    current[j] = value
                    rowMinimum = min(rowMinimum, value)
                }
            }
            if high < b.count { current[high + 1] = outside }
            guard rowMinimum <= bound else { return nil }
            swap(&previous, &current)
        }
        let distance = previous[b.count]
        return distance <= bound ? distance : nil
    }
}
