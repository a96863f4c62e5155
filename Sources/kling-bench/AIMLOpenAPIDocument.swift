import Foundation
import KlingCore

/// The AI/ML API's request specs merged into one OpenAPI document: a `POST /<model-id-slug>` path
/// per model, whose JSON body is a component schema named after the model and copied as its spec
/// has it. swift-openapi-generator's types for this document are what the generated AI/ML request
/// types are compared with.
enum AIMLOpenAPIDocument {
    struct Unreadable: Error, CustomStringConvertible {
        var description: String
    }

    /// The merged document, and how many request bodies it holds.
    ///
    /// - Parameter snapshots: the provider's snapshot folder: `models.json` (each model's id and
    ///   spec file) and the specs it names.
    static func make(snapshots: URL) throws -> (document: JSONValue, bodies: Int) {
        let list = snapshots.appendingPathComponent("models.json")
        guard case .object(let root) = try JSONParser.parse(Data(contentsOf: list)), case .array(let models)? = root["models"] else {
            throw Unreadable(description: "\(list.path): no \"models\" array")
        }
        var openAPIVersion: JSONValue = "3.0.0"
        var paths: [JSONObject.Member] = []
        var schemas: [JSONObject.Member] = []
        for case .object(let model) in models {
            guard case .string(let id)? = model["id"], case .string(let specFile)? = model["spec"] else {
                throw Unreadable(description: "\(list.path): a model without an \"id\" or \"spec\"")
            }
            let spec = snapshots.appendingPathComponent(specFile)
            guard case .object(let document) = try JSONParser.parse(Data(contentsOf: spec)), let body = requestBody(of: document) else {
                throw Unreadable(description: "\(spec.path): no POST operation with an application/json request body")
            }
            if paths.isEmpty, let version = document["openapi"] { openAPIVersion = version }
            let name = slug(id)
            schemas.append(.init(key: name, value: body))
            paths.append(.init(key: "/" + name, value: [
                "post": [
                    "operationId": .string(name),
                    "summary": .string("Submit a \(id) generation."),
                    "requestBody": [
                        "required": true,
                        "content": ["application/json": ["schema": ["$ref": .string("#/components/schemas/\(name)")]]],
                    ],
                    "responses": ["200": ["description": "The generation was queued."]],
                ],
            ]))
        }
        let document: JSONValue = [
            "openapi": openAPIVersion,
            "info": ["title": "AI/ML API Kling request bodies", "version": "1.0.0"],
            "paths": .object(JSONObject(paths)),
            "components": ["schemas": .object(JSONObject(schemas))],
        ]
        return (document, schemas.count)
    }

    /// The JSON body schema of the document's first POST operation that has one.
    static func requestBody(of document: JSONObject) -> JSONValue? {
        guard case .object(let paths)? = document["paths"] else { return nil }
        for path in paths.members {
            if case .object(let item) = path.value, case .object(let post)? = item["post"],
               case .object(let body)? = post["requestBody"], case .object(let content)? = body["content"],
               case .object(let json)? = content["application/json"], let schema = json["schema"] {
                return schema
            }
        }
        return nil
    }

    /// `kling-video/v1.6/pro/image-to-video` → `kling-video-v1-6-pro-image-to-video`: a path segment
    /// and a component name OpenAPI accepts.
    static func slug(_ id: String) -> String {
        var result = ""
        for character in id {
            if character.isASCII && (character.isLetter || character.isNumber) {
                result.append(character)
            } else if !result.isEmpty && result.last != "-" {
                result.append("-")
            }
        }
        return result.hasSuffix("-") ? String(result.dropLast()) : result
    }
}
