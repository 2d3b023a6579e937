import GenesysCloud
import Testing

@testable import Reconciler

/// The planner's decisions on live states built by hand (the end-to-end tests drive the same code
/// against the emulator over HTTP).
@Suite struct PlannerTests {
    static let here = SourceLocation(file: "tenants/t.yaml", line: 1, column: 1)

    static func tenant(
        configuration fields: [String: JSONValue], greetings: [String: Greeting] = [:], deployment: Bool = true,
        availability: [DesiredAvailability] = [], ignore: [IgnoreRule] = []
    ) -> Tenant {
        Tenant(
            name: "t", file: "tenants/t.yaml", region: "eu-west-1", organizationId: "6a1e2b3c-4d5e-4f60-8a7b-9c0d1e2f3a4b",
            credentials: CredentialReferences(clientIdEnv: "T_ID", clientSecretEnv: "T_SECRET"),
            configurations: [DesiredConfiguration(name: "support", fields: fields, greetings: greetings, location: here)],
            deployments: deployment
                ? [DesiredDeployment(name: "web", configuration: "support", fields: ["name": "web"], location: here)] : [],
            availability: availability, ignore: ignore)
    }

    static func live(draft: JSONValue, published: JSONValue?, deploymentVersion: String = "1") -> LiveState {
        var draftFields = draft.objectValue!
        draftFields["id"] = "c1"
        draftFields["version"] = "DRAFT"
        draftFields["dateModified"] = "2026-11-25T09:00:00.000Z"
        var publishedMap: [String: ConfigurationVersion] = [:]
        if var p = published?.objectValue {
            p["id"] = "c1"
            p["version"] = p["version"] ?? "1"
            publishedMap["c1"] = ConfigurationVersion(fields: p)
        }
        return LiveState(
            objects: [
                .configuration: [draftFields],
                .deployment: [
                    [
                        "id": "d1", "name": "web", "configuration": ["id": "c1", "version": .string(deploymentVersion)],
                        "dateModified": "2026-11-25T09:00:00.000Z", "status": "Active",
                    ]
                ],
            ], published: publishedMap)
    }

    /// A deployment that follows the configuration targets the version apply will publish, which does
    /// not exist yet; one pinned to an existing version targets that version, which does.
    @Test func onlyAVersionApplyHasYetToPublishIsMarkedPending() throws {
        let live = Self.live(draft: ["name": "support", "description": "old"], published: ["name": "support", "description": "old", "version": "3"])
        var tenant = Self.tenant(configuration: ["name": "support", "description": "new"])
        let following = try Planner(tenant: tenant).plan(live: live).objects.first { $0.kind == .deployment }
        #expect(following?.changes.first { $0.path == "configuration.version" }?.pendingPublish == true)

        tenant.deployments = [DesiredDeployment(name: "web", configuration: "support", pinnedVersion: 2, fields: ["name": "web"], location: Self.here)]
        let pinned = try Planner(tenant: tenant).plan(live: live).objects.first { $0.kind == .deployment }
        let change = pinned?.changes.first { $0.path == "configuration.version" }
        #expect(change?.after == "2")
        #expect(change?.pendingPublish == nil)
    }

    @Test func inSyncMeansNoChange() throws {
        let state: JSONValue = ["name": "support", "messenger": ["launcherButton": ["visibility": "On"]]]
        let plan = try Planner(tenant: Self.tenant(configuration: state.objectValue!)).plan(
            live: Self.live(draft: state, published: state))
        #expect(plan.objects.allSatisfy { $0.action == .none })
    }

    @Test func changedFieldIsAnUpdateThatPublishesTheNextVersion() throws {
        let live: JSONValue = ["name": "support", "messenger": ["launcherButton": ["visibility": "Off"]], "version": "3"]
        let desired: [String: JSONValue] = ["name": "support", "messenger": ["launcherButton": ["visibility": "On"]]]
        let plan = try Planner(tenant: Self.tenant(configuration: desired)).plan(
            live: Self.live(draft: live, published: live, deploymentVersion: "3"))
        let configuration = try #require(plan.objects.first { $0.kind == .configuration })
        #expect(configuration.action == .update)
        #expect(configuration.changes == [FieldChange(field: FieldPath(["messenger", "launcherButton", "visibility"]), before: "Off", after: "On")])
        #expect(configuration.expectedVersion == "4")
        #expect(configuration.precondition?.publishedVersion == "3")
        let deployment = try #require(plan.objects.first { $0.kind == .deployment })
        #expect(deployment.action == .update)
        #expect(deployment.changes.first?.path == "configuration.version")
        #expect(deployment.changes.first?.after == "4")
    }

    @Test func aDraftThatWasNeverPublishedIsPublishedEvenWhenItMatches() throws {
        let state: JSONValue = ["name": "support", "messenger": ["enabled": true]]
        let plan = try Planner(tenant: Self.tenant(configuration: state.objectValue!)).plan(
            live: Self.live(draft: state, published: nil))
        let configuration = try #require(plan.objects.first { $0.kind == .configuration })
        #expect(configuration.action == .update)
        #expect(configuration.changes.map(\.path) == ["version"])
        #expect(configuration.changes.first?.after == "1")
        // Version 1 does not exist until apply publishes it: reports must not present it as live.
        #expect(configuration.changes.first?.pendingPublish == true)
        #expect(configuration.expectedVersion == "1")
        #expect(configuration.precondition?.publishedVersion == nil)
    }

