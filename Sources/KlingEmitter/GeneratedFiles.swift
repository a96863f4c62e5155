import KlingSchema

/// The files generated for a set of schemas, by path relative to the output folder.
public enum GeneratedFiles {
    /// One Swift file per schema (named after it) and the catalog of all of them.
    public static func plan(_ schemas: [ModelSchema]) -> [String: String] {
        var files: [String: String] = [:]
        let sources = schemas.concurrentMap { SwiftEmitter.emit($0) }
        for (schema, source) in zip(schemas, sources) {
            files[SwiftEmitter.outputPath(forSchemaFile: schema.file)] = source
        }
        files[SwiftEmitter.catalogFileName] = SwiftEmitter.emitCatalog(schemas.map(SwiftEmitter.CatalogEntry.init))
        return files
    }
}
