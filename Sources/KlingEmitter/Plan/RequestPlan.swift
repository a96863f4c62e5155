import KlingSchema

/// One schema planned: its request type's scope (and, through it, every nested scope) and the path
/// of its Swift file.
public struct RequestPlan: Sendable {
    /// The schema the plan is made from.
    public let schema: ModelSchema
    /// The output file, relative to the output folder: `scenario/model_x.json` → `scenario/model_x.swift`.
    public let outputPath: String
    let root: ScopePlan

    /// Plans a schema the linter accepted.
    public init(_ schema: ModelSchema) {
        self.schema = schema
        outputPath = Self.outputPath(forSchemaFile: schema.file)
        root = ScopePlan(typeName: schema.requestTypeName, qualifiedName: schema.requestTypeName, fields: schema.parameters,
                         rules: schema.rules, description: schema.summary, sourceKey: nil, outerTypeNames: [])
    }

    /// The Swift file's text.
    public func render() -> String {
        RequestEmitter(plan: self).emit()
    }

    /// The output file of a schema file: `scenario/model_x.json` → `scenario/model_x.swift`.
    public static func outputPath(forSchemaFile file: String) -> String {
        let stem = file.hasSuffix(".json") ? String(file.dropLast(5)) : file
        return stem + ".swift"
    }
}

/// Every schema of a set planned: a ``RequestPlan`` per schema and the catalog of all of them, each
/// with its output path.
public struct GenerationPlan: Sendable {
    public let requests: [RequestPlan]
    public let catalog: CatalogPlan

    /// Plans a set the linter accepted (within each file and across the set).
    public init(_ schemas: [ModelSchema]) {
        requests = schemas.concurrentMap(RequestPlan.init)
        catalog = CatalogPlan(schemas.map(CatalogPlan.Entry.init))
    }

    /// Every generated file's text by its path relative to the output folder.
    public func render() -> [String: String] {
        var files: [String: String] = [:]
        for (plan, text) in zip(requests, requests.concurrentMap { $0.render() }) {
            files[plan.outputPath] = text
        }
        files[CatalogPlan.outputPath] = catalog.render()
        return files
    }
}

/// The catalog of every model of a set (`KlingModels.swift`).
public struct CatalogPlan: Sendable {
    /// One model of the catalog: its schema file and Swift name.
    public struct Entry: Hashable, Sendable {
        public var file: String
        public var swiftName: String

        public init(file: String, swiftName: String) {
            self.file = file
            self.swiftName = swiftName
        }

        public init(_ schema: ModelSchema) {
            self.init(file: schema.file, swiftName: schema.swiftName)
        }
    }

    /// The catalog's file, relative to the output folder.
    public static let outputPath = SchemaSet.catalogName + ".swift"

    /// The models, in the order of their schema files.
    public let entries: [Entry]

    public init(_ entries: [Entry]) {
        self.entries = entries.sorted { $0.file < $1.file }
    }

    /// The catalog's text.
    public func render() -> String {
        CatalogEmitter.emit(self)
    }
}
