/// "Did you mean …?": the known key nearest to a misspelt one, by Levenshtein distance.
public enum KeySuggestion {
    /// The candidate nearest to `key`, when it is close enough to be a plausible typo
    /// (distance at most a third of the key's length, and at least 2 allowed).
    public static func nearest(to key: String, in candidates: [String]) -> String? {
        let lowered = key.lowercased()
        var best: (name: String, distance: Int)?
        for candidate in candidates {
            let d = distance(lowered, candidate.lowercased())
            if best == nil || d < best!.distance { best = (candidate, d) }
        }
        guard let best, best.distance <= max(2, key.count / 3) else { return nil }
        return best.name
    }

    /// Levenshtein edit distance over characters, in O(n·m) time and O(m) memory.
    public static func distance(_ a: String, _ b: String) -> Int {
        let a = Array(a), b = Array(b)
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
            }
            swap(&previous, &current)
        }
        return previous[b.count]
    }
}
