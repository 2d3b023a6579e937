import Foundation
import GenesysCloud
import GenesysEmulator
import Synchronization

/// The org's second writer, the "Admin UI user": edits managed and unmanaged fields of the configuration
/// draft at random moments and publishes, as a person in the Genesys Cloud UI would.
///
/// An edit is repeated (re-reading the draft each time) until it succeeds, so the last value the admin
/// wrote to an unmanaged field is known for certain when the soak ends.
final class AdminUser: Sendable {
    /// The unmanaged field the admin edits; tenant files never name `position`.
    static let unmanagedPath = ["position", "sideSpace"]
    /// Colours the admin picks for the managed `messenger.styles.primaryColor`.
    static let colours = ["#8B0000", "#004D40", "#1A237E", "#4A148C", "#263238"]

    struct Record: Sendable {
        var managedEdits = 0
        var unmanagedEdits = 0
        /// Failed attempts that were repeated.
        var retries = 0
        var publishes = 0
        /// The value of `position.sideSpace` the admin last wrote successfully.
        var lastUnmanaged: Int?
        /// A value whose write was attempted but never confirmed (it may or may not have been applied).
        var unconfirmedUnmanaged: Int?
    }

    let file: BenchFleet.TenantFile
    private let client: GenesysCloudClient
    private let record = Mutex(Record())
    private let stopping = Atomic<Bool>(false)

    init(file: BenchFleet.TenantFile, client: GenesysCloudClient) {
        self.file = file
        self.client = client
    }

    var snapshot: Record { record.withLock { $0 } }

    /// Asks the admin to stop after the edit in progress (which is completed, publish included).
    func stop() { stopping.store(true, ordering: .relaxed) }

    /// Edits until asked to stop, pausing 0.5–3 s between edits.
    func run() async {
        while !stopping.load(ordering: .relaxed) {
            try? await Task.sleep(for: .milliseconds(Int.random(in: 500...3000)))
            if stopping.load(ordering: .relaxed) { break }
            await editUntilDone(unmanaged: Bool.random())
        }
    }

    private func editUntilDone(unmanaged: Bool) async {
        let newSide = Int.random(in: 0...200)
        let useColour = Bool.random()
        let colour = Self.colours.randomElement()!
        let description = "Edited in the UI \(UUID().uuidString.prefix(8))"
        var written = false
        // After the stop signal the faults are off; 50 attempts bound a run that cannot finish.
        for _ in 0..<50 {
            do {
                let configurations = try await client.listConfigurations()
                guard let id = configurations.first(where: { $0.fields["name"]?.stringValue == file.configurationName })?
                    .fields["id"]?.stringValue
                else { return }
                if !written {
                    var draft = JSONValue.object(try await client.configurationDraft(id: id).fields)
                    if unmanaged {
                        var position = draft["position"] ?? .object([:])
                        position["sideSpace"] = .number(Double(newSide))
                        draft["position"] = position
                    } else if useColour {
                        var messenger = draft["messenger"] ?? .object([:])
                        var styles = messenger["styles"] ?? .object([:])
                        styles["primaryColor"] = .string(colour)
                        messenger["styles"] = styles
                        draft["messenger"] = messenger
                    } else {
                        draft["description"] = .string(description)
                    }
                    if unmanaged { record.withLock { $0.unconfirmedUnmanaged = newSide } }
                    _ = try await client.replaceConfigurationDraft(id: id, with: ConfigurationVersion(fields: draft.objectValue ?? [:]))
                    written = true
                    record.withLock { r in
                        if unmanaged {
                            r.unmanagedEdits += 1
                            r.lastUnmanaged = newSide
                            r.unconfirmedUnmanaged = nil
                        } else {
                            r.managedEdits += 1
                        }
                    }
                }
                // Publishing needs the draft Active first (reference §3.5 item 5).
                for _ in 0..<100 {
                    if try await client.configurationDraft(id: id).fields["status"]?.stringValue == "Active" { break }
                    try await Task.sleep(for: .milliseconds(25))
                }
                _ = try await client.publishConfigurationDraft(id: id)
                record.withLock { $0.publishes += 1 }
                return
            } catch {
                record.withLock { $0.retries += 1 }
                try? await Task.sleep(for: .milliseconds(Int.random(in: 100...500)))
            }
        }
    }
}
