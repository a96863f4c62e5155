import Foundation

/// What a journal holds when a batch starts.
public struct BatchJournalContents: Sendable {
    /// Every complete record, in the order written (empty for a new journal).
    public var records: [BatchJournalRecord]
    /// The bytes of an unfinished last line (the process died while writing it), which were not
    /// read as a record. The state change it stood for never took effect: the journal is written
    /// and flushed before the batch acts.
    public var tornTail: Data?

    /// Creates what a store read: its complete records and, if any, an unfinished last line.
    public init(records: [BatchJournalRecord], tornTail: Data? = nil) {
        self.records = records
        self.tornTail = tornTail
    }
}

/// Where a batch keeps its journal. The batch loads it once when it starts and then only appends;
/// `append` must return only once the records are durable (a crash right after it loses nothing),
/// because the batch acts on a state change (sends a submit, downloads) only after recording it.
///
/// ``FileJournalStore`` is the default. An app can keep the journal elsewhere (a database row per
/// record, for instance) as long as appends are durable and ordered.
public protocol BatchJournalStore: Sendable {
    /// Everything recorded so far. A store must report a record it cannot read as an error, except
    /// an unfinished last one, which it returns as ``BatchJournalContents/tornTail``.
    func load() async throws -> BatchJournalContents
    /// Appends records, in order, and returns once they are durable.
    func append(_ records: [BatchJournalRecord]) async throws
    /// Called when the run using the journal ends, however it ends: release what `load` took.
    func close() async
}

extension BatchJournalStore {
    /// Does nothing: a store that holds no lock or file needs no closing.
    public func close() async {}
}

/// A journal kept in memory: durable only as long as the process lives. For tests and previews.
public final class InMemoryJournalStore: BatchJournalStore, @unchecked Sendable {
    private let lock = NSLock()
    private var stored: [BatchJournalRecord]

    /// Creates a journal that starts with `records`, as if a run had written them.
    public init(records: [BatchJournalRecord] = []) {
        stored = records
    }

    /// Every record appended so far.
    public var records: [BatchJournalRecord] {
        lock.withLock { stored }
    }

    /// Everything appended so far; a journal in memory never has a torn tail.
    public func load() async throws -> BatchJournalContents {
        BatchJournalContents(records: records)
    }

    /// Appends to the records in memory; durable until the process ends.
    public func append(_ records: [BatchJournalRecord]) async throws {
        lock.withLock { stored += records }
    }
}
