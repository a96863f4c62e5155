/// Writes a scope's `Defaults` and `Limits` enums from its plan.
struct DefaultsAndLimitsEmitter {
    let scope: ScopePlan

    func emit(_ writer: inout CodeWriter) {
        let defaults = scope.defaults
        let limits = scope.limits
        guard !defaults.isEmpty || !limits.isEmpty else { return }
        writer.line()
        writer.line("// MARK: - Defaults and limits of \(scope.qualifiedName)")
        writer.line()
        writer.block("extension \(scope.qualifiedName)") { writer in
            if !defaults.isEmpty {
                writer.doc("The values the provider uses for parameters that are not sent.")
                writer.block("public enum Defaults") { writer in
                    for value in defaults {
                        writer.doc("The `\(value.member.property)` the provider uses when the request does not send it.")
                        let type = value.member.type.unwrapped.spelling
                        writer.line("public static var \(SwiftSource.identifier(value.name)): \(type) { \(value.value.spellingWithDeclaredType) }")
                    }
                }
            }
            if !defaults.isEmpty && !limits.isEmpty { writer.line() }
            if !limits.isEmpty {
                writer.doc("The limits the schema documents; validation checks these values.")
                writer.block("public enum Limits") { writer in
                    for limit in limits {
                        writer.doc(limit.doc)
                        writer.line("public static var \(SwiftSource.identifier(limit.name)): \(limit.typeSpelling) { \(limit.valueSpelling) }")
                    }
                }
            }
        }
    }
}
