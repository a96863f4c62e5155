import KlingJSON

/// The differences between a committed base and the base its snapshot makes, as lines a
/// maintainer reads: which parameter appeared, disappeared or changed, and how.
///
/// Parameters and fields are matched by `name`, so a reordered or inserted parameter reads as
/// itself; paths name them in brackets (`parameters[elements].items.fields[video_url].maxItems`).
public enum BaseDifferences {
    /// One line per difference, in document order; empty when the two are equal.
    ///
    /// - `- <path>: only in the committed base` (the snapshot no longer has it)
    /// - `+ <path>: only in the snapshot's base` (the snapshot added it), with the added value
    /// - `~ <path>: committed <old>, snapshot <new>`
    public static func lines(committed: JSONValue, snapshot: JSONValue) -> [String] {
        var lines: [String] = []
        compare(committed, snapshot, path: "", into: &lines)
        return lines
    }

    private static func compare(_ old: JSONValue, _ new: JSONValue, path: String, into lines: inout [String]) {
        guard old != new else { return }
        switch (old, new) {
        case (.object(let oldObject), .object(let newObject)):
            var keys = oldObject.members.map(\.key)
            for key in newObject.members.map(\.key) where !keys.contains(key) { keys.append(key) }
            for key in keys {
                let memberPath = path.isEmpty ? key : path + "." + key
                switch (oldObject[key], newObject[key]) {
                case (let oldValue?, let newValue?):
                    if let oldNamed = named(oldValue), let newNamed = named(newValue) {
                        compareNamed(oldNamed, newNamed, path: memberPath, into: &lines)
                    } else {
                        compare(oldValue, newValue, path: memberPath, into: &lines)
                    }
                case (_?, nil): lines.append("- \(memberPath): only in the committed base")
                case (nil, let newValue?): lines.append("+ \(memberPath): only in the snapshot's base: \(newValue.preview)")
                case (nil, nil): break
                }
            }
        default:
            lines.append("~ \(path.isEmpty ? "$" : path): committed \(old.preview), snapshot \(new.preview)")
        }
    }

    /// Parameters or fields: compared by name, then in order where names repeat.
    private static func compareNamed(_ old: [(String, JSONValue)], _ new: [(String, JSONValue)], path: String, into lines: inout [String]) {
        var names = old.map(\.0)
        for name in new.map(\.0) where !names.contains(name) { names.append(name) }
        for name in names {
            let itemPath = "\(path)[\(name)]"
            switch (old.first { $0.0 == name }?.1, new.first { $0.0 == name }?.1) {
            case (let oldValue?, let newValue?): compare(oldValue, newValue, path: itemPath, into: &lines)
            case (_?, nil): lines.append("- \(itemPath): only in the committed base")
            case (nil, let newValue?): lines.append("+ \(itemPath): only in the snapshot's base: \(newValue.preview)")
            case (nil, nil): break
            }
        }
        if old.map(\.0) != new.map(\.0), Set(old.map(\.0)) == Set(new.map(\.0)) {
            lines.append("~ \(path): order changed: committed \(old.map(\.0).joined(separator: ", ")); snapshot \(new.map(\.0).joined(separator: ", "))")
        }
    }

    /// An array of objects that all have a distinct string `name`, as (name, object) pairs.
    private static func named(_ value: JSONValue) -> [(String, JSONValue)]? {
        guard let elements = value.arrayValue, !elements.isEmpty else { return nil }
        var pairs: [(String, JSONValue)] = []
        for element in elements {
            guard let name = element.objectValue?["name"]?.stringValue, !pairs.contains(where: { $0.0 == name }) else { return nil }
            pairs.append((name, element))
        }
        return pairs
    }
}
