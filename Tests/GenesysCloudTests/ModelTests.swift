import Foundation
import Testing

@testable import GenesysCloud

@Suite struct ModelTests {
    let configurationJSON = """
        {"id":"c-1","name":"acme-support","version":"3","status":"Active","dateModified":"2026-11-20T10:00:00.000Z",
         "lastModifiedUser":{"id":"u-1","name":"Ana","selfUri":"/api/v2/users/u-1"},
         "messenger":{"enabled":true,"styles":{"primaryColor":"#0052CC"},"futureToggle":{"mode":"x"}},
         "brandNewTopLevelField":[1,2,{"deep":null}],"selfUri":"/api/v2/webdeployments/configurations/c-1"}
        """

    @Test func unknownFieldsSurviveDecodeModifyEncode() throws {
        var configuration = try JSONDecoder().decode(ConfigurationVersion.self, from: Data(configurationJSON.utf8))
        #expect(configuration.id == "c-1")
        #expect(configuration.version == "3")
        #expect(configuration.publishedVersionNumber == 3)
        #expect(configuration.lastModifiedUser?.name == "Ana")
        #expect(configuration.dateModified != nil)
        configuration.description = "changed"
        let encoded = try JSONEncoder().encode(configuration)
        let again = try JSONValue.parse(encoded)
        #expect(again["brandNewTopLevelField"] == [1, 2, ["deep": nil]])
        #expect(again["messenger"]?["futureToggle"]?["mode"] == "x")
        #expect(again["description"] == "changed")
    }

    @Test func writableFieldsDropReadOnlyOnesAndKeepEverythingElse() throws {
        let configuration = try ConfigurationVersion.decode(Data(configurationJSON.utf8))
        let body = configuration.writableFields
        for key in ["id", "version", "dateModified", "lastModifiedUser", "selfUri"] { #expect(body.fields[key] == nil) }
        #expect(body.fields["brandNewTopLevelField"] != nil)
        #expect(body.fields["status"] == "Active")
    }

    @Test func deploymentConfigurationRefKeepsOtherMembers() throws {
        var deployment = try Deployment.decode(
            Data(#"{"id":"d-1","name":"web","configuration":{"id":"c-1","version":"2","selfUri":"/x","extra":true},"allowedDomains":["a.example"]}"#.utf8))
        #expect(deployment.configuration == ConfigurationRef(id: "c-1", version: "2"))
        deployment.configuration = ConfigurationRef(id: "c-1", version: "3")
        deployment.allowedDomains = ["a.example", "b.example"]
        #expect(deployment.fields["configuration"]?["extra"] == true)
        #expect(deployment.fields["configuration"]?["version"] == "3")
        #expect(deployment.allowedDomains == ["a.example", "b.example"])
    }

    @Test func scheduleVersionIsAnIntegerAndGroupsListTheirSchedules() throws {
        var schedule = try Schedule.decode(Data(#"{"id":"s","name":"hours","version":4,"rrule":"FREQ=WEEKLY","start":"2026-01-05T09:00:00.000"}"#.utf8))
        #expect(schedule.version == 4)
        schedule.version = 5
        #expect(schedule.fields["version"] == 5)
        var group = ScheduleGroup(fields: ["name": "g", "timeZone": "Europe/Dublin"])
        group.openSchedules = [EntityRef(id: "s", name: "hours")]
        #expect(group.openSchedules?.first?.id == "s")
        #expect(group.timeZone == "Europe/Dublin")
    }

    @Test func requestBodiesAreEncodedWithSortedKeys() throws {
        let query = AuditQuery(interval: "2026-11-01T00:00:00Z/2026-11-02T00:00:00Z", serviceName: "WebDeployments", filters: [.entityId("c-1")], sort: [.newestFirst])
        let text = String(decoding: try #require(StableJSON.encode(query)), as: UTF8.self)
        #expect(text == #"{"filters":[{"property":"EntityId","value":"c-1"}],"interval":"2026-11-01T00:00:00Z/2026-11-02T00:00:00Z","serviceName":"WebDeployments","sort":[{"name":"Timestamp","sortOrder":"descending"}]}"#)
        let body = ConfigurationVersion(fields: ["name": "b", "description": "a", "messenger": ["z": 1, "a": 2]])
        let bodyText = String(decoding: try #require(StableJSON.encode(body)), as: UTF8.self)
        #expect(bodyText == #"{"description":"a","messenger":{"a":2,"z":1},"name":"b"}"#)
    }

    @Test func errorBodyDecodesEveryDocumentedField() throws {
        let body = try JSONDecoder().decode(ErrorBody.self, from: Data(#"""
            {"message":"m","code":"too.many.requests.retry.after","status":429,"contextId":"ctx",
             "details":[{"errorCode":"feature is not yet implemented","fieldName":"video"}],
             "limit":{"key":"token.rate.per.minute","namespace":"platform.api","value":300},"errors":[{"code":"inner"}]}
            """#.utf8))
        #expect(body.limit?.value == 300)
        #expect(body.details?.first?.fieldName == "video")
        #expect(body.errors?.first?.code == "inner")
    }
}
