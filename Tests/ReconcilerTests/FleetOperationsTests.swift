import GenesysCloud
import Testing

@testable import Reconciler

@Suite struct FleetOperationsTests {
    static func tenant(_ name: String, _ objects: [ObjectPlan]) -> TenantPlan {
        TenantPlan(
            tenant: name, file: "tenants/\(name).yaml", region: "eu-west-1", organizationId: "org",
            credentials: CredentialNames(clientIdEnv: "A", clientSecretEnv: "B"), error: nil, objects: objects, warnings: [])
    }

    static func update(_ kind: ObjectKind, _ changes: [FieldChange]) -> ObjectPlan {
        ObjectPlan(kind: kind, name: "x", id: "1", action: .update, changes: changes)
    }

    @Test func shardsCoverEveryTenantExactlyOnce() throws {
        let names = (0..<500).map { "tenant-\($0)" }
        let shards = (1...7).map { Shard("\($0)/7")! }
        for name in names {
            #expect(shards.filter { $0.contains(name) }.count == 1)
        }
        // Reasonably even: no shard is empty or holds more than twice its share.
        for shard in shards {
            let size = names.filter { shard.contains($0) }.count
            #expect(size > 0 && size < 2 * names.count / 7)
        }
        #expect(Shard("0/3") == nil)
        #expect(Shard("4/3") == nil)
        #expect(Shard("x") == nil)
    }

    @Test func mergeRefusesOverlappingShards() throws {
        let a = Plan(generatedAt: "t", tenants: [Self.tenant("a", [])])
        let b = Plan(generatedAt: "t", tenants: [Self.tenant("b", []), Self.tenant("a", [])])
        #expect(throws: ReconcilerError.self) { try ReportMerge.merge([a, b]) }
        let merged = try ReportMerge.merge([a, Plan(generatedAt: "t", tenants: [Self.tenant("b", [])])])
        #expect(merged.tenants.map(\.tenant) == ["a", "b"])
    }

    @Test func eachGuardFires() {
        let guards = SafetyGuards()
        func rules(_ object: ObjectPlan) -> [String] {
            guards.check(Plan(generatedAt: "t", tenants: [Self.tenant("a", [object])])).map(\.rule)
        }
        #expect(rules(Self.update(.deployment, [FieldChange(path: "allowAllDomains", before: false, after: true)])) == ["allow-all-domains"])
        #expect(
            rules(Self.update(.deployment, [FieldChange(path: "allowedDomains", before: ["a.example", "b.example"], after: ["a.example"])]))
                == ["remove-domains"])
        #expect(rules(Self.update(.deployment, [FieldChange(path: "allowedDomains", before: ["a.example"], after: ["a.example", "c.example"])])).isEmpty)
        #expect(rules(Self.update(.configuration, [FieldChange(path: "messenger.enabled", before: true, after: false)])) == ["disable-messenger"])
        #expect(
            rules(Self.update(.configuration, [FieldChange(path: "authenticationSettings.enabled", before: true, after: false)]))
                == ["disable-authentication"])
        #expect(rules(Self.update(.deployment, [FieldChange(path: "configuration.version", before: "7", after: "3")])) == ["older-version"])
        #expect(rules(Self.update(.deployment, [FieldChange(path: "configuration.version", before: "7", after: "8")])).isEmpty)
        #expect(rules(ObjectPlan(kind: .configuration, name: "old", id: "9", action: .delete)) == ["delete"])
    }

    @Test func tenantShareGuardNeedsAFleet() {
        let changed = Self.update(.configuration, [FieldChange(path: "description", before: "a", after: "b")])
        let unchanged = ObjectPlan(kind: .configuration, name: "x", id: "1", action: .none)
        let small = Plan(generatedAt: "t", tenants: (0..<3).map { Self.tenant("t\($0)", [changed]) })
        #expect(SafetyGuards().check(small).isEmpty)
        let fleet = Plan(
            generatedAt: "t",
            tenants: (0..<10).map { Self.tenant("t\($0)", $0 < 4 ? [changed] : [unchanged]) })
        #expect(SafetyGuards().check(fleet).map(\.rule) == ["tenant-share"])
        let fine = Plan(generatedAt: "t", tenants: (0..<10).map { Self.tenant("t\($0)", $0 < 3 ? [changed] : [unchanged]) })
        #expect(SafetyGuards().check(fine).isEmpty)
    }

    @Test func tenantShareGuardCountsOnlyChangesToExistingObjects() {
        // As octoDNS: creates in new orgs do not count, and the rule waits until ten tenants have objects.
        let created = ObjectPlan(kind: .configuration, name: "x", id: nil, action: .create)
        let changed = Self.update(.configuration, [FieldChange(path: "description", before: "a", after: "b")])
        let unchanged = ObjectPlan(kind: .configuration, name: "x", id: "1", action: .none)
        let newOrgs = Plan(generatedAt: "t", tenants: (0..<40).map { Self.tenant("n\($0)", [created]) })
        #expect(SafetyGuards().check(newOrgs).isEmpty)
        let fewExisting = Plan(
            generatedAt: "t", tenants: (0..<40).map { Self.tenant("n\($0)", $0 < 9 ? [changed] : [created]) })
        #expect(SafetyGuards().check(fewExisting).isEmpty)
        let mostlyNew = Plan(
            generatedAt: "t",
            tenants: (0..<40).map { Self.tenant("n\($0)", $0 < 3 ? [changed] : $0 < 10 ? [unchanged] : [created]) })
        #expect(SafetyGuards().check(mostlyNew).isEmpty)
        let mostlyChanged = Plan(
            generatedAt: "t",
            tenants: (0..<40).map { Self.tenant("n\($0)", $0 < 4 ? [changed] : $0 < 10 ? [unchanged] : [created]) })
        #expect(SafetyGuards().check(mostlyChanged).map(\.rule) == ["tenant-share"])
    }
}
