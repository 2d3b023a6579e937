import Foundation
import GenesysCloud

/// Creation that converges when several applies create the same object at once.
///
/// The API has no lock and does not keep names unique (reference §5.4), so after every create the
/// applier looks again by name. When another writer created an object of the same kind and name,
/// every racer keeps the same survivor (``DuplicateRule``) and deletes only its own copy, before
/// anything refers to that copy.
extension TenantApplier {
    /// What a create turned into after looking again.
    struct Converged {
        /// The id to use from now on: ours, or the survivor another writer created.
        var id: String
        /// Set when our copy was removed in favour of another writer's object.
        var survivor: [String: JSONValue]?
    }

    func converge(kind: ObjectKind, name: String, created id: String) async throws -> Converged {
        let sameName = try await liveObjects(kind).filter { $0["name"]?.stringValue == name }
        guard sameName.count > 1, let survivor = DuplicateRule.ordered(sameName).first,
            let survivorId = survivor["id"]?.stringValue, survivorId != id
        else { return Converged(id: id, survivor: nil) }
        var failure: GenesysError?
        do {
            try await kind.managed.delete(client, id: id)
        } catch {
            failure = error
        }
        // Already gone is fine: another racer's view of the same rule, or a retried DELETE.
        if let failure, !failure.isNotFound { throw failure }
        return Converged(id: survivorId, survivor: survivor)
    }

    /// Every live object of a kind, as fields.
    func liveObjects(_ kind: ObjectKind) async throws -> [[String: JSONValue]] {
        try await kind.managed.list(client)
    }

    /// Whether every field the file manages already has the wanted value in `live`.
    static func satisfies(_ desired: JSONValue, live: JSONValue?) -> Bool {
        JSONTree.leaves(of: desired).allSatisfy { leaf in
            JSONTree.matches(desired: leaf.value, live: JSONTree.value(at: leaf.path, in: live), path: leaf.path)
        }
    }

    /// Polls the configuration's versions until one newer than `after` is published, for a draft
    /// another apply wrote and is about to publish (bounded by the activation timeout).
    func awaitPublished(
        configurationId id: String, after: String?, what: String, timeout: Duration? = nil
    ) async throws -> ConfigurationVersion? {
        var found: ConfigurationVersion?
        let floor = after.flatMap { Int($0) } ?? 0
        do {
            try await waitUntil(what, timeout: timeout) {
                found = try await LiveState.latestPublished(client: client, configurationId: id)
                return (found.flatMap(LiveState.publishedNumber) ?? 0) > floor
            }
        } catch is ReconcilerError {
            return nil
        }
        return found
    }
}
