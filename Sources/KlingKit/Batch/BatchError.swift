import Foundation

/// Why a batch could not start or go on. Item failures are not errors: they are events and appear
/// in the ``BatchSummary``.
public enum BatchError: Error, Sendable, CustomStringConvertible, LocalizedError {
    /// The journal was written for another manifest (its items are not this manifest's). Nothing was
    /// sent and nothing was changed.
    case journalFromAnotherManifest(path: String, journalItems: Int, manifestItems: Int)
    /// Manifest lines changed (or were added or removed) since the journal was written. Nothing was
    /// sent and nothing was changed.
    case manifestChanged(path: String, changes: [String])
    /// Another run (in this process or another) is using the journal.
    case journalInUse(path: String)
    /// The journal cannot be read, or holds a record that cannot be read before its last line.
    case journalUnreadable(path: String, detail: String)
    /// A record could not be written durably; the batch stopped before acting on it.
    case journalUnwritable(path: String, detail: String)
    /// Files are already where this batch's results would go, and no journal says this batch wrote
    /// them. Nothing was sent and nothing was overwritten.
    case outputsExist(paths: [String])
    /// The journal store failed with an error of its own.
    case store(String)

    /// What happened and what to do.
    public var description: String {
        switch self {
        case .journalFromAnotherManifest(let path, let journalItems, let manifestItems):
            return "The journal \(path) belongs to another manifest (it records \(journalItems) item\(journalItems == 1 ? "" : "s") "
                + "none of which match the \(manifestItems) of this one). Nothing was sent or changed: use another output folder, "
                + "or run the manifest that journal was written for."
        case .manifestChanged(let path, let changes):
            let shown = changes.prefix(20).map { "  " + $0 }.joined(separator: "\n")
            let more = changes.count > 20 ? "\n  … and \(changes.count - 20) more" : ""
            return "The manifest changed since the journal \(path) was written; nothing was sent or changed:\n\(shown)\(more)\n"
                + "Restore those lines to finish that batch, or run the new manifest with another output folder."
        case .journalInUse(let path):
            return "Another run is using the journal \(path) (the same batch, still running). Nothing was sent; wait for it to end."
        case .journalUnreadable(let path, let detail):
            return "The journal \(path) cannot be read: \(detail). Nothing was sent or changed."
        case .journalUnwritable(let path, let detail):
            return "The journal \(path) cannot be written: \(detail). The batch stopped before acting on the unrecorded change; run it again once the disk is writable."
        case .outputsExist(let paths):
            let shown = paths.prefix(10).joined(separator: ", ")
            return "\(paths.count) output file\(paths.count == 1 ? "" : "s") already exist (\(shown)\(paths.count > 10 ? ", …" : "")) "
                + "and no journal in the output folder says this batch wrote them. Nothing was sent or overwritten: move them, or use another output folder."
        case .store(let detail):
            return "The batch journal failed: \(detail)"
        }
    }

    /// The same text as ``description``.
    public var errorDescription: String? { description }
}
