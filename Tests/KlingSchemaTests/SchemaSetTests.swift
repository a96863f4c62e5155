import Foundation
import KlingTestSupport
import KlingJSON
import KlingSchema
import Testing

extension TemporaryFolder {
    func write(_ relativePath: String, _ document: JSONValue) throws {
        try write(relativePath, document.jsonText)
    }

    /// The diagnostics of reading the folder; empty when it reads.
    func diagnostics() -> [Diagnostic] {
        SchemaSet.lint(directory: url).diagnostics
    }
}

@Suite("Reading a schemas folder")
struct SchemaSetTests {
    static func model(id: String, swiftName: String) -> JSONValue {
        Skeleton.model().setting("id", to: .string(id)).setting("swiftName", to: .string(swiftName))
    }

    @Test("Reads every *.json below the folder, sorted, with paths relative to it")
    func readsFolder() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/b.json", Self.model(id: "model_b", swiftName: "ModelB"))
        try folder.write("aimlapi/a.json", Self.model(id: "a", swiftName: "ModelA").setting("provider", to: "aimlapi"))
        try folder.write("scenario/README.md", "Not a schema.")
        let schemas = try SchemaSet.read(directory: folder.url)
        #expect(schemas.map(\.file) == ["aimlapi/a.json", "scenario/b.json"])
        #expect(schemas.map(\.id) == ["a", "model_b"])
    }

    @Test("Skips the format's own schema.json at the top, but not a schema.json in a subfolder")
    func skipsFormatSchema() throws {
        let folder = try TemporaryFolder()
        try folder.write("schema.json", try String(contentsOf: Fixtures.formatSchemaFile, encoding: .utf8))
        try folder.write("scenario/model_a.json", Self.model(id: "model_a", swiftName: "ModelA"))
        #expect(try SchemaSet.schemaFiles(in: folder.url) == ["scenario/model_a.json"])
        #expect(try SchemaSet.read(directory: folder.url).map(\.id) == ["model_a"])

        try folder.write("scenario/schema.json", "{}")
        #expect(try SchemaSet.schemaFiles(in: folder.url) == ["scenario/model_a.json", "scenario/schema.json"])
        #expect(folder.diagnostics().map(\.file) == Array(repeating: "scenario/schema.json", count: 7))
    }

    @Test("Skips every file below a folder whose name starts with an underscore")
    func skipsUnderscoreFolders() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/model_a.json", Self.model(id: "model_a", swiftName: "ModelA"))
        try folder.write("_snapshots/aimlapi/specs/spec.json", "{}")
        try folder.write("_imported/scenario/model_b.base.json", "{}")
        try folder.write("scenario/_drafts/model_c.json", "{}")
        try folder.write("scenario/_model_d.json", Self.model(id: "model_d", swiftName: "ModelD"))
        #expect(try SchemaSet.schemaFiles(in: folder.url) == ["scenario/_model_d.json", "scenario/model_a.json"])
        #expect(try SchemaSet.read(directory: folder.url).map(\.id) == ["model_d", "model_a"])
    }

    @Test("Two schemas with one model id")
    func duplicateID() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/a.json", Self.model(id: "model_x", swiftName: "ModelA"))
        try folder.write("scenario/b.json", Self.model(id: "model_x", swiftName: "ModelB"))
        #expect(folder.diagnostics() == [
            Diagnostic(file: "scenario/b.json", path: "$.id", message: "model id \"model_x\" is also the id of scenario/a.json"),
        ])
    }

    @Test("Two schemas with one Swift name")
    func duplicateSwiftName() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/a.json", Self.model(id: "model_a", swiftName: "KlingModel"))
        try folder.write("scenario/b.json", Self.model(id: "model_b", swiftName: "KlingModel"))
        try folder.write("scenario/c.json", Self.model(id: "model_c", swiftName: "KlingModel"))
        #expect(folder.diagnostics() == [
            Diagnostic(file: "scenario/b.json", path: "$.swiftName", message: "Swift name \"KlingModel\" is also used by scenario/a.json"),
            Diagnostic(file: "scenario/c.json", path: "$.swiftName", message: "Swift name \"KlingModel\" is also used by scenario/a.json"),
        ])
    }

    @Test("Two files with one base name in different folders (their generated Swift files would collide)")
    func duplicateBaseName() throws {
        let folder = try TemporaryFolder()
        try folder.write("aimlapi/kling.json", Self.model(id: "klingai/a", swiftName: "ModelA").setting("provider", to: "aimlapi"))
        try folder.write("scenario/Kling.json", Self.model(id: "model_b", swiftName: "ModelB"))
        #expect(folder.diagnostics() == [
            Diagnostic(
                file: "scenario/Kling.json", path: "$",
                message: "its file name is also the name of aimlapi/kling.json; generated Swift files must have distinct names"
            ),
        ])
    }

    @Test("A schema named like the generated catalog (its Swift file would collide with KlingModels.swift)")
    func catalogName() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/klingmodels.json", Self.model(id: "model_a", swiftName: "ModelA"))
        #expect(folder.diagnostics() == [
            Diagnostic(file: "scenario/klingmodels.json", path: "$", message: "KlingModels is the name of the generated catalog of models; rename the file"),
        ])
    }

    @Test("Reports every file's diagnostics, then the faults between files")
    func everyFile() throws {
        let folder = try TemporaryFolder()
        try folder.write("scenario/a.json", Self.model(id: "model_a", swiftName: "ModelA").setting("provider", to: "fal"))
        try folder.write("scenario/b.json", "{ \"id\": ")
        try folder.write("scenario/c.json", Self.model(id: "model_d", swiftName: "ModelC"))
        try folder.write("scenario/d.json", Self.model(id: "model_d", swiftName: "ModelD"))
        let diagnostics = folder.diagnostics()
        #expect(diagnostics.map(\.file) == ["scenario/a.json", "scenario/b.json", "scenario/d.json"])
        #expect(diagnostics.map(\.path) == ["$.provider", "$", "$.id"])
        #expect(diagnostics[1].message.hasPrefix("malformed JSON at line 1, column 9:"))
    }

    @Test("An empty folder has no schemas")
    func emptyFolder() throws {
        let folder = try TemporaryFolder()
        #expect(try SchemaSet.read(directory: folder.url).isEmpty)
    }

    @Test("A folder that does not exist is an error, not an empty set")
    func missingFolder() throws {
        let folder = try TemporaryFolder()
        let missing = folder.url.appendingPathComponent("Schemaz")
        let error = #expect(throws: SchemaErrors.self) { try SchemaSet.read(directory: missing) }
        #expect(error?.diagnostics.map(\.path) == ["$"])
        #expect(error?.diagnostics.first?.message.hasPrefix("cannot read the schemas folder") == true)
    }
}
