import Foundation

/// Where an item stands according to its journal.
public enum BatchItemState: Sendable, Hashable {
    /// Validated; nothing sent yet.
    case validated
    /// A submit was sent and no answer recorded: the provider may have accepted it.
    case submitting
    /// The submit failed ambiguously (a timeout, a dropped connection, a 5xx); the provider may
    /// have accepted it.
    case outcomeUnknown(detail: String)
    /// The provider refused the submit; no job exists, so it can be sent again.
    case refused(message: String)
    /// Accepted: the job runs on the provider.
    case submitted(KlingJob)
    /// The job succeeded; its result is not downloaded yet.
    case finished(KlingJob)
    /// The job failed on the provider.
    case failed(KlingJob?, status: String, message: String?, hint: String?)
    /// The result is on disk.
    case downloaded(KlingJob?, files: [BatchFile])
}

/// The journal read back: the manifest it was written for and each item's last state.
struct BatchLedger {
    var isNew: Bool
    var states: [String: BatchItemState] = [:]

    /// Folds the records and checks them against the manifest.
    /// - Throws: ``BatchError`` when the journal belongs to another manifest or lines changed.
    init(records: [BatchJournalRecord], manifest: BatchManifest, journalPath: String) throws(BatchError) {
        guard let first = records.first else {
            isNew = true
            return
        }
        guard case .validated(let fingerprint, let digests) = first else {
            throw .journalUnreadable(path: journalPath, detail: "its first line is not the validated manifest")
        }
        isNew = false
        if fingerprint != manifest.fingerprint {
            try Self.compare(digests, with: manifest, journalPath: journalPath)
        }
        var jobs: [String: KlingJob] = [:]
        for record in records.dropFirst() {
            guard let id = record.itemID else {
                throw .journalUnreadable(path: journalPath, detail: "it records the manifest twice")
            }
            switch record {
            case .validated: break
            case .submitting: states[id] = .submitting
            case .outcomeUnknown(_, let detail): states[id] = .outcomeUnknown(detail: detail)
            case .refused(_, let message): states[id] = .refused(message: message)
            case .submitted(_, let job):
                jobs[id] = job
                states[id] = .submitted(job)
            case .finished:
                guard let job = jobs[id] else { throw .journalUnreadable(path: journalPath, detail: "item \(id) finished without a recorded job") }
                states[id] = .finished(job)
            case .failed(_, let status, let message, let hint):
                states[id] = .failed(jobs[id], status: status, message: message, hint: hint)
            case .downloaded(_, let files):
                states[id] = .downloaded(jobs[id], files: files)
            }
        }
    }

    func state(of id: String) -> BatchItemState {
        states[id] ?? .validated
    }

    private static func compare(_ digests: [BatchJournalRecord.ItemDigest], with manifest: BatchManifest, journalPath: String) throws(BatchError) {
        let recorded = Dictionary(digests.map { ($0.id, $0.contentHash) }, uniquingKeysWith: { first, _ in first })
        let current = Set(manifest.items.map(\.id))
        guard manifest.items.contains(where: { recorded[$0.id] != nil }) else {
            throw .journalFromAnotherManifest(path: journalPath, journalItems: digests.count, manifestItems: manifest.items.count)
        }
        var changes: [String] = []
        for item in manifest.items {
            switch recorded[item.id] {
            case nil: changes.append("line \(item.line) (id \"\(item.id)\") was added")
            case let hash? where hash != item.contentHash: changes.append("line \(item.line) (id \"\(item.id)\") changed")
            default: break
            }
        }
        for digest in digests where !current.contains(digest.id) {
            changes.append("id \"\(digest.id)\" was removed")
        }
        // Lines only moved: the same items, the same content.
        if !changes.isEmpty { throw .manifestChanged(path: journalPath, changes: changes) }
    }
}
