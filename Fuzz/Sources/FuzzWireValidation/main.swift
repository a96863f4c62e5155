import Foundation
import FuzzSupport
import KlingKit

/// The first byte picks a model of the catalog; the rest is a request body. Validation never
/// crashes, and where the body decodes to the typed request and has no wire-only issue (unknown,
/// duplicate or mistyped members), the typed and the wire validation report the same issues.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzWireValidation(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let bytes = inputBytes(data, size)
    guard let first = bytes.first else { return 0 }
    let model = KlingModels.all[Int(first) % KlingModels.all.count]
    compareTypedAndWire(model, body: Data(bytes.dropFirst()))
    return 0
}

/// Issue codes only the wire path can report: the typed request cannot hold these inputs (a fixed
/// `model` with another value included).
let wireOnlyCodes: Set<IssueCode> = [.notAnObject, .constantMismatch, .typeMismatch, .unknownParameter, .duplicateParameter, .required, .invalidEmbeddedJSON, .invalidURL]

func compareTypedAndWire<Request: KlingRequest>(_: Request.Type, body: Data) {
    guard let wire = try? Request.validate(json: body) else { return }
    guard !wire.issues.contains(where: { wireOnlyCodes.contains($0.code) }), wire.omitted.total == 0 else { return }
    guard let typed = try? JSONDecoder().decode(Request.self, from: body) else {
        fatalError("\(Request.model.id): the wire path found no shape issue but the typed request does not decode: \(String(decoding: body, as: UTF8.self))")
    }
    let typedReport = typed.validate()
    guard typedReport == wire else {
        fatalError("\(Request.model.id): typed and wire validation disagree\nwire:  \(wire)\ntyped: \(typedReport)\nbody:  \(String(decoding: body, as: UTF8.self))")
    }
}

@_cdecl("FuzzWireValidation_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzWireValidation)
}
