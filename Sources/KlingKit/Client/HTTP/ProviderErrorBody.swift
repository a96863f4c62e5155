import Foundation

/// What a provider's error text says, read leniently from any of the shapes the providers use — the
/// one reader for error answers (HTTP status 400 and up) and for the `error` of a failed AI/ML API
/// generation: `{message, name}`, `{error: "..."}`, `{error: {name, message}}`,
/// `{error: {detail: [{loc, msg}]}}`, `{detail: "..."}`, plain text, and a generic message with its
/// details beside it (the AI/ML API's `{"message": "Body validation error!", ...}` followed by
/// issues such as `Invalid enum value. Expected '5' | '10', received '7'`; its documentation shows the
/// text but not the member, so `errors`, `issues`, `details` and `meta` are all read, each as text, a
/// list of texts, a list of `{message|msg, path|loc|field}` or `{fieldErrors, formErrors}`).
struct ProviderErrorBody {
    /// The provider's message, with its details; scrubbed of credentials when read from an answer.
    var message: String?
    /// The error's class name (`ModelAccessRestrictedError`), when the provider sends one.
    var name: String?
    /// Scenario's concurrency ceiling on a 429: `details.actionLimit` and `details.actionName`.
    var actionLimit: Int?
    var actionName: String?

    /// The most detail items quoted, and the longest message kept.
    static let maximumDetails = 20
    static let maximumLength = 1000

    /// Reads a whole error answer; credentials in it are replaced by `<redacted>`.
    init(_ body: Data, redactor: SecretRedactor) {
        guard let json = JSONValue.parse(body) else {
            let text = redactor.excerpt(of: body, limit: 200)
            self.init(message: text.isEmpty || text.hasPrefix("<") ? nil : text, name: nil)
            return
        }
        self.init(json: json)
        message = message.map(redactor.redact)
    }

    init(message: String?, name: String?) {
        self.message = message
        self.name = name
    }

    /// Reads an error value: an answer's JSON, or the `error` member of a generation.
    init(json: JSONValue) {
        name = json[member: "name"]?.textValue ?? json.value(at: "error", "name")?.textValue
        message = Self.message(in: json).map(Self.shortened)
        actionLimit = json.value(at: "details", "actionLimit")?.numberValue.flatMap(JSONValue.integerValue(of:)).map { Int($0) }
        actionName = json.value(at: "details", "actionName")?.textValue
    }

    /// `name: message` when there is a name (how a failed generation's error reads).
    var namedMessage: String? {
        guard let message else { return name }
        return name.map { "\($0): \(message)" } ?? message
    }

    private static func message(in json: JSONValue) -> String? {
        if let text = json.textValue { return text }
        if let message = json[member: "message"]?.textValue {
            guard let details = details(in: json), !message.contains(details) else { return message }
            return message + (message.last.map { ".!?:".contains($0) } == true ? " " : ": ") + details
        }
        if let error = json[member: "error"] {
            if let text = error.textValue { return text }
            if let message = Self.message(in: error) { return message }
        }
        if let detail = json[member: "detail"].flatMap(detailText) { return detail }
        return details(in: json)
    }

    /// The details a provider sends beside a generic message.
    private static func details(in json: JSONValue) -> String? {
        for key in ["errors", "issues", "details", "meta", "detail"] {
            if let text = json[member: key].flatMap(detailText), !text.isEmpty { return text }
        }
        return nil
    }

    /// `"..."`, `["...", ...]`, `[{"loc": ["body", "duration"], "msg": "..."}]` (FastAPI),
    /// `[{"path": ["duration"], "message": "..."}]` (Zod), or `{"fieldErrors": {"duration": ["..."]}}`.
    private static func detailText(_ detail: JSONValue) -> String? {
        if let text = detail.textValue { return text }
        if case .object(let object) = detail {
            var lines: [String] = []
            if let formErrors = object["formErrors"]?.arrayValue { lines += formErrors.compactMap(\.textValue) }
            if case .object(let fields)? = object["fieldErrors"] {
                for member in fields.members {
                    let messages = member.value.arrayValue?.compactMap(\.textValue) ?? member.value.textValue.map { [$0] } ?? []
                    if !messages.isEmpty { lines.append("\(member.key): " + messages.joined(separator: ", ")) }
                }
            }
            if lines.isEmpty, let single = item(detail) { lines.append(single) }
            return lines.isEmpty ? nil : lines.prefix(maximumDetails).joined(separator: "; ")
        }
        guard let items = detail.arrayValue else { return nil }
        let lines = items.prefix(maximumDetails).compactMap(item)
        guard !lines.isEmpty else { return nil }
        let more = items.count > maximumDetails ? "; and \(items.count - maximumDetails) more" : ""
        return lines.joined(separator: "; ") + more
    }

    /// One issue: its text, or its message with where it points.
    private static func item(_ item: JSONValue) -> String? {
        guard let message = item[member: "msg"]?.textValue ?? item[member: "message"]?.textValue else { return item.textValue }
        let pathValue = item[member: "loc"] ?? item[member: "path"] ?? item[member: "field"] ?? item[member: "param"]
        let location = pathValue?.arrayValue.map(wirePath) ?? pathValue?.textValue ?? ""
        guard !location.isEmpty, !message.hasPrefix(location) else { return message }
        return "\(location): \(message)"
    }

    /// `["body", "elements", 0, "url"]` as the project writes wire paths: `elements[0].url`.
    private static func wirePath(_ parts: [JSONValue]) -> String {
        var path = ""
        for part in parts {
            if case .number(let index) = part {
                path += "[\(JSONValue.format(index))]"
            } else if let name = part.textValue, name != "body" {
                path += (path.isEmpty ? "" : ".") + name
            }
        }
        return path
    }

    private static func shortened(_ text: String) -> String {
        text.count > maximumLength ? String(text.prefix(maximumLength)) + "…" : text
    }
}

/// Turns a provider's final error answer into a ``KlingError``.
enum ProviderErrorMapper {
    static func error(for response: HTTPResponse, provider: Provider, isSubmit: Bool, redactor: SecretRedactor) -> KlingError {
        let parsed = ProviderErrorBody(response.body, redactor: redactor)
        switch response.status {
        case 401, 407:
            // A refusal: the request was not accepted, so even for a submit nothing was created.
            return .unauthorized(provider, status: response.status, message: parsed.message)
        case 402:
            return .planRestricted(provider, status: 402, message: parsed.message)
        case 403:
            if provider == .aimlapi || parsed.name == "ModelAccessRestrictedError" {
                return .planRestricted(provider, status: 403, message: parsed.message)
            }
            return .unauthorized(provider, status: 403, message: parsed.message)
        case 429 where parsed.actionLimit.map { $0 > 0 } == true:
            return .concurrencyLimited(provider, limit: parsed.actionLimit!, action: parsed.actionName, message: parsed.message)
        case 429:
            return .rateLimited(provider, retryAfter: RetryAfter.parse(response.header("retry-after")), message: parsed.message)
        case let status where isSubmit && [408, 500, 502, 504].contains(status):
            let detail = "HTTP \(response.status)" + (parsed.message.map { ": \($0)" } ?? "")
            return .submitOutcomeUnknown(provider, detail: detail)
        default:
            return .providerError(provider, status: response.status, message: parsed.message, body: redactor.excerpt(of: response.body))
        }
    }
}
