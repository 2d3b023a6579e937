import GenesysCloud
import Testing

@testable import Reconciler

/// A field's path is its keys; a key holding `.` stays one key from the plan to the applier's check.
@Suite struct FieldPathTests {
    @Test func aKeyHoldingADotIsWrittenQuotedAndOrdinaryKeysReadAsBefore() {
        #expect(FieldPath(["messenger", "styles", "primaryColor"]).text == "messenger.styles.primaryColor")
        #expect(FieldPath(["labels", "a.b"]).text == #"labels["a.b"]"#)
        #expect(FieldPath(["a.b", "c"]).text == #"["a.b"].c"#)
        #expect(FieldPath(["labels", "a.b"]).text != FieldPath(["labels", "a", "b"]).text)
        #expect(FieldPath(["labels"]).encloses(FieldPath(["labels", "a.b"])))
    }

    @Test func aManagedKeyHoldingADotIsPlannedAtItsKeysAndIsNoConflictWhenNobodyMovedIt() async throws {
        let styles: JSONValue = ["x.y": "1", "primaryColor": "#0052CC"]
        let tenant = PlannerTests.tenant(configuration: ["name": "support", "messenger": ["styles": styles]], deployment: false)
        let live = PlannerTests.live(
            draft: ["name": "support", "messenger": ["styles": ["x.y": "2", "primaryColor": "#0052CC"]]],
            published: ["name": "support", "messenger": ["styles": ["x.y": "2", "primaryColor": "#0052CC"]], "version": "3"])
        let planned = try Planner(tenant: tenant).plan(live: live)
        let object = try #require(planned.objects.first { $0.kind == .configuration })
        let change = try #require(object.changes.first)
        #expect(change.field?.components == ["messenger", "styles", "x.y"])
        #expect(change.path == #"messenger.styles["x.y"]"#)
        #expect(change.before == "2")
        #expect(object.precondition?.base?[change.path] == "2")

        // The org still holds what plan saw: the applier's check reads the same key, so no conflict.
        let now = JSONValue.object(live.configurations[0].fields)
        var tenantPlan = TenantPlan.empty(for: tenant)
        tenantPlan.objects = planned.objects
        // A client that is never called: the check compares values already read.
        let transport = GenesysTransport()
        let client = GenesysCloudClient(
            region: Region.named("eu-west-1")!, credentials: ClientCredentials(clientId: "c", clientSecret: Secret("s")),
            endpoints: try EndpointResolver(template: "http://127.0.0.1:9/{region}"), transport: transport)
        let applier = TenantApplier(plan: tenantPlan, client: client, options: ApplyOptions(), activationTimeout: .seconds(1))
        #expect(applier.conflictingFields(object, now: now).isEmpty)

        // Another writer changes that very key: a conflict naming it, with both values.
        var moved = now
        moved["messenger"]?["styles"]?["x.y"] = "9"
        let conflicts = applier.conflictingFields(object, now: moved)
        #expect(conflicts.map(\.path) == [#"messenger.styles["x.y"]"#])
        #expect(conflicts.first?.theirs == "9")
        try await transport.shutdown()
    }
}
