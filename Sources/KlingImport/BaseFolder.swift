#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// A provider's folder of bases (`Schemas/_imported/<provider>/`): writing the imported bases into
/// it, and checking it against them.
public struct BaseFolder: Sendable {
    /// The folder (it need not exist yet).
    public var url: URL

    /// The folder at `url`.
    public init(url: URL) {
        self.url = url
    }

    /// What differs between the folder and the bases its snapshots make.
    public enum Finding: Hashable, Sendable, CustomStringConvertible {
        /// A base whose content differs, with its readable differences.
        case stale(file: String, differences: [String])
        /// A model of the provider's list without a base.
        case missing(file: String, modelID: String)
        /// A base without a model in the provider's list.
        case extra(file: String)

        /// The finding as `--check` prints it: a line, then one indented line per difference.
        public var description: String {
            switch self {
            case .stale(let file, let differences):
                return (["stale: \(file)"] + differences.map { "    " + $0 }).joined(separator: "\n")
            case .missing(let file, let modelID): return "missing: \(file) (model \(modelID))"
            case .extra(let file): return "extra: \(file) (no model in the provider's list)"
            }
        }
    }

    /// The base files in the folder (`*.base.json`), sorted.
    public func existingBaseFiles() -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
        return names.filter { $0.hasSuffix(".base.json") }.sorted()
    }

    /// Every difference between the folder and `bases`; empty when the folder is up to date.
    public func check(against bases: [ImportedBase]) -> [Finding] {
        var findings: [Finding] = []
        for base in bases {
            guard let data = try? Data(contentsOf: url.appendingPathComponent(base.fileName)) else {
                findings.append(.missing(file: base.fileName, modelID: base.modelID))
                continue
            }
            guard data != Data(base.text.utf8) else { continue }
            findings.append(.stale(file: base.fileName, differences: Self.differences(committed: data, snapshot: base.text)))
        }
        let expected = Set(bases.map(\.fileName))
        for file in existingBaseFiles() where !expected.contains(file) {
            findings.append(.extra(file: file))
        }
        return findings
    }

    /// Writes every base whose file does not already hold exactly its text, and removes bases
    /// without a model; returns what it did, one line per file (`wrote x`, `removed y`).
    public func write(_ bases: [ImportedBase]) throws -> [String] {
        try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        var actions: [String] = []
        for base in bases {
            let file = url.appendingPathComponent(base.fileName)
            let data = Data(base.text.utf8)
            if (try? Data(contentsOf: file)) == data { continue }
            try data.write(to: file, options: .atomic)
            actions.append("wrote \(base.fileName)")
        }
        let expected = Set(bases.map(\.fileName))
        for file in existingBaseFiles() where !expected.contains(file) {
            try FileManager.default.removeItem(at: url.appendingPathComponent(file))
            actions.append("removed \(file)")
        }
        return actions
    }

    /// Readable differences between a committed base's bytes and the text the snapshot makes.
    static func differences(committed: Data, snapshot: String) -> [String] {
        let committedValue: JSONValue
        do {
            committedValue = try JSONParser.parse(committed)
        } catch {
            return ["~ $: the committed base is not valid JSON (\(error))"]
        }
        guard let snapshotValue = try? JSONParser.parse(snapshot) else { return ["~ $: the snapshot's base is not valid JSON"] }
        let lines = BaseDifferences.lines(committed: committedValue, snapshot: snapshotValue)
        return lines.isEmpty ? ["~ $: same content, different text (the file was edited by hand)"] : lines
    }
}
