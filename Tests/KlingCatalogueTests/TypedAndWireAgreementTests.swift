import Foundation
import KlingJSON
import KlingKit
import KlingSchema
import Testing

/// A request type's generated `validate()` against KlingCore's interpreter of the same schema
/// (`validate(wire:)`), model by model: every body of `SchemaBodyMutations` that a typed request can
/// hold exactly (it decodes, and encodes back to the same JSON) must get the same issues both ways:
/// the same severities and codes at the same wire paths, in the same order. Messages may differ where
/// reading the wire sees more than the typed value shows (a relative URL is "not a URL" on the wire,
/// and "not an absolute http or https URL" once typed), and bodies whose wire report has a type
/// mismatch are left out (the wire takes integers only up to 10^15; a typed `Int` holds more).
@Suite("Typed validate() and the wire interpreter agree")
struct TypedAndWireAgreementTests {
    @Test("Every model, every body a typed request holds", arguments: CatalogueModelTests.ids)
    func typedChecksMatchTheInterpreter(_ id: String) throws {
        let schema = try CatalogueModelTests.schema(id)
        let type = try CatalogueModelTests.requestType(id)
        var compared = 0
        var reported = 0
        for (label, body) in SchemaBodyMutations(schema: schema).bodies {
            guard let (typed, wire) = Self.reports(type, body), !wire.issues.contains(where: { $0.code == .typeMismatch }) else { continue }
            compared += 1
            reported += wire.issues.count
            if typed.issues.map(Self.place) != wire.issues.map(Self.place) || typed.omitted != wire.omitted {
                Issue.record("""
                    \(id), \(label): the typed and wire reports differ
                      typed: \(typed.issues.map(\.description))
                      wire:  \(wire.issues.map(\.description))
                    body: \(body.jsonText)
                    """)
                return
            }
        }
        // Enough bodies survive the round trip, and some of them break something.
        #expect(compared >= 20, "\(id): only \(compared) bodies compared")
        #expect(reported >= 5, "\(id): only \(reported) issues in \(compared) bodies")
    }

    /// What an issue is and where: its severity, code and wire path.
    static func place(_ issue: ValidationIssue) -> String {
        "\(issue.severity) \(issue.code.rawValue) at \(issue.path)"
    }

    /// Both reports for a body a typed request holds exactly; nil for any other body.
    static func reports(_ type: any KlingRequest.Type, _ body: JSONValue) -> (typed: ValidationReport, wire: ValidationReport)? {
        func open<Request: KlingRequest>(_: Request.Type) -> (ValidationReport, ValidationReport)? {
            guard let request = try? JSONDecoder().decode(Request.self, from: Data(body.jsonText.utf8)),
                  Self.sameMembers(request.wireValue, body)
            else { return nil }
            return (request.validate(), Request.validate(wire: body))
        }
        return open(type)
    }

    /// Whether two wire values are the same JSON, object members compared regardless of order.
    static func sameMembers(_ left: JSONValue, _ right: JSONValue) -> Bool {
        switch (left, right) {
        case (.object(let a), .object(let b)):
            guard a.members.count == b.members.count else { return false }
            return a.members.allSatisfy { member in b[member.key].map { sameMembers(member.value, $0) } ?? false }
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy(sameMembers)
        case (.string(let a), .string(let b)) where a.hasPrefix("[") || a.hasPrefix("{"):
            // Embedded JSON: the same content, whatever the key order of its text.
            guard let x = try? JSONParser.parse(a), let y = try? JSONParser.parse(b) else { return a == b }
            return sameMembers(x, y)
        default:
            return left == right
        }
    }
}
