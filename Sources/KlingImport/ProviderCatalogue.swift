#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingJSON

/// One base the importer made: the model, its file name and its text.
public struct ImportedBase: Hashable, Sendable {
    /// The provider's model id.
    public var modelID: String
    /// The file name in the provider's folder of bases (`klingai-avatar-pro.base.json`).
    public var fileName: String
    /// The base's text, byte for byte as it is written.
    public var text: String

    /// A base of `modelID`, to be written as `fileName`.
    public init(modelID: String, fileName: String, text: String) {
        self.modelID = modelID
        self.fileName = fileName
        self.text = text
    }
}

/// Imports every model of one provider from its snapshot folder (`Schemas/_snapshots/<provider>/`).
///
/// - `aimlapi`: `models.json` lists the models (id, spec file, page, page title, other ids the page
///   names); `PROVENANCE.json` gives the commit and the URL templates; `specs/` holds the specs.
/// - `scenario`: `kling-models-from-docs.json` is the list (the docs page's models) and the source of
///   every model without a record; `records/<id>.json` is a `GET /v1/models/{id}` record, which
///   replaces the docs table for that model; `PROVENANCE.json` gives the page, the record URL and
///   the endpoint.
public enum ProviderCatalogue {
    /// The providers the importer knows.
    public static let providers = ["aimlapi", "scenario"]

    /// Every base of `provider`, sorted by file name.
    /// - Throws: ``ImportErrors`` with every problem of every snapshot file (nothing is half-imported).
    public static func importBases(provider: String, snapshots folder: URL) throws(ImportErrors) -> [ImportedBase] {
        let bases: [ImportedBase]
        switch provider {
        case "aimlapi": bases = try importAIMLAPI(folder)
        case "scenario": bases = try importScenario(folder)
        default:
            throw ImportErrors([ImportDiagnostic(file: folder.path, path: "$", message: "unknown provider \"\(provider)\" (known: \(providers.joined(separator: ", ")))")])
        }
        var diagnostics: [ImportDiagnostic] = []
        var seenFiles: [String: String] = [:]
        var seenNames: [String: String] = [:]
        for base in bases {
            if let other = seenFiles.updateValue(base.modelID, forKey: base.fileName.lowercased()) {
                diagnostics.append(ImportDiagnostic(file: base.fileName, path: "$", message: "models \"\(other)\" and \"\(base.modelID)\" derive one base file name"))
            }
            let swiftName = BaseNaming.swiftName(provider: provider, modelID: base.modelID)
            if let other = seenNames.updateValue(base.modelID, forKey: swiftName) {
                diagnostics.append(ImportDiagnostic(file: base.fileName, path: "$.swiftName", message: "models \"\(other)\" and \"\(base.modelID)\" derive one Swift name, \(swiftName)"))
            }
        }
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return bases.sorted { $0.fileName < $1.fileName }
    }

    // MARK: AI/ML API

