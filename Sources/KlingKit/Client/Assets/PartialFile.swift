import Foundation
import KlingPlatform

/// The temporary file a download writes, beside its destination: `.<name>.<8 random characters>.download`.
///
/// The file is held under an exclusive advisory lock (`flock`) for as long as its download runs. The
/// system releases that lock when the process ends, however it ends, so a partial file whose lock can
/// be taken belongs to a download that is over (a process killed with SIGKILL, a power loss): the next
/// download to the same destination removes it (``removeAbandoned(beside:)``). A partial file is never
/// the destination itself, so it is never mistaken for a finished one.
final class PartialFile {
    /// The partial file's path.
    let url: URL
    /// The open, locked descriptor; -1 once closed.
    private var descriptor: Int32

    /// The name prefix and suffix of the partial files of `destination`.
    static func nameParts(of destination: URL) -> (prefix: String, suffix: String) {
        (".\(destination.lastPathComponent).", ".download")
    }

    /// Creates and locks a new partial file beside `destination`.
    init(beside destination: URL) throws(PartialFileError) {
        let directory = destination.deletingLastPathComponent()
        let (prefix, suffix) = Self.nameParts(of: destination)
        while true {
            let url = directory.appendingPathComponent(prefix + UUID().uuidString.prefix(8) + suffix)
            let descriptor = open(url.path, O_RDWR | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
            guard descriptor >= 0 else {
                if errno == EEXIST { continue }
                throw PartialFileError("cannot create a file in \(directory.path): \(String(cString: strerror(errno)))")
            }
            // Another download's clean-up may have removed the file between open and flock (it took
            // the lock first): then the lock is on a file that has no name any more; start over.
            guard flock(descriptor, LOCK_EX) == 0, Self.names(url.path, descriptor) else {
                close(descriptor)
                continue
            }
            self.url = url
            self.descriptor = descriptor
            return
        }
    }

    deinit {
        discard()
    }

    /// Empties the file for a new attempt and returns a handle that writes it from the start. The
    /// handle has a descriptor of its own; closing it keeps the lock.
    func handleForNewAttempt() throws(PartialFileError) -> FileHandle {
        guard descriptor >= 0, ftruncate(descriptor, 0) == 0, lseek(descriptor, 0, SEEK_SET) == 0 else {
            throw PartialFileError("cannot empty \(url.path): \(String(cString: strerror(errno)))")
        }
        let copy = dup(descriptor)
        guard copy >= 0 else { throw PartialFileError("cannot open \(url.path): \(String(cString: strerror(errno)))") }
        return FileHandle(fileDescriptor: copy, closeOnDealloc: true)
    }

    /// Moves the complete file to `destination`, atomically replacing any file there, and releases it.
    func commit(to destination: URL) throws(PartialFileError) {
        guard rename(url.path, destination.path) == 0 else {
            throw PartialFileError("cannot move the file into place: \(String(cString: strerror(errno)))")
        }
        close(descriptor)
        descriptor = -1
    }

    /// Removes the partial file (unless it was committed) and releases its lock. Idempotent.
    func discard() {
        guard descriptor >= 0 else { return }
        unlink(url.path)
        close(descriptor)
        descriptor = -1
    }

    /// Removes the partial files of `destination` that no running download holds.
    static func removeAbandoned(beside destination: URL) {
        let directory = destination.deletingLastPathComponent()
        let (prefix, suffix) = nameParts(of: destination)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path)) ?? []
        for name in names where name.hasPrefix(prefix) && name.hasSuffix(suffix) && name.count == prefix.count + 8 + suffix.count {
            let path = directory.appendingPathComponent(name).path
            let descriptor = open(path, O_RDWR | O_CLOEXEC)
            guard descriptor >= 0 else { continue }
            if flock(descriptor, LOCK_EX | LOCK_NB) == 0, Self.names(path, descriptor) {
                unlink(path)
            }
            close(descriptor)
        }
    }

    /// Whether `path` still names the file open as `descriptor`.
    private static func names(_ path: String, _ descriptor: Int32) -> Bool {
        var byPath = stat()
        var byDescriptor = stat()
        guard stat(path, &byPath) == 0, fstat(descriptor, &byDescriptor) == 0 else { return false }
        return byPath.st_dev == byDescriptor.st_dev && byPath.st_ino == byDescriptor.st_ino
    }
}

/// A partial file that could not be created, written or moved; the message says why.
struct PartialFileError: Error {
    var message: String

    init(_ message: String) {
        self.message = message
    }
}
