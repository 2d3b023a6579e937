/// `--shard K/N`: a deterministic split of tenants by name, so a CI matrix runs one shard per job and
/// every tenant lands in exactly one shard, whatever order files are listed in.
public struct Shard: Sendable, Hashable, CustomStringConvertible {
    public let index: Int
    public let count: Int

    /// Parses `K/N` with 1 ≤ K ≤ N.
    public init?(_ text: String) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            return nil
        }
        index = k
        count = n
    }

    public var description: String { "\(index)/\(count)" }

    /// Whether the tenant belongs to this shard: FNV-1a of the name, so adding a tenant never moves others.
    public func contains(_ tenantName: String) -> Bool {
        Int(Self.fnv1a(tenantName) % UInt64(count)) == index - 1
    }

    static func fnv1a(_ text: String) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in text.utf8 {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01b3
        }
        return hash
    }
}
