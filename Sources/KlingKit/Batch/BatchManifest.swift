import Foundation

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

    /// An item; ``BatchManifest/parse(_:)`` builds these from manifest lines.
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
        var issues: [BatchManifestIssue] = []
        var ids: [String: Int] = [:]
        var outputs: [String: Int] = [:]
        for item in items {
            if let first = ids[item.id] {
                issues.append(BatchManifestIssue(line: item.line, id: item.id, path: "id", message: "the id \"\(item.id)\" is already used on line \(first); ids must be unique"))
            } else {
                ids[item.id] = item.line
            }
            let key = Self.normalized(item.output)
            if let first = outputs[key] {
                issues.append(BatchManifestIssue(line: item.line, id: item.id, path: "output", message: "\"\(item.output)\" is already the output of line \(first)"))
            } else {
                outputs[key] = item.line
            }
        }
        guard issues.isEmpty else { throw BatchManifestError(issues: issues) }
        self.items = items
        fingerprint = SHA256.hex(of: items.map(\.contentHash).joined(separator: "\n"))
    }

    /// The item with an id.
    public func item(id: String) -> BatchItem? {
        items.first { $0.id == id }
    }

    /// Parses and validates a JSON Lines manifest, reporting every issue of every line.
    /// - Parameter models: looks up a model id (the generated catalog by default).
    /// - Throws: ``BatchManifestError`` with every issue; an empty manifest is one too.
    public static func parse(
        _ data: Data, models: (String) -> (any KlingRequest.Type)? = KlingModels.model(id:)
    ) throws(BatchManifestError) -> BatchManifest {
        var items: [BatchItem] = []
        var issues: [BatchManifestIssue] = []
        var lineNumber = 0
        for rawLine in data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false) {
            lineNumber += 1
            var line = rawLine
            if line.last == UInt8(ascii: "\r") { line = line.dropLast() }
            if line.allSatisfy({ $0 == 0x20 || $0 == 0x09 }) { continue }
            let (item, lineIssues) = parseLine(line, number: lineNumber, models: models)
            issues += lineIssues
            if let item { items.append(item) }
        }
        if items.isEmpty && issues.isEmpty {
            issues.append(BatchManifestIssue(line: max(1, lineNumber), path: "", message: "the manifest has no items"))
        }
        var manifest: BatchManifest?
        do throws(BatchManifestError) {
            manifest = try BatchManifest(items: items)
        } catch {
            issues += error.issues
        }
        guard issues.isEmpty, let manifest else { throw BatchManifestError(issues: issues.sorted { $0.line < $1.line }) }
        return manifest
    }

    private static let knownKeys: Set<String> = ["id", "model", "body", "output"]

    private static func parseLine(
        _ bytes: Data.SubSequence, number: Int, models: (String) -> (any KlingRequest.Type)?
    ) -> (BatchItem?, [BatchManifestIssue]) {
        let json: JSONValue
        do {
            json = try JSONParser.parse(bytes)
        } catch {
            return (nil, [BatchManifestIssue(line: number, path: "", message: "not valid JSON: column \(error.column): \(error.message)")])
        }
        guard case .object(let object) = json else {
            return (nil, [BatchManifestIssue(line: number, path: "", message: "a line must be a JSON object {\"id\", \"model\", \"body\", \"output\"?}, not \(json.kindDescription)")])
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
        guard issues.isEmpty, let id, let model, let body else { return (nil, issues) }
        return (BatchItem(id: id, line: number, model: model, body: body, output: output), [])
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

    private static func normalized(_ path: String) -> String {
        path.lowercased()
    }
}

extension JSONValue {
    /// Writes an object with its members sorted by key, compactly (the content a hash is taken of).
    static func writeCanonical(_ members: [String: JSONValue], to output: inout String) {
        output += JSONValue.object(JSONObject(members.sorted { $0.key < $1.key }.map { JSONObject.Member(key: $0.key, value: $0.value) })).jsonText
    }
}
