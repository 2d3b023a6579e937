import Foundation

/// Deletes that complete asynchronously (reference §3.5 item 6: Terraform polls GET until 404 after a DELETE).
///
/// With `EmulatorOptions.asyncDeleteRequests` N > 0, a DELETE is accepted at once but the object lives on for
/// the next N requests of its org: a GET of it answers it with status `Deleting` (deployments and
/// configurations) or state `deleted` (schedules and groups), listings no longer show it, and what it still
/// refers to cannot be deleted yet (409 `resource.conflict` for a configuration a deleting deployment uses,
/// 409 `general.conflict` for a schedule a deleting group names). Time is counted in requests, not seconds,
/// so tests drive it without a clock.
struct PendingDelete: Sendable {
    var orgID: String
    var requestsLeft: Int
}

extension EmulatorState {
    /// Whether a delete of `id` was accepted and has not completed yet.
    func isDeleting(_ id: String) -> Bool { pendingDeletes[id] != nil }

    /// Accepts a delete: at once when deletes are synchronous (`true`), else queues it (`false`).
    func deferDelete(_ id: String, org: String) -> Bool {
        guard asyncDeleteRequests > 0 else { return true }
        if pendingDeletes[id] == nil { pendingDeletes[id] = PendingDelete(orgID: org, requestsLeft: asyncDeleteRequests) }
        return false
    }

    /// One request of `org` went by: pending deletes of that org move on, and finished ones disappear.
    func advanceDeletes(org: String) {
        for (id, pending) in pendingDeletes where pending.orgID == org {
            if pending.requestsLeft > 1 {
                pendingDeletes[id]?.requestsLeft -= 1
                continue
            }
            pendingDeletes[id] = nil
            objects[org]?.deployments.removeAll { $0.body["id"]?.stringValue == id }
            objects[org]?.configurations.removeAll { $0.id == id }
            objects[org]?.schedules.removeAll { $0["id"]?.stringValue == id }
            objects[org]?.scheduleGroups.removeAll { $0["id"]?.stringValue == id }
            persist()
        }
    }
}
