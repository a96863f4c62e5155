import Foundation

/// Result files: `GET /cdn/{assetId}?token=...`, answering 403 for an unknown or expired token as a
/// signed CDN URL does. No provider credential is needed (or expected) here.
extension ProviderServer {
    func cdnDownload(_ request: HTTPConnection.Request, segments: [String]) -> ServerResponse {
        let expired = ServerResponse.text(
            403, "<?xml version=\"1.0\" encoding=\"UTF-8\"?><Error><Code>AccessDenied</Code><Message>Request has expired</Message></Error>",
            headers: [("Content-Type", "application/xml")]
        )
        guard segments.count == 2, let token = request.query["token"] else { return expired }
        let asset = state.withLock { state -> ServerAsset? in
            guard !state.expiredTokens.contains(token), state.tokens[token] == segments[1] else { return nil }
            return state.assets[segments[1]]
        }
        guard let asset else { return expired }
        let body: ServerResponse.Body = asset.content.map { .data($0) } ?? .generated(length: asset.length)
        return ServerResponse(status: 200, headers: [("Content-Type", asset.mimeType)], body: body)
    }
}
