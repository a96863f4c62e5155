import Dispatch
import Foundation
import KlingPlatform

/// The default journal: an append-only JSON Lines file, one record per line, flushed to disk
/// (`fsync`) before each append returns.
///
/// Appends from concurrent items are committed in groups: whatever arrives while a flush is running
/// is written and flushed together by the next one, so a batch of hundreds of items pays for a few
/// flushes at a time, not one per record, and no append returns before its own record is on disk.
/// The file is created exclusively, and its folder flushed, so a journal never silently replaces another.
public final class FileJournalStore: BatchJournalStore, @unchecked Sendable {
    /// The journal's name inside a batch's output folder.
    public static let defaultFileName = ".kling-batch.journal"

    /// The journal file's location; the first append creates the file when none exists.
    public let url: URL

    // Everything below is reached only under `lock`, or on `queue` by the one running flush.
    private let lock = NSLock()
    private let queue = DispatchQueue(label: "KlingKit.FileJournalStore")
    private var pending: [(line: Data, done: CheckedContinuation<Void, any Error>)] = []
    private var flushing = false
    private var descriptor: Int32 = -1
    /// The length of the complete records, once loaded: a torn tail beyond it is cut before the first
    /// append. Nil when no file existed (the first append creates it).
    private var completeLength: off_t?
    /// The journal's folder, held with an exclusive `flock` from ``load()`` on, so two runs never
    /// drive the same batch at once.
    private var folderLock: Int32 = -1

    /// Creates a store for the journal file at `url`; nothing is read or written until ``load()``.
    public init(url: URL) {
        self.url = url
    }

    /// The journal of a batch whose results go to `directory`.
    public convenience init(directory: URL) {
        self.init(url: directory.appendingPathComponent(Self.defaultFileName))
    }

    deinit {
        if descriptor >= 0 { _ = KlingPlatform.close(descriptor) }
        if folderLock >= 0 { _ = KlingPlatform.close(folderLock) }
    }

    /// Reads the journal; an absent file is an empty journal. Takes the journal's folder for this
    /// store until it is released: another store (in this process or another) cannot load it meanwhile.
    /// - Throws: ``BatchError/journalInUse(path:)`` while another run holds the folder,
    ///   ``BatchError/journalUnreadable(path:detail:)`` for a file that cannot be read or a record
    ///   that cannot be read before the last line.
    public func load() async throws -> BatchJournalContents {
        try lockFolder()
        let data: Data
        do {
            data = try Data(contentsOf: url)
        } catch {
            if !FileManager.default.fileExists(atPath: url.path) {
                lock.withLock { completeLength = nil }
                return BatchJournalContents(records: [])
            }
            throw BatchError.journalUnreadable(path: url.path, detail: "\(error.localizedDescription)")
        }
        var records: [BatchJournalRecord] = []
        var offset = data.startIndex
        var lineNumber = 0
        while offset < data.endIndex {
            lineNumber += 1
            guard let newline = data[offset...].firstIndex(of: UInt8(ascii: "\n")) else {
                // An unterminated last line: written partly when the process died.
                lock.withLock { completeLength = off_t(offset - data.startIndex) }
                return BatchJournalContents(records: records, tornTail: Data(data[offset...]))
            }
            guard let record = BatchJournalRecord(jsonLine: data[offset..<newline]) else {
                if newline + 1 == data.endIndex {
                    lock.withLock { completeLength = off_t(offset - data.startIndex) }
                    return BatchJournalContents(records: records, tornTail: Data(data[offset...]))
                }
                throw BatchError.journalUnreadable(path: url.path, detail: "line \(lineNumber) is not a journal record")
            }
            records.append(record)
            offset = newline + 1
        }
        lock.withLock { completeLength = off_t(data.count) }
        return BatchJournalContents(records: records)
    }