    @Test func someoneElsesUnpublishedDraftEditIsFlagged() throws {
        let published: JSONValue = ["name": "support", "description": "old", "messenger": ["enabled": true]]
        let draft: JSONValue = ["name": "support", "description": "edited in the UI", "messenger": ["enabled": false]]
        let desired: [String: JSONValue] = ["name": "support", "messenger": ["enabled": true]]
        let plan = try Planner(tenant: Self.tenant(configuration: desired)).plan(live: Self.live(draft: draft, published: published))
        let configuration = try #require(plan.objects.first { $0.kind == .configuration })
        // Our field differs only in the draft: the change shows the draft value.
        #expect(configuration.changes.first?.draft == false)
        #expect(configuration.foreignDraftPaths == ["description"])
        #expect(plan.warnings.contains { $0.contains("unpublished draft edits") })
    }

    @Test func greetingsBecomeLabelsAndKeepOtherKeys() throws {
        let live: JSONValue = [
            "name": "support",
            "customI18nLabels": [
                ["language": "en-us", "localizedLabels": [["key": "PushNotificationTitle", "value": "New message"]]]
            ],
        ]
        let plan = try Planner(
            tenant: Self.tenant(configuration: ["name": "support"], greetings: ["en-us": Greeting(title: "Hello!")])
        ).plan(live: Self.live(draft: live, published: live))
        let configuration = try #require(plan.objects.first { $0.kind == .configuration })
        let labels = try #require(configuration.desired?["customI18nLabels"]?.arrayValue?.first?["localizedLabels"]?.arrayValue)
        #expect(labels.contains(["key": "PushNotificationTitle", "value": "New message"]))
        #expect(labels.contains(["key": "MessengerHomeHeaderTitle", "value": "Hello!"]))
    }

    @Test func ignoredFieldsAreListedNotPlanned() throws {
        let live: JSONValue = ["name": "support", "description": "theirs"]
        let tenant = Self.tenant(
            configuration: ["name": "support", "description": "ours"],
            ignore: [IgnoreRule(path: "configurations[support].description", reason: "owned by marketing", location: Self.here)])
        let plan = try Planner(tenant: tenant).plan(live: Self.live(draft: live, published: live))
        let configuration = try #require(plan.objects.first { $0.kind == .configuration })
        #expect(configuration.action == .none)
        #expect(configuration.ignored?.first?.path == "description")
        #expect(configuration.desired?["description"] == nil)
    }

    @Test func aNameMatchingTwoLiveObjectsKeepsTheOldestAndDeletesOnlyWhenAsked() throws {
        var live = Self.live(draft: ["name": "support"], published: ["name": "support"])
        live.configurations[0].fields["dateCreated"] = "2026-11-25T09:00:00.000Z"
        // Created later, and with a smaller id: the date decides, the id only breaks ties.
        live.configurations.append(
            ConfigurationVersion(fields: ["id": "a0", "name": "support", "dateCreated": "2026-11-25T09:00:00.001Z"]))
        let plan = try Planner(tenant: Self.tenant(configuration: ["name": "support"])).plan(live: live)
        #expect(plan.objects.first { $0.kind == .configuration }?.id == "c1")
        #expect(!plan.objects.contains { $0.action == .delete })
        #expect(plan.warnings.contains { $0.contains("keeps c1 (created 2026-11-25T09:00:00.000Z)") && $0.contains("a0 (created") })

        let removing = try Planner(tenant: Self.tenant(configuration: ["name": "support"]), removeDuplicates: true).plan(live: live)
        let delete = try #require(removing.objects.first { $0.action == .delete })
        #expect(delete.id == "a0")
        #expect(delete.duplicateOf == "c1")
        #expect(SafetyGuards().check(Plan(generatedAt: "", tenants: [
            TenantPlan(
                tenant: "t", file: "t.yaml", region: "eu-west-1", organizationId: "o",
                credentials: CredentialNames(clientIdEnv: "A", clientSecretEnv: "B"), error: nil, objects: removing.objects,
                warnings: [])
        ])).contains { $0.rule == "delete" })
    }

    @Test func availabilityBecomesWeeklySchedulesInLocalTimeAndAGroup() throws {
        let availability = DesiredAvailability(
            name: "eu-hours", timeZone: "Europe/Dublin",
            open: [OpenWindow(days: [.TU, .WE], from: LocalTime(hour: 9, minute: 0), to: LocalTime(hour: 17, minute: 30), location: Self.here)],
            closed: [ClosedDay(name: "Christmas Day", date: LocalDate(year: 2026, month: 12, day: 31), location: Self.here)],
            location: Self.here)
        let schedules = AvailabilityMapping.schedules(for: availability)
        #expect(schedules.map(\.name) == ["eu-hours-open-1", "eu-hours-holiday-2026-12-31-christmas-day"])
        // 2024-01-02 is a Tuesday: start conforms to the rrule.
        #expect(schedules[0].fields["start"] == "2024-01-02T09:00:00.000")
        #expect(schedules[0].fields["end"] == "2024-01-02T17:30:00.000")
        #expect(schedules[0].fields["rrule"] == "FREQ=WEEKLY;BYDAY=TU,WE")
        #expect(schedules[1].fields["end"] == "2027-01-01T00:00:00.000")
        let group = AvailabilityMapping.group(for: availability)
        #expect(group.fields["timeZone"] == "Europe/Dublin")
        #expect(group.open == ["eu-hours-open-1"])
        #expect(group.holiday == ["eu-hours-holiday-2026-12-31-christmas-day"])
    }
}
