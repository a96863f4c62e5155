#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// The catalogue's folders below a schemas folder (`Schemas/`): snapshots, imported bases, overlays
/// and the merged schemas, and what is done across them (merging, the drift check).
public struct CatalogueFolders: Sendable {
    /// The schemas folder holding `_snapshots`, `_imported`, `_overlays` and the merged schemas
    /// (`<provider>/`).
    public var schemas: URL

    /// The folders below `schemas`.
    public init(schemas: URL) {
        self.schemas = schemas
    }

    /// `_snapshots/<provider>/`.
    public func snapshots(_ provider: String) -> URL { schemas.appendingPathComponent("_snapshots/\(provider)") }
    /// `_imported/<provider>/`.
    public func imported(_ provider: String) -> URL { schemas.appendingPathComponent("_imported/\(provider)") }
    /// `_overlays/<provider>/`.
    public func overlays(_ provider: String) -> URL { schemas.appendingPathComponent("_overlays/\(provider)") }
    /// `<provider>/`: the merged schemas, which the generator reads.
    public func merged(_ provider: String) -> URL { schemas.appendingPathComponent(provider) }

    /// The merged schema's file name of a model: its base's name with `.json` for `.base.json`.
    public static func mergedFileName(modelID: String) -> String {
        String(BaseNaming.baseFileName(modelID: modelID).dropLast(".base.json".count)) + ".json"
    }

