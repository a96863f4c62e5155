import Foundation
import FuzzSupport
import KlingEmitter
import KlingSchema

/// Any input as a schema file, through the generator's one pipeline: reading and linting it either
/// fails with diagnostics or yields a schema, which is checked as a set, planned and rendered.
/// Nothing may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchemaPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(inputBytes(data, size))
    let linted = SchemaReader.lint(bytes, file: "scenario/fuzzed.json")
    guard let schema = linted.value, !linted.diagnostics.containsError else { return 0 }
    _ = SchemaSet.crossFileDiagnostics([schema.identity])
    _ = RequestPlan(schema).render()
    return 0
}

@_cdecl("FuzzSchemaPipeline_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzSchemaPipeline)
}
