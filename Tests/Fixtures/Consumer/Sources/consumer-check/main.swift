import Bindings
import Foundation
import KlingCore

// Prints what the generated types mean, as JSON, for the test suite to compare with the schemas.

let request = HostileRequest(
    default: HostileRequest.Defaults.default,
    selfValue: false,
    type: .init(rawValue: "\\(x)"),
    fields: .init(class: 0),
    prompt: "see <<\"\\(2\"\"\">",
    items: ["asset_1"]
)
let report = request.validate()
let wire = String(decoding: try request.wireJSON(), as: UTF8.self)
let output: JSONValue = [
    "id": .string(HostileRequest.model.id),
    "title": .string(HostileRequest.model.title),
    "path": .string(HostileRequest.model.endpoint.path),
    "default": .string(HostileRequest.Defaults.default),
    "descriptionOfDefault": .string(HostileRequest.model.parameters[0].description),
    "knownTypes": .array(HostileRequest.model.parameters.first { $0.name == "Type" }.map { $0.allowedValues.map { .string($0) } } ?? []),
    "notes": .array(HostileRequest.model.notes.map { .string($0) }),
    "issues": .array(report.issues.map { .string("\($0.code.rawValue)@\($0.path)") }),
    "wire": .string(wire),
    "catalog": .array(KlingModels.all.map { type in .string(type.model.id) }),
    "tinyTooLong": .bool(!TinyRequest(prompt: "more than ten").validate().isValid),
]
print(output.jsonText)
