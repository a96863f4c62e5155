import Foundation

/// What a provider's error answer says, read leniently from any of the shapes the providers use:
/// `{message, name}`, `{error: "..."}`, `{error: {name, message}}`, `{error: {detail: [{loc, msg}]}}`,
/// `{detail: "..."}`, or plain text.
struct ProviderErrorBody {
    var message: String?
    var name: String?
    /// Scenario's concurrency ceiling on a 429: `details.actionLimit` and `details.actionName`.
    var actionLimit: Int?
    var actionName: String?

    init(_ body: Data, redactor: SecretRedactor) {
        guard let json = JSONValue.parse(body) else {
            let text = redactor.excerpt(of: body, limit: 200)
            message = text.isEmpty || text.hasPrefix("<") ? nil : text
            return
        }
        name = json[member: "name"]?.textValue ?? json.value(at: "error", "name")?.textValue
        message = Self.message(in: json).map(redactor.redact)
        actionLimit = json.value(at: "details", "actionLimit")?.numberValue.flatMap(JSONValue.integerValue(of:)).map { Int($0) }
        actionName = json.value(at: "details", "actionName")?.textValue
    }

    private static func message(in json: JSONValue) -> String? {
        if let message = json[member: "message"]?.textValue { return message }
        if let error = json[member: "error"] {
            if let text = error.textValue { return text }
            if let message = error[member: "message"]?.textValue { return message }
            if let detail = error[member: "detail"].flatMap(detailText) { return detail }
        }
        if let detail = json[member: "detail"].flatMap(detailText) { return detail }
        if let details = json[member: "details"]?.arrayValue?.compactMap(\.textValue), !details.isEmpty {
            return details.joined(separator: "; ")
        }
        return nil
    }

    /// `"..."` or `[{"loc": ["body", "duration"], "msg": "..."}]` (FastAPI-style validation errors).
    private static func detailText(_ detail: JSONValue) -> String? {
        if let text = detail.textValue { return text }
        guard let items = detail.arrayValue else { return nil }
        let lines = items.compactMap { item -> String? in
            guard let message = item[member: "msg"]?.textValue ?? item[member: "message"]?.textValue else { return item.textValue }
            let location = item[member: "loc"]?.arrayValue?.compactMap(\.textValue).filter { $0 != "body" }.joined(separator: ".")
            return location.map { $0.isEmpty ? message : "\($0): \(message)" } ?? message
        }
        return lines.isEmpty ? nil : lines.joined(separator: "; ")
    }
}

/// Turns a provider's final error answer into a ``KlingError``.
enum ProviderErrorMapper {
    static func error(for response: HTTPResponse, provider: Provider, isSubmit: Bool, redactor: SecretRedactor) -> KlingError {
        let parsed = ProviderErrorBody(response.body, redactor: redactor)
        switch response.status {
        case 401:
            return .unauthorized(provider, status: 401, message: parsed.message)
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
