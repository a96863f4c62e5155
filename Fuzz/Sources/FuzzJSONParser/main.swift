import FuzzSupport
import KlingCore

/// Any input: the parser returns or throws; accepted input prints as JSON that parses back to the
/// same value.
@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzJSONParser(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let value = try? JSONParser.parse(inputBytes(data, size)) else { return 0 }
    let text = value.jsonText
    guard let reparsed = try? JSONParser.parse(text) else { fatalError("printed JSON does not parse: \(text)") }
    guard reparsed == value else { fatalError("the round trip changed the value: \(text)") }
    return 0
}

@_cdecl("FuzzJSONParser_main")
public func fuzzMain(_ argc: CInt, _ argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?) -> CInt {
    runLibFuzzer(argc, argv, fuzzJSONParser)
}
