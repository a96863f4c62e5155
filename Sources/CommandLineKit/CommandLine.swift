#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingPlatform

/// Exit statuses shared by `kling` and `kling-bindgen`.
public enum ExitStatus: Int32, Sendable {
    /// Success (for `validate`: the request is valid).
    case success = 0
    /// The command ran and found a problem (an invalid request, a stale file, a failed job).
    case failure = 1
    /// The command could not run: bad usage, unknown model, unreadable file, malformed JSON.
    case usage = 2
}

/// A command's options and arguments, for parsing and for `--help`.
public struct CommandSpec: Sendable {
    public struct Option: Sendable {
        /// The long name without dashes: `model` for `--model`.
        public var name: String
        /// The placeholder of the value (`id`), or nil for a flag that takes none.
        public var valueName: String?
        public var help: String
        public var defaultValue: String?

        public init(_ name: String, value valueName: String? = nil, default defaultValue: String? = nil, help: String) {
            self.name = name
            self.valueName = valueName
            self.help = help
            self.defaultValue = defaultValue
        }
    }

    public struct Argument: Sendable {
        public var name: String
        public var help: String
        public var isOptional: Bool

        public init(_ name: String, optional isOptional: Bool = false, help: String) {
            self.name = name
            self.help = help
            self.isOptional = isOptional
        }
    }

    /// The full command name as typed: `kling validate`.
    public var name: String
    public var abstract: String
    public var arguments: [Argument]
    public var options: [Option]
    public var discussion: String?

    public init(name: String, abstract: String, arguments: [Argument] = [], options: [Option] = [], discussion: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.arguments = arguments
        self.options = options
        self.discussion = discussion
    }

    /// The `--help` text.
    public var help: String {
        var lines = ["OVERVIEW: \(abstract)", ""]
        let argumentUsage = arguments.map { $0.isOptional ? "[<\($0.name)>]" : "<\($0.name)>" }
        let optionUsage = options.isEmpty ? [] : ["[options]"]
        lines.append("USAGE: " + ([name] + optionUsage + argumentUsage).joined(separator: " "))
        if !arguments.isEmpty {
            lines += ["", "ARGUMENTS:"]
            for argument in arguments { lines.append(Self.row("<\(argument.name)>", argument.help)) }
        }
        lines += ["", "OPTIONS:"]
        for option in options {
            let label = "--\(option.name)" + (option.valueName.map { " <\($0)>" } ?? "")
            let help = option.help + (option.defaultValue.map { " (default: \($0))" } ?? "")
            lines.append(Self.row(label, help))
        }
        lines.append(Self.row("-h, --help", "Show help information."))
        if let discussion { lines += ["", discussion] }
        return lines.joined(separator: "\n") + "\n"
    }

    private static func row(_ label: String, _ help: String) -> String {
        let padded = label.count < 24 ? label + String(repeating: " ", count: 24 - label.count) : label + "\n" + String(repeating: " ", count: 26)
        return "  " + padded + help
    }

    /// Parses the arguments that follow the command name.
    /// - Throws: ``UsageError`` for unknown options, missing values or arguments, or extra arguments.
    public func parse(_ rawArguments: [String]) throws(UsageError) -> ParsedArguments {
        var parsed = ParsedArguments()
        var index = 0
        var onlyPositionals = false
        while index < rawArguments.count {
            let argument = rawArguments[index]
            index += 1
            if onlyPositionals || !argument.hasPrefix("-") || argument == "-" {
                parsed.positionals.append(argument)
                continue
            }
            if argument == "--" {
                onlyPositionals = true
                continue
            }
            if argument == "-h" || argument == "--help" {
                parsed.wantsHelp = true
                continue
            }
            var name = String(argument.drop { $0 == "-" })
            var inlineValue: String?
            if let equals = name.firstIndex(of: "=") {
                inlineValue = String(name[name.index(after: equals)...])
                name = String(name[..<equals])
            }
            guard let option = options.first(where: { $0.name == name }) else {
                throw UsageError("unknown option '\(argument)'", command: self.name)
            }
            if option.valueName == nil {
                guard inlineValue == nil else { throw UsageError("option '--\(name)' takes no value", command: self.name) }
                parsed.flags.insert(name)
            } else if let inlineValue {
                parsed.values[name, default: []].append(inlineValue)
            } else {
                guard index < rawArguments.count else {
                    throw UsageError("option '--\(name)' needs a value <\(option.valueName!)>", command: self.name)
                }
                parsed.values[name, default: []].append(rawArguments[index])
                index += 1
            }
        }
        if parsed.wantsHelp { return parsed }
        let required = arguments.filter { !$0.isOptional }.count
        if parsed.positionals.count < required {
            let missing = arguments[parsed.positionals.count]
            throw UsageError("missing argument <\(missing.name)>", command: name)
        }
        if parsed.positionals.count > arguments.count {
            throw UsageError("unexpected argument '\(parsed.positionals[arguments.count])'", command: name)
        }
        return parsed
    }
}

extension CommandSpec {
    /// Parses `arguments` and runs `body`, or prints `--help`. Bad usage exits 2 with a pointer to
    /// `--help`; any other error exits 1 with its description.
    public func run(_ arguments: [String], _ body: (ParsedArguments) async throws -> ExitStatus) async -> ExitStatus {
        do {
            let parsed = try parse(arguments)
            if parsed.wantsHelp {
                Console.out(help)
                return .success
            }
            return try await body(parsed)
        } catch let error as UsageError {
            Console.error(error.description + "\n")
            return .usage
        } catch {
            Console.error("error: \(error)\n")
            return .failure
        }
    }
}

/// The options and arguments of one invocation.
public struct ParsedArguments: Sendable {
    public var positionals: [String] = []
    public var values: [String: [String]] = [:]
    public var flags: Set<String> = []
    public var wantsHelp = false

    public init() {}

    /// The last value given for an option.
    public func value(_ name: String) -> String? { values[name]?.last }
    public func flag(_ name: String) -> Bool { flags.contains(name) }
}

/// Bad usage: printed with a pointer to `--help`, exit status 2.
public struct UsageError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public var command: String

    public init(_ message: String, command: String) {
        self.message = message
        self.command = command
    }

    public var description: String { "error: \(message)\nSee '\(command) --help'." }
}

/// Standard output and standard error, unbuffered, and reading a file or standard input.
public enum Console {
    public static func out(_ text: String) {
        write(text, to: 1)
    }

    public static func error(_ text: String) {
        write(text, to: 2)
    }

    private static func write(_ text: String, to descriptor: Int32) {
        var text = text
        _ = text.withUTF8 { writeAll(UnsafeRawBufferPointer($0), to: descriptor) }
    }

    /// Reads a file, or standard input for `-`.
    public static func read(_ path: String) throws -> Data {
        guard path == "-" else { return try Data(contentsOf: URL(fileURLWithPath: path)) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        while true {
            let count = buffer.withUnsafeMutableBytes { KlingPlatform.read(0, $0.baseAddress!, $0.count) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { return data }
            data.append(contentsOf: buffer[0..<count])
        }
    }
}

