import Foundation
import GenesysCloud

extension Fleet {
    /// Reads an org and writes it as a tenant file (or, with `asBase`, as a base for `extends:`).
    public func export(_ options: Exporter.Options) async throws -> Exporter.Result {
        let names = options.credentials
        let client = try context.client(region: options.region, credentials: names)
        let token = try await client.tokenInfo()
        guard let organizationId = token.fields["organization"]?["id"]?.stringValue else {
            throw ReconcilerError("GET /api/v2/tokens/me named no organization")
        }
        let live = try await LiveState.read(client: client)
        let catalog = context.referenceCatalogs.catalog(region: options.region, organizationId: organizationId, client: client)
        let references = try await ReferenceNaming.Table.read(live: live, catalog: catalog)
        return Exporter(options: options).export(live: live, organizationId: organizationId, references: references)
    }
}
