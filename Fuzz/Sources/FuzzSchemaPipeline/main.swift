import Foundation
import FuzzSupport
import KlingEmitter
import KlingSchema

/// Any input as a schema file: reading and linting it either fails with diagnostics or yields a
/// schema, which the emitter turns into Swift. Nothing may crash or hang.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzSchemaPipeline(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = Data(inputBytes(data, size))
    guard let schema = try? SchemaReader.read(bytes, file: "scenario/fuzzed.json") else { return 0 }
    _ = SchemaSet.crossFileDiagnostics([schema])
    _ = GeneratedFiles.plan([schema])
    return 0
}

@_cdecl("FuzzSchemaPipeline_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzSchemaPipeline)
}
