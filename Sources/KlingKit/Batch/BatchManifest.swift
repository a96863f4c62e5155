import Foundation
import DiagnosticText

/// One generation of a batch: a manifest line `{"id", "model", "body", "output"?}`.
public struct BatchItem: Sendable, Hashable {
    /// The item's id, unique in its manifest; the journal and the events name items by it.
    public var id: String
    /// The line of the manifest it came from (1-based).
    public var line: Int
    /// The model's request type.
    public var model: any KlingRequest.Type
    /// The request body exactly as it is sent: the line's `body` as compact JSON, members in their order.
    public var body: Data
    /// Where the result goes, relative to the output folder: the line's `output`, or `<id>.mp4`.
    public var output: String
    /// The SHA-256 of the line's canonical content (id, model, body, output): a journal written for
    /// another version of the line is refused.
    public var contentHash: String

    /// An item; ``BatchManifest/parse(_:models:)`` builds these from manifest lines.
    public init(id: String, line: Int, model: any KlingRequest.Type, body: Data, output: String? = nil) {
        self.id = id
        self.line = line
        self.model = model
        self.body = body
        self.output = output ?? "\(id).mp4"
        var canonical = ""
        JSONValue.writeCanonical(["id": .string(id), "model": .string(model.model.id), "output": .string(self.output)], to: &canonical)
        canonical += String(decoding: body, as: UTF8.self)
        contentHash = SHA256.hex(of: canonical)
    }

    /// Items are equal when their id, line and content are.
    public static func == (lhs: BatchItem, rhs: BatchItem) -> Bool {
        lhs.id == rhs.id && lhs.line == rhs.line && lhs.contentHash == rhs.contentHash
    }

    /// Hashes the id and content.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(id)
        hasher.combine(contentHash)
    }
}

/// A problem of one manifest line.
public struct BatchManifestIssue: Sendable, Hashable, CustomStringConvertible {
    /// The line (1-based).
    public var line: Int
    /// The item's id, when the line has a readable one.
    public var id: String?
    /// Where in the line: `id`, `model`, `body.duration`, `body.multiPrompt[2].duration`, or empty
    /// for the line as a whole.
    public var path: String
    /// What is wrong.
    public var message: String

    /// An issue of `line` at `path`.
    public init(line: Int, id: String? = nil, path: String, message: String) {
        self.line = line
        self.id = id
        self.path = path
        self.message = message
    }

    /// `line 3 (id "fox"): body.duration: …`.
    public var description: String {
        let item = id.map { " (id \"\($0)\")" } ?? ""
        return "line \(line)\(item): " + (path.isEmpty ? "" : "\(path): ") + message
    }
}

/// A manifest that did not validate: every issue of every line. Nothing was sent.
public struct BatchManifestError: Error, Sendable, CustomStringConvertible {
    /// Every issue, in line order.
    public var issues: [BatchManifestIssue]

    /// The issues, one per line of text.
    public var description: String {
        "The manifest has \(issues.count) problem\(issues.count == 1 ? "" : "s"); nothing was sent:\n"
            + issues.map { "  " + $0.description }.joined(separator: "\n")
    }
}

/// A batch: the items of a JSON Lines manifest, validated whole.
///
/// Each non-blank line is `{"id": String, "model": String, "body": Object, "output"?: String}`.
/// Ids are unique; `output` is a relative path inside the output folder (default `<id>.mp4`), and no
/// two items share one. Every body is checked by its model's validator, exactly as it will be sent.
public struct BatchManifest: Sendable {
    /// The items, in manifest order.
    public var items: [BatchItem]
    /// The SHA-256 of the items' content hashes in order: one value naming the whole manifest.
    public var fingerprint: String

    /// A manifest of items already built (ids and outputs must be unique).
    /// - Throws: ``BatchManifestError`` for a repeated id or output.
    public init(items: [BatchItem]) throws(BatchManifestError) {
        let issues = Self.duplicates(items.map { ($0.line, $0.id, $0.output) })
        guard issues.isEmpty else { throw BatchManifestError(issues: issues) }
        self.items = items
        fingerprint = SHA256.hex(of: items.map(\.contentHash).joined(separator: "\n"))
    }

    /// Issues for ids and outputs claimed by an earlier line (outputs compared without case, so
    /// two items never share a file on a case-insensitive disk either).
    private static func duplicates(_ claims: [(line: Int, id: String?, output: String?)]) -> [BatchManifestIssue] {
        var issues: [BatchManifestIssue] = []
        var ids: [String: Int] = [:]
        var outputs: [String: Int] = [:]
        for claim in claims {
            if let id = claim.id {
                if let first = ids[id] {
                    issues.append(BatchManifestIssue(line: claim.line, id: id, path: "id", message: "the id \"\(id)\" is already used on line \(first); ids must be unique"))
                    continue  // its output clash, if any, follows from the id's
                }
                ids[id] = claim.line
            }
            if let output = claim.output {
                if let first = outputs[output.lowercased()] {
                    issues.append(BatchManifestIssue(line: claim.line, id: claim.id, path: "output", message: "\"\(output)\" is already the output of line \(first)"))
                } else {
                    outputs[output.lowercased()] = claim.line
                }
            }
        }
        return issues
    }

    /// The item with an id.
    public func item(id: String) -> BatchItem? {
        items.first { $0.id == id }
    }