    /// Appends the records and returns once they are on disk.
    public func append(_ records: [BatchJournalRecord]) async throws {
        guard !records.isEmpty else { return }
        var line = Data()
        for record in records {
            line.append(contentsOf: record.jsonLine.utf8)
            line.append(UInt8(ascii: "\n"))
        }
        try await withCheckedThrowingContinuation { (done: CheckedContinuation<Void, any Error>) in
            let start = lock.withLock { () -> Bool in
                pending.append((line, done))
                defer { flushing = true }
                return !flushing
            }
            if start { queue.async { self.flushAll() } }
        }
    }

    /// Writes and flushes everything pending, group after group, until nothing is left.
    private func flushAll() {
        while true {
            let group = lock.withLock { () -> [(line: Data, done: CheckedContinuation<Void, any Error>)] in
                let group = pending
                pending.removeAll()
                if group.isEmpty { flushing = false }
                return group
            }
            if group.isEmpty { return }
            var bytes = Data()
            for entry in group { bytes.append(entry.line) }
            let failure = write(bytes)
            for entry in group {
                if let failure { entry.done.resume(throwing: failure) } else { entry.done.resume() }
            }
        }
    }

    /// Writes `bytes` at the end of the file and flushes it; the error, if any.
    private func write(_ bytes: Data) -> BatchError? {
        do {
            let descriptor = try openForAppending()
            guard bytes.withUnsafeBytes({ writeAll($0, to: descriptor) }) else { throw failure("cannot write") }
            while fsync(descriptor) != 0 {
                guard errno == EINTR else { throw failure("cannot flush to disk") }
            }
            return nil
        } catch let error as BatchError {
            return error
        } catch {
            return failure("\(error)")
        }
    }

    /// Opens the file once: cuts a torn tail, or creates the file exclusively and flushes its folder.
    private func openForAppending() throws -> Int32 {
        if descriptor >= 0 { return descriptor }
        let length = lock.withLock { completeLength }
        if let length {
            // The file exists: append to it, after cutting an unfinished last line (even a torn first one).
            descriptor = open(url.path, O_WRONLY | O_APPEND | O_CLOEXEC)
            guard descriptor >= 0 else { throw failure("cannot open") }
            if lseek(descriptor, 0, SEEK_END) > length {
                guard ftruncate(descriptor, length) == 0 else { throw failure("cannot cut the unfinished last line") }
            }
            return descriptor
        }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw failure("cannot create the folder \(folder.path)")
        }
        descriptor = open(url.path, O_WRONLY | O_APPEND | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else {
            throw failure(errno == EEXIST ? "another batch created it meanwhile" : "cannot create")
        }
        let folderDescriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        if folderDescriptor >= 0 {
            _ = fsync(folderDescriptor)
            _ = KlingPlatform.close(folderDescriptor)
        }
        return descriptor
    }

    /// Closes the file and lets go of the journal's folder (after any append in progress). The
    /// store can be loaded again afterwards.
    public func close() async {
        await withCheckedContinuation { (done: CheckedContinuation<Void, Never>) in
            queue.async {
                if self.descriptor >= 0 {
                    _ = KlingPlatform.close(self.descriptor)
                    self.descriptor = -1
                }
                self.lock.withLock {
                    self.completeLength = nil
                    if self.folderLock >= 0 {
                        _ = KlingPlatform.close(self.folderLock)
                        self.folderLock = -1
                    }
                }
                done.resume()
            }
        }
    }

    private func lockFolder() throws {
        let held = lock.withLock { folderLock >= 0 }
        if held { return }
        let folder = url.deletingLastPathComponent()
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            throw BatchError.journalUnreadable(path: url.path, detail: "its folder cannot be created")
        }
        let descriptor = open(folder.path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw BatchError.journalUnreadable(path: url.path, detail: "its folder cannot be opened") }
        guard flock(descriptor, LOCK_EX | LOCK_NB) == 0 else {
            _ = KlingPlatform.close(descriptor)
            throw BatchError.journalInUse(path: url.path)
        }
        lock.withLock { folderLock = descriptor }
    }

    private func failure(_ what: String) -> BatchError {
        .journalUnwritable(path: url.path, detail: "\(what): \(String(cString: strerror(errno)))")
    }
}