    /// Every overlay of `provider` (`*.overlay.json`), sorted by file name; another `.json` file there is an error.
    /// - Throws: ``ImportErrors`` with every problem of every overlay file.
    public func readOverlays(_ provider: String) throws(ImportErrors) -> [Overlay] {
        let folder = overlays(provider)
        let all = ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).sorted()
        let names = all.filter { $0.hasSuffix(".overlay.json") }
        var overlays: [Overlay] = []
        // A JSON file that is not named as an overlay would be skipped silently: a misnamed overlay.
        var diagnostics = all.filter { $0.hasSuffix(".json") && !$0.hasSuffix(".overlay.json") }.map {
            ImportDiagnostic(file: "\(provider)/\($0)", path: "$", message: "not an overlay: overlays are named <name>.overlay.json")
        }
        for name in names {
            let file = "\(provider)/\(name)"
            do throws(ImportErrors) {
                guard let data = try? Data(contentsOf: folder.appendingPathComponent(name)) else {
                    throw ImportErrors([ImportDiagnostic(file: file, path: "$", message: "cannot read the file")])
                }
                let overlay = try Overlay.read(data, file: file)
                if overlay.provider != provider {
                    throw ImportErrors([ImportDiagnostic(file: file, path: "$.provider", message: "an overlay in \(provider)/ is for \(provider), not \(overlay.provider)")])
                }
                overlays.append(overlay)
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return overlays
    }

    /// The merged schema of every model of `provider` (every committed base, with the overlay that
    /// names it, if one does): file name → text, sorted.
    /// - Throws: ``ImportErrors`` with every problem: an unreadable overlay or base, a change that does
    ///   not fit its base, an overlay naming a model without a base, two overlays for one model.
    public func mergedSchemas(_ provider: String) throws(ImportErrors) -> [(file: String, text: String)] {
        let overlays = try readOverlays(provider)
        var byModel: [String: [Overlay]] = [:]
        for overlay in overlays {
            for model in overlay.models { byModel[model, default: []].append(overlay) }
        }
        var diagnostics: [ImportDiagnostic] = []
        var bases: [String: JSONValue] = [:]
        let baseFiles = ((try? FileManager.default.contentsOfDirectory(atPath: imported(provider).path)) ?? []).filter { $0.hasSuffix(".base.json") }
        for name in baseFiles {
            guard let data = try? Data(contentsOf: imported(provider).appendingPathComponent(name)), let base = try? JSONParser.parse(data),
                  let id = base.objectValue?["id"]?.stringValue else {
                diagnostics.append(ImportDiagnostic(file: "\(provider)/\(name)", path: "$", message: "an unreadable base"))
                continue
            }
            bases[id] = base
        }
        for (model, modelOverlays) in byModel where bases[model] == nil {
            diagnostics.append(ImportDiagnostic(file: modelOverlays[0].file, path: "$.models", message: "\(model) has no base in \(provider)/"))
        }
        var files: [(file: String, text: String)] = []
        for (model, base) in bases.sorted(by: { $0.key < $1.key }) {
            let modelOverlays = byModel[model] ?? []
            if modelOverlays.count > 1 {
                diagnostics.append(ImportDiagnostic(file: modelOverlays[1].file, path: "$.models", message: "\(model) is named by \(modelOverlays.map(\.file).joined(separator: " and ")); a model has one overlay"))
                continue
            }
            do throws(ImportErrors) {
                let schema = try OverlayMerge.merge(base: base, overlays: modelOverlays, modelID: model)
                files.append((Self.mergedFileName(modelID: model), OverlayMerge.text(schema)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return files.sorted { $0.file < $1.file }
    }

    /// What differs between `<provider>/` and `files`: `stale: x`, `missing: x`, `extra: x`.
    public func checkMerged(_ provider: String, against files: [(file: String, text: String)]) -> [String] {
        let folder = merged(provider)
        var findings: [String] = []
        for (file, text) in files {
            guard let data = try? Data(contentsOf: folder.appendingPathComponent(file)) else {
                findings.append("missing: \(provider)/\(file)")
                continue
            }
            if data != Data(text.utf8) { findings.append("stale: \(provider)/\(file)") }
        }
        let expected = Set(files.map(\.file))
        for name in existingJSONFiles(folder) where !expected.contains(name) { findings.append("extra: \(provider)/\(name)") }
        return findings
    }

    /// Writes `files` into `<provider>/` (only those whose bytes change) and removes other
    /// `.json` files there; returns what it did, one line per file.
    public func writeMerged(_ provider: String, _ files: [(file: String, text: String)]) throws -> [String] {
        let folder = merged(provider)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var actions: [String] = []
        for (file, text) in files {
            let url = folder.appendingPathComponent(file)
            if (try? Data(contentsOf: url)) == Data(text.utf8) { continue }
            try Data(text.utf8).write(to: url, options: .atomic)
            actions.append("wrote \(provider)/\(file)")
        }
        let expected = Set(files.map(\.file))
        for name in existingJSONFiles(folder) where !expected.contains(name) {
            try FileManager.default.removeItem(at: folder.appendingPathComponent(name))
            actions.append("removed \(provider)/\(name)")
        }
        return actions
    }

    private func existingJSONFiles(_ folder: URL) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: folder.path)) ?? []).filter { $0.hasSuffix(".json") }.sorted()
    }

    // MARK: Drift

    /// Every drift finding of `provider`, as lines a maintainer reads; empty when nothing drifted:
    ///
    /// - each committed base that differs from what `import` makes from its snapshot (and how), each
    ///   model of the list without a base, each base without a model (``BaseFolder/check(against:)``);
    /// - each overlay change that no longer fits the base its snapshot makes (a parameter, value or
    ///   rule target that is gone, a `was` that differs, a member the overlay adds that the base now has);
    /// - each overlay naming a model that is not in the provider's list, and each model two overlays name.
    ///
    /// A snapshot or overlay that cannot be read is a finding too (with its diagnostics).
    public func drift(_ provider: String) -> [String] {
        let bases: [ImportedBase]
        do {
            bases = try ProviderCatalogue.importBases(provider: provider, snapshots: snapshots(provider))
        } catch {
            return error.diagnostics.map { "unreadable snapshot: \(provider)/\($0)" }
        }
        var findings = BaseFolder(url: imported(provider)).check(against: bases).map { "\(provider) base \($0.description)" }
        let overlays: [Overlay]
        do {
            overlays = try readOverlays(provider)
        } catch {
            return findings + error.diagnostics.map { "unreadable overlay: \($0)" }
        }
        let snapshotBases = Dictionary(bases.map { ($0.modelID, $0) }, uniquingKeysWith: { first, _ in first })
        var named: [String: String] = [:]
        for overlay in overlays {
            for model in overlay.models {
                if let other = named.updateValue(overlay.file, forKey: model) {
                    findings.append("overlay \(overlay.file): \(model) is also named by \(other); a model has one overlay")
                }
                guard let base = snapshotBases[model], let value = try? JSONParser.parse(base.text) else {
                    findings.append("overlay \(overlay.file): \(model) is not in the \(provider) list")
                    continue
                }
                for finding in overlay.apply(to: value, modelID: model).findings {
                    let change = Self.change(at: finding.path, of: overlay)
                    let detail = change.map { " (\(Self.summary(of: $0)))" } ?? ""
                    findings.append("overlay \(overlay.file): \(finding.path)\(detail): \(finding.message)")
                }
            }
        }
        return findings
    }

    /// The change a finding's path (`$.changes[3]`, `$.models[1].changes[0]`, …) names.
    private static func change(at path: String, of overlay: Overlay) -> Overlay.Change? {
        func index(after prefix: String, in text: Substring) -> (Int, Substring)? {
            guard text.hasPrefix(prefix), let close = text.firstIndex(of: "]"),
                  let number = Int(text[text.index(text.startIndex, offsetBy: prefix.count)..<close]) else { return nil }
            return (number, text[text.index(after: close)...])
        }
        if let (offset, _) = index(after: "$.changes[", in: path[...]) {
            return overlay.changes.indices.contains(offset) ? overlay.changes[offset] : nil
        }
        guard let (model, rest) = index(after: "$.models[", in: path[...]), overlay.models.indices.contains(model),
              let (offset, _) = index(after: ".changes[", in: rest), let changes = overlay.modelChanges[overlay.models[model]],
              changes.indices.contains(offset) else { return nil }
        return changes[offset]
    }

    /// A change in a few words: `set note`, `remove values`, `addRule mutuallyExclusive`, ….
    static func summary(of change: Overlay.Change) -> String {
        switch change.action {
        case .set(let member, _): return "set \(member)"
        case .remove(let member): return "remove \(member)"
        case .addNote: return "addNote"
        case .addParameter(let parameter, _): return "addParameter \(parameter.objectValue?["name"]?.stringValue ?? "")"
        case .addRule(let rule): return "addRule \(rule.objectValue?["kind"]?.stringValue ?? "")"
        case .moveParameter(let name, _): return "moveParameter \(name)"
        }
    }
}
