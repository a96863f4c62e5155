/// The names an imported base takes from its model id, derived mechanically so they never change
/// while the id does not.
public enum BaseNaming {
    /// The request type's name (without `Request`): the provider's prefix, then every run of ASCII
    /// letters and digits of the id with its first letter upper-cased.
    ///
    /// `klingai/video-v3-pro-text-to-video` (aimlapi) → `AIMLKlingaiVideoV3ProTextToVideo`;
    /// `model_kling-v1-6-pro` (scenario) → `ScenarioKlingV16Pro` (Scenario's `model_` prefix is
    /// dropped, as every Scenario id has it).
    public static func swiftName(provider: String, modelID: String) -> String {
        var id = Substring(modelID)
        if provider == "scenario", id.hasPrefix("model_") { id = id.dropFirst("model_".count) }
        let words = id.split { !($0.isASCII && ($0.isLetter || $0.isNumber)) }
        return prefix(of: provider) + words.map { $0.prefix(1).uppercased() + $0.dropFirst() }.joined()
    }

    /// The file name of a model's base: the id with every character other than ASCII letters,
    /// digits, `.`, `_` and `-` replaced by `-`, then `.base.json`.
    ///
    /// `kling-video/v1.6/pro/image-to-video` → `kling-video-v1.6-pro-image-to-video.base.json`.
    public static func baseFileName(modelID: String) -> String {
        let slug = String(modelID.map { character in
            character.isASCII && (character.isLetter || character.isNumber || "._-".contains(character)) ? character : "-"
        })
        return slug + ".base.json"
    }

    private static func prefix(of provider: String) -> String {
        switch provider {
        case "aimlapi": return "AIML"
        case "scenario": return "Scenario"
        default: return provider.prefix(1).uppercased() + provider.dropFirst()
        }
    }
}
