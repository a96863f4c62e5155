import Foundation
import KlingJSON
import KlingKit
import KlingSchema
import Testing

/// Every model of the catalogue, read from its schema and checked through its generated request
/// type: the smallest valid body passes both `validate(wire:)` and the typed `validate()`, and a
/// body breaking each documented limit and each rule is reported, by both, with the right code at
/// the right wire path.
@Suite("Every model of the catalogue")
struct CatalogueModelTests {
    static let schemasFolder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        .appendingPathComponent("Schemas")

    static let schemas: [ModelSchema] = (try? SchemaSet.read(directory: schemasFolder)) ?? []
    static let ids = schemas.map(\.id)

    static func schema(_ id: String) throws -> ModelSchema {
        try #require(schemas.first { $0.id == id })
    }

    static func requestType(_ id: String) throws -> any KlingRequest.Type {
        try #require(KlingModels.model(id: id), "no request type for \(id)")
    }

    @Test func everySchemaHasARequestTypeAndEveryRequestTypeASchema() {
        #expect(!Self.schemas.isEmpty)
        #expect(Set(Self.ids) == Set(KlingModels.all.map { $0.model.id }))
    }

    @Test("The smallest valid body passes both validators", arguments: ids)
    func minimalBodyIsValid(_ id: String) throws {
        let body = SampleBodies(schema: try Self.schema(id)).minimalBody
        let type = try Self.requestType(id)
        let wire = type.validate(wire: body)
        #expect(wire.isValid, "\(id): \(body.jsonText)\n\(wire)")
        let typed = try Self.typedReport(type, body)
        #expect(typed.isValid, "\(id): \(body.jsonText)\n\(typed)")
    }

    @Test("Each limit and each rule, broken, is reported by both validators", arguments: ids)
    func violationsAreReported(_ id: String) throws {
        let samples = SampleBodies(schema: try Self.schema(id))
        let type = try Self.requestType(id)
        let violations = samples.violations
        // Every rule is broken at least once: a rule the samples cannot break is a gap in this test.
        for index in samples.schema.rules.indices {
            #expect(violations.contains { $0.what.hasPrefix("rule \(index) ") }, "\(id): no body breaks rule \(index): \(samples.schema.rules[index].kind)")
        }
        for violation in violations {
            let wire = type.validate(wire: violation.body)
            #expect(Self.contains(wire, violation), "\(id): \(violation.what): wire report lacks \(violation.code) at `\(violation.path)`\n\(violation.body.jsonText)\n\(wire)")
            guard violation.typedCanHoldIt else { continue }
            let typed = try Self.typedReport(type, violation.body)
            #expect(Self.contains(typed, violation), "\(id): \(violation.what): typed report lacks \(violation.code) at `\(violation.path)`\n\(typed)")
        }
    }

    /// Decodes the body into the typed request, then validates that.
    static func typedReport(_ type: any KlingRequest.Type, _ body: JSONValue) throws -> ValidationReport {
        func decode<Request: KlingRequest>(_: Request.Type) throws -> ValidationReport {
            try JSONDecoder().decode(Request.self, from: Data(body.jsonText.utf8)).validate()
        }
        return try decode(type)
    }

    static func contains(_ report: ValidationReport, _ violation: SampleBodies.Violation) -> Bool {
        report.issues.contains {
            $0.code.rawValue == violation.code && $0.path == violation.path && ($0.severity == .warning) == violation.isWarning
        }
    }
}