    private static func importAIMLAPI(_ folder: URL) throws(ImportErrors) -> [ImportedBase] {
        let provenanceFile = try readJSON(folder, "PROVENANCE.json")
        let list = try readJSON(folder, "models.json")
        var log = DiagnosticLog(file: "PROVENANCE.json")
        let provenance = AIMLAPIImporter.Provenance(
            commit: string(provenanceFile, "commit", &log), commitDate: string(provenanceFile, "commitDate", &log),
            specURL: string(provenanceFile, "specURL", &log), pageURL: string(provenanceFile, "pageURL", &log)
        )
        var diagnostics = log.diagnostics
        var listLog = DiagnosticLog(file: "models.json")
        var models: [AIMLAPIImporter.Model] = []
        for (offset, entry) in (list.objectValue?["models"]?.arrayValue ?? []).enumerated() {
            let path = "$.models[\(offset)]"
            guard let object = entry.objectValue, let id = object["id"]?.stringValue, let spec = object["spec"]?.stringValue,
                  let page = object["page"]?.stringValue, let pageTitle = object["pageTitle"]?.stringValue else {
                listLog.report(path, "a model without string `id`, `spec`, `page` and `pageTitle`")
                continue
            }
            let others = object["pageModelIds"]?.arrayValue?.compactMap(\.stringValue) ?? []
            models.append(.init(id: id, spec: spec, page: page, pageTitle: pageTitle, pageModelIDs: others))
        }
        if list.objectValue?["models"]?.arrayValue == nil { listLog.report("$", "no `models` array") }
        diagnostics += listLog.diagnostics
        var bases: [ImportedBase] = []
        for model in models {
            do throws(ImportErrors) {
                let spec = try readJSON(folder, model.spec)
                let base = try AIMLAPIImporter.base(spec: spec, model: model, provenance: provenance)
                bases.append(ImportedBase(modelID: model.id, fileName: BaseNaming.baseFileName(modelID: model.id), text: BaseJSONText.render(base)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return bases
    }

    // MARK: Scenario

    /// The docs table's file in Scenario's snapshot folder.
    public static let scenarioDocsTable = "kling-models-from-docs.json"

    private static func importScenario(_ folder: URL) throws(ImportErrors) -> [ImportedBase] {
        let provenanceFile = try readJSON(folder, "PROVENANCE.json")
        var log = DiagnosticLog(file: "PROVENANCE.json")
        let docsPage = provenanceFile.objectValue?["docsPage"] ?? .null
        let endpoint = provenanceFile.objectValue?["endpoint"] ?? .null
        let provenance = ScenarioImporter.Provenance(
            docsTitle: string(docsPage, "title", &log), docsURL: string(docsPage, "url", &log),
            docsLastUpdated: string(docsPage, "lastUpdated", &log), recordURL: string(provenanceFile, "recordURL", &log),
            endpointPath: string(endpoint, "path", &log)
        )
        var diagnostics = log.diagnostics
        let table = try readJSON(folder, scenarioDocsTable)
        guard let entries = table.objectValue?["models"]?.arrayValue else {
            throw ImportErrors(diagnostics + [ImportDiagnostic(file: scenarioDocsTable, path: "$", message: "no `models` array")])
        }
        var bases: [ImportedBase] = []
        for (offset, entry) in entries.enumerated() {
            let path = "$.models[\(offset)]"
            guard let id = entry.objectValue?["modelId"]?.stringValue else {
                diagnostics.append(ImportDiagnostic(file: scenarioDocsTable, path: path, message: "a model without a string `modelId`"))
                continue
            }
            do throws(ImportErrors) {
                let recordFile = "records/\(id).json"
                let base: JSONValue
                if FileManager.default.fileExists(atPath: folder.appendingPathComponent(recordFile).path) {
                    base = try ScenarioImporter.base(record: try readJSON(folder, recordFile), file: recordFile, provenance: provenance)
                    if base.objectValue?["id"]?.stringValue != id {
                        throw ImportErrors([ImportDiagnostic(file: recordFile, path: "$", message: "the record's id is not \"\(id)\", the model it is stored for")])
                    }
                } else {
                    base = try ScenarioImporter.base(docsEntry: entry, file: scenarioDocsTable, path: path, provenance: provenance)
                }
                bases.append(ImportedBase(modelID: id, fileName: BaseNaming.baseFileName(modelID: id), text: BaseJSONText.render(base)))
            } catch {
                diagnostics += error.diagnostics
            }
        }
        guard diagnostics.isEmpty else { throw ImportErrors(diagnostics) }
        return bases
    }

    // MARK: Files

    private static func readJSON(_ folder: URL, _ file: String) throws(ImportErrors) -> JSONValue {
        let data: Data
        do {
            data = try Data(contentsOf: folder.appendingPathComponent(file))
        } catch {
            throw ImportErrors([ImportDiagnostic(file: file, path: "$", message: "cannot read the file (\(folder.appendingPathComponent(file).path))")])
        }
        do {
            return try JSONParser.parse(data)
        } catch {
            throw ImportErrors([ImportDiagnostic(file: file, path: "$", message: "malformed JSON: \(error)")])
        }
    }

    private static func string(_ object: JSONValue, _ key: String, _ log: inout DiagnosticLog) -> String {
        guard let value = object.objectValue?[key]?.stringValue else {
            log.report("$" + JSONPath.member(key), "missing string `\(key)`")
            return ""
        }
        return value
    }
}
