extension Duration {
    /// The duration in seconds, as a `Double`.
    var inSeconds: Double {
        let parts = components
        return Double(parts.seconds) + Double(parts.attoseconds) * 1e-18
    }

    /// A duration of `seconds` (negative values become zero).
    static func seconds(double seconds: Double) -> Duration {
        .nanoseconds(Int64((max(0, seconds) * 1e9).rounded()))
    }

    /// A short human reading: `45s`, `2m05s`, `1h02m`.
    var humanReadable: String {
        let total = Int(inSeconds.rounded())
        if total < 60 { return inSeconds < 10 && inSeconds != inSeconds.rounded() ? String(format: "%.1fs", inSeconds) : "\(total)s" }
        if total < 3600 { return String(format: "%dm%02ds", total / 60, total % 60) }
        return String(format: "%dh%02dm", total / 3600, (total % 3600) / 60)
    }
}
