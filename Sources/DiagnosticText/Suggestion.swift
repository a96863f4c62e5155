/// "Did you mean" suggestions for misspelled parameter names.
public enum Suggestion {
    /// The known name closest to `name`: the same name in another spelling (`aspect_ratio` for
    /// `aspectRatio`), or one within a small edit distance.
    public static func closest(to name: String, among known: [String]) -> String? {
        let normalized = normalize(name)
        if let sameWord = known.first(where: { normalize($0) == normalized }) { return sameWord }
        let limit = max(2, name.count / 3)
        var best: (name: String, distance: Int)?
        for candidate in known {
            let distance = editDistance(Array(normalized), Array(normalize(candidate)))
            if distance <= limit, distance < (best?.distance ?? .max) { best = (candidate, distance) }
        }
        return best?.name
    }

    private static func normalize(_ name: String) -> String {
        String(name.lowercased().filter { $0 != "_" && $0 != "-" })
    }

    private static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = Swift.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