    /// Parses and validates a JSON Lines manifest, reporting every issue of every line.
    /// - Parameters:
    ///   - data: The manifest's bytes: one JSON object per line, UTF-8.
    ///   - models: Looks up a model id (the generated catalog by default).
    /// - Throws: ``BatchManifestError`` with every issue; an empty manifest is one too.
    public static func parse(
        _ data: Data, models: (String) -> (any KlingRequest.Type)? = KlingModels.model(id:)
    ) throws(BatchManifestError) -> BatchManifest {
        var items: [BatchItem] = []
        var issues: [BatchManifestIssue] = []
        var claims: [(line: Int, id: String?, output: String?)] = []
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let parsed = parseLine(line, number: lineNumber, models: models)
            issues += parsed.issues
            claims.append((lineNumber, parsed.id, parsed.output))
            if let item = parsed.item { items.append(item) }
        }
        issues += duplicates(claims)
        if items.isEmpty && issues.isEmpty {
            issues.append(BatchManifestIssue(line: max(1, lineNumber), path: "", message: "the manifest has no items"))
        }
        guard issues.isEmpty else { throw BatchManifestError(issues: issues.sorted { $0.line < $1.line }) }
        return try BatchManifest(items: items)
    }

    private static let knownKeys: Set<String> = ["id", "model", "body", "output"]

    private static func parseLine(
        _ bytes: Data.SubSequence, number: Int, models: (String) -> (any KlingRequest.Type)?
    ) -> (item: BatchItem?, issues: [BatchManifestIssue], id: String?, output: String?) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return (nil, [BatchManifestIssue(line: number, path: "", message: "not valid JSON: column \(error.column): \(error.message)")], nil, nil)
        }
        guard case .object(let object) = json else {
            return (nil, [BatchManifestIssue(line: number, path: "", message: "a line must be a JSON object {\"id\", \"model\", \"body\", \"output\"?}, not \(json.kindDescription)")], nil, nil)
        }
        var issues: [BatchManifestIssue] = []
        let id = object["id"]?.stringValue.flatMap { $0.isEmpty ? nil : $0 }
        func issue(_ path: String, _ message: String) {
            issues.append(BatchManifestIssue(line: number, id: id, path: path, message: message))
        }
        var seen: Set<String> = []
        for member in object.members {
            if !seen.insert(member.key).inserted { issue(member.key, "appears twice") }
            if !knownKeys.contains(member.key) {
                let hint = Suggestion.closest(to: member.key, among: knownKeys.sorted()).map { "; did you mean \"\($0)\"?" } ?? ""
                issue(member.key, "unknown field\(hint)")
            }
        }
        switch object["id"] {
        case nil: issue("id", "required: a non-empty string naming the item")
        case .string(let text)?:
            if text.isEmpty { issue("id", "must not be empty") }
            if text.unicodeScalars.contains(where: { $0.value < 0x20 }) { issue("id", "must not contain control characters") }
        case let other?: issue("id", "must be a string, not \(other.kindDescription)")
        }
        var model: (any KlingRequest.Type)?
        switch object["model"] {
        case nil: issue("model", "required: a model id (see 'kling models')")
        case .string(let text)?:
            model = models(text)
            if model == nil {
                let known = KlingModels.all.map { $0.model.id }
                let hint = Suggestion.closest(to: text, among: known).map { "; did you mean \"\($0)\"?" } ?? ""
                issue("model", "unknown model \"\(text)\"\(hint)")
            }
        case let other?: issue("model", "must be a string, not \(other.kindDescription)")
        }
        var output: String?
        switch object["output"] {
        case nil:
            if let id, let problem = pathProblem("\(id).mp4") { issue("id", "cannot name the default output <id>.mp4: \(problem); give an \"output\"") }
        case .string(let text)?:
            if let problem = pathProblem(text) { issue("output", problem) } else { output = text }
        case let other?: issue("output", "must be a string, not \(other.kindDescription)")
        }
        var body: Data?
        switch object["body"] {
        case nil: issue("body", "required: the request body as a JSON object")
        case .object(let bodyObject)?:
            let value = JSONValue.object(bodyObject)
            if let model {
                for problem in model.validate(wire: value).errors {
                    issue(problem.path.isEmpty ? "body" : "body.\(problem.path)", problem.message)
                }
            }
            body = Data(value.jsonText.utf8)
        case let other?: issue("body", "must be a JSON object, not \(other.kindDescription)")
        }
        let claimedOutput = output ?? id.map { "\($0).mp4" }
        guard issues.isEmpty, let id, let model, let body else { return (nil, issues, id, claimedOutput) }
        return (BatchItem(id: id, line: number, model: model, body: body, output: output), [], id, claimedOutput)
    }

    /// Why a path cannot be an output inside the output folder, or nil when it can.
    static func pathProblem(_ path: String) -> String? {
        if path.isEmpty { return "must not be empty" }
        if path.hasPrefix("/") { return "must be a path relative to the output folder" }
        if path.hasSuffix("/") { return "must name a file, not a folder" }
        if path.unicodeScalars.contains(where: { $0.value < 0x20 || $0 == "\\" }) { return "must not contain control characters or backslashes" }
        let components = path.split(separator: "/", omittingEmptySubsequences: false)
        if components.contains(where: { $0.isEmpty || $0 == "." || $0 == ".." }) {
            return "must stay inside the output folder (no empty, '.' or '..' components)"
        }
        if components.contains(where: { $0.hasPrefix(".") }) { return "must not name a hidden file (the journal and partial downloads are hidden)" }
        return nil
    }
}

extension JSONValue {
    /// Writes an object with its members sorted by key, compactly (the content a hash is taken of).
    static func writeCanonical(_ members: [String: JSONValue], to output: inout String) {
        output += JSONValue.object(JSONObject(members.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: $0.value) })).jsonText
    }
}
