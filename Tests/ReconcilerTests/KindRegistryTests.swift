import Testing
@testable import Reconciler

/// The facts the planner, the applier, the tenant decoder and export read from the kinds, rather than
/// from lists of their own: the registry must hand each case its own kind, and the derived tables must
/// hold every kind's section.
@Suite struct KindRegistryTests {
    @Test func eachCaseIsRegisteredWithItsOwnKind() {
        for kind in ObjectKind.allCases {
            #expect(kind.managed.kind == kind, "ObjectKind.\(kind) is registered with \(kind.managed)")
        }
        #expect(Set(ObjectKind.allCases.map(\.order)).count == ObjectKind.allCases.count, "two kinds share an apply order")
    }

    @Test func everySectionIsAKeyOfTheFileAndMergesByNameWhenTheKindSaysSo() {
        for kind in ObjectKind.allCases {
            guard let section = kind.managed.fileSection else { continue }
            #expect(TenantSchema.topLevelKeys.contains(section), "\(section)")
            #expect(SourceNode.namedLists.contains([section]) == kind.managed.mergesByName, "\(section)")
        }
        // The "known keys" hint lists them as it always has.
        #expect(
            TenantSchema.topLevelKeys == [
                "tenant", "region", "organizationId", "credentials", "extends", "prune", "policy",
                "configurations", "deployments", "availability", "ignore", "supportedContents",
            ])
    }

    @Test func planExplainFindsObjectsWrittenByNameAndNoneBuiltFromSugar() {
        #expect(ObjectKind.configuration.managed.fileKey("web") == .configuration("web"))
        #expect(ObjectKind.deployment.managed.fileKey("web") == .deployment("web"))
        #expect(ObjectKind.supportedContent.managed.fileKey("Images") == FieldPath(["supportedContents", "Images"]))
        #expect(ObjectKind.schedule.managed.fileKey("office-open-1") == nil)
        #expect(ObjectKind.scheduleGroup.managed.fileKey("office") == nil)
    }
}
