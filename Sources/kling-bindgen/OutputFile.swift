#if canImport(FoundationEssentials)
import FoundationEssentials
#else
import Foundation
#endif
import KlingPlatform

/// Writes generated files: only when their content changed, and atomically (a temporary file beside
/// the target, renamed over it), so a build never compiles half a file. Without fsync: generated
/// sources are reproducible, so durability across a power loss is not worth a disk flush per file.
enum OutputFile {
    /// Writes `text` to `url` unless the file already holds exactly that; returns whether it wrote.
    /// The folder must exist.
    static func writeIfChanged(_ text: String, to url: URL) throws -> Bool {
        let data = Data(text.utf8)
        if FileManager.default.contents(atPath: url.path) == data { return false }
        let temporary = url.deletingLastPathComponent()
            .appendingPathComponent(".\(url.lastPathComponent).\(UInt32.random(in: .min ... .max)).tmp")
        let descriptor = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o644)
        guard descriptor >= 0 else { throw failure("cannot create", temporary) }
        let written = data.withUnsafeBytes { writeAll($0, to: descriptor) }
        let closed = close(descriptor) == 0
        guard written, closed, rename(temporary.path, url.path) == 0 else {
            let error = failure("cannot write", url)
            unlink(temporary.path)
            throw error
        }
        return true
    }

    private static func failure(_ what: String, _ url: URL) -> WriteFailure {
        WriteFailure(description: "\(what) \(url.path): \(String(cString: strerror(errno)))")
    }

    /// A generated file that could not be written.
    struct WriteFailure: Error, CustomStringConvertible {
        var description: String
    }
}
