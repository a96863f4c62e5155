#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import DiagnosticText
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

/// How an option is spelled and explained in `--help`. Two declarations are the same option when
/// they have the same name (a command cannot have two options of one name).
public struct OptionDeclaration: Sendable, Hashable {
    /// The long name without dashes: `model` for `--model`.
    public let name: String
    /// The placeholder of the value (`id`), or nil for a flag that takes none.
    public let valueName: String?
    /// What the option does, for `--help`.
    public let help: String
    /// The value used when the option is not given (shown in `--help`).
    public let defaultValue: String?

    public static func == (lhs: OptionDeclaration, rhs: OptionDeclaration) -> Bool { lhs.name == rhs.name }
    public func hash(into hasher: inout Hasher) { hasher.combine(name) }
}

/// An option a command declares once (usually as a static constant), lists in its ``CommandSpec``
/// and reads back from ``ParsedArguments`` with the same constant as the key.
public protocol CommandOption: Sendable {
    /// The option's name, value placeholder, help and default.
    var declaration: OptionDeclaration { get }
}

/// An option that takes a value: `--model <id>`, `--model=<id>`. Repeatable; the last one wins
/// unless all are read with ``ParsedArguments/values(of:)``.
public struct ValueOption: CommandOption {
    public let declaration: OptionDeclaration

    /// `--name <valueName>`, read as `defaultValue` when not given.
    public init(_ name: String, value valueName: String, default defaultValue: String? = nil, help: String) {
        declaration = OptionDeclaration(name: name, valueName: valueName, help: help, defaultValue: defaultValue)
    }
}

/// An option that takes no value: `--check`.
public struct FlagOption: CommandOption {
    public let declaration: OptionDeclaration

    /// `--name`.
    public init(_ name: String, help: String) {
        declaration = OptionDeclaration(name: name, valueName: nil, help: help, defaultValue: nil)
    }
}

/// A command's options and arguments, for parsing and for `--help`.
public struct CommandSpec: Sendable {
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
    public var options: [OptionDeclaration]
    public var discussion: String?

    public init(name: String, abstract: String, arguments: [Argument] = [], options: [any CommandOption] = [], discussion: String? = nil) {
        self.name = name
        self.abstract = abstract
        self.arguments = arguments
        self.options = options.map(\.declaration)
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
        var parsed = ParsedArguments(command: name)
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
                parsed.flags.insert(option)
            } else if let inlineValue {
                parsed.values[option, default: []].append(inlineValue)
            } else {
                guard index < rawArguments.count else {
                    throw UsageError("option '--\(name)' needs a value <\(option.valueName!)>", command: self.name)
                }
                parsed.values[option, default: []].append(rawArguments[index])
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
    /// `--help`; any other error exits 1 with its description. Both quote input (arguments, file
    /// names, provider text), so they are escaped for the terminal.
    public func run(_ arguments: [String], _ body: (ParsedArguments) async throws -> ExitStatus) async -> ExitStatus {
        do {
            let parsed = try parse(arguments)
            if parsed.wantsHelp {
                Console.out(help)
                return .success
            }
            return try await body(parsed)
        } catch let error as UsageError {
            Console.error(TerminalText.escaped(error.description, keepingLineBreaks: true) + "\n")
            return .usage
        } catch {
            Console.error(TerminalText.escaped("error: \(error)", keepingLineBreaks: true) + "\n")
            return .failure
        }
    }
}

/// The options and arguments of one invocation. Options are read with the constant that declares
/// them, never by name.
public struct ParsedArguments: Sendable {
    /// The command the arguments were parsed for (`kling validate`).
    public let command: String
    /// The arguments that are not options, in order.
    public var positionals: [String] = []
    /// Whether `-h` or `--help` was given.
    public var wantsHelp = false
    fileprivate var values: [OptionDeclaration: [String]] = [:]
    fileprivate var flags: Set<OptionDeclaration> = []

    /// No arguments yet, for the command named `command`.
    public init(command: String) {
        self.command = command
    }

    /// The last value given for the option, or its declared default.
    public subscript(option: ValueOption) -> String? {
        values[option.declaration]?.last ?? option.declaration.defaultValue
    }

    /// Every value given for a repeatable option, in order (the default is not included).
    public func values(of option: ValueOption) -> [String] {
        values[option.declaration] ?? []
    }

    /// Whether the option was given on the command line (its default does not count).
    public func isGiven(_ option: ValueOption) -> Bool {
        values[option.declaration] != nil
    }

    /// Whether the flag was given.
    public subscript(flag: FlagOption) -> Bool {
        flags.contains(flag.declaration)
    }

    /// The option's value, or a ``UsageError`` saying it is missing.
    public func required(_ option: ValueOption) throws(UsageError) -> String {
        guard let value = self[option] else { throw UsageError("missing option --\(option.declaration.name)", command: command) }
        return value
    }
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

