import Foundation
import KlingCore

/// Prints measurements as a table and as JSON.
enum Report {
    static func format(_ value: Double, _ unit: String) -> String {
        switch unit {
        case "/s": return grouped(value) + "/s"
        case "ms": return String(format: "%.1f ms", value)
        case "s": return String(format: "%.2f s", value)
        case "×": return String(format: "%.2f×", value)
        case "MiB": return String(format: "%.1f MiB", value)
        case "MiB/s": return String(format: "%.0f MiB/s", value)
        case "µs": return String(format: "%.1f µs", value)
        default: return grouped(value) + " " + unit
        }
    }

    static func grouped(_ value: Double) -> String {
        let digits = String(Int(value.rounded()))
        var result = ""
        for (index, character) in digits.reversed().enumerated() {
            if index > 0 && index % 3 == 0 { result.append(",") }
            result.append(character)
        }
        return String(result.reversed())
    }

    static func table(_ results: [Measurement]) -> String {
        var lines: [String] = []
        var section = ""
        for result in results {
            if result.section != section {
                section = result.section
                lines += ["", section]
            }
            var line = "  " + result.name.padding(toLength: 48, withPad: " ", startingAt: 0) + format(result.value, result.unit).leftPadded(16)
            if let ratio = result.ratio, let baseline = result.baseline { line += String(format: "   %.2f× %@", ratio, baseline.name) }
            if let target = result.target { line += "   target \(target): " + (result.met.map { $0 ? "met" : "MISSED" } ?? "not judged") }
            lines.append(line)
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ results: [Measurement]) -> String {
        JSONValue.array(results.map { result in
            var members: [JSONObject.Member] = [
                .init(key: "section", value: .string(result.section)), .init(key: "name", value: .string(result.name)),
                .init(key: "value", value: .number(result.value)), .init(key: "unit", value: .string(result.unit)),
            ]
            if let baseline = result.baseline {
                members.append(.init(key: "baseline", value: ["name": .string(baseline.name), "value": .number(baseline.value)]))
                members.append(.init(key: "ratio", value: .number(result.ratio!)))
            }
            if let target = result.target { members.append(.init(key: "target", value: .string(target))) }
            if let met = result.met { members.append(.init(key: "met", value: .bool(met))) }
            return .object(JSONObject(members))
        }).jsonText
    }
}

extension String {
    func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
