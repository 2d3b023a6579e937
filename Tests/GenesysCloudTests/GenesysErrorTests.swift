import Foundation
import NIOHTTP1
import Testing

@testable import GenesysCloud

@Suite struct GenesysErrorTests {
    func response(_ status: Int, _ body: String, headers: HTTPHeaders = [:]) -> RawResponse {
        RawResponse(status: status, headers: headers, body: Array(body.utf8))
    }

    @Test func aForbiddenPublishNamesBothPermissionsAndTheContextId() {
        let error = ResponseError.make(
            response(403, #"{"message":"Missing permissions","code":"missing.permissions","status":403,"contextId":"ctx-42"}"#),
            method: "POST", path: "/api/v2/webdeployments/configurations/abc/versions/draft/publish",
            region: "eu-west-1", client: "'ci'")
        #expect(error.isForbidden)
        #expect(error.code == "missing.permissions")
        #expect(error.contextId == "ctx-42")
        let text = error.description
        #expect(text.contains("webDeployments:configuration:edit and webDeployments:configuration:add"))
        #expect(text.contains("ctx-42"))
        #expect(text.contains("missing.permissions"))
        #expect(text.contains("POST /api/v2/webdeployments/configurations/abc/versions/draft/publish"))
        #expect(text.contains("eu-west-1"))
    }

    @Test(arguments: [
        ("GET", "/api/v2/webdeployments/configurations", "webDeployments:configuration:view"),
        ("POST", "/api/v2/webdeployments/configurations", "webDeployments:configuration:add"),
        ("PUT", "/api/v2/webdeployments/configurations/x/versions/draft", "webDeployments:configuration:edit"),
        ("DELETE", "/api/v2/webdeployments/configurations/x", "webDeployments:configuration:delete"),
        ("PUT", "/api/v2/webdeployments/deployments/x", "webDeployments:deployment:edit"),
        ("POST", "/api/v2/architect/schedules", "routing:schedule:add"),
        ("PUT", "/api/v2/architect/schedulegroups/x", "routing:scheduleGroup:edit"),
        ("POST", "/api/v2/audits/query", "audits:audit:view"),
    ])
    func forbiddenNamesThePermissionOfTheOperation(method: String, path: String, permission: String) {
        let error = ResponseError.make(
            response(403, #"{"code":"missing.permissions","message":"no"}"#), method: method, path: path,
            region: "us-east-1", client: "'ci'")
        #expect(error.description.contains(permission))
    }

    @Test func statusesAreDistinguishable() {
        let make = { (status: Int) in
            ResponseError.make(self.response(status, "{}"), method: "GET", path: "/api/v2/x", region: "r", client: "'c'")
        }
        #expect(make(404).isNotFound && !make(404).isConflict)
        #expect(make(409).isConflict && make(409).hint != nil)
        #expect(make(422).isUnprocessable)
        #expect(make(429).isRateLimited)
        #expect(make(401).isUnauthorized)
        #expect(make(500).isServerError)
        #expect(make(404).kind == .http(status: 404))
    }

    @Test func aBodyThatIsNotJSONStillGivesAStatusAndTheCorrelationId() {
        let error = ResponseError.make(
            response(503, "<html>down</html>", headers: ["ININ-Correlation-Id": "corr-7"]), method: "GET",
            path: "/api/v2/architect/schedules", region: "r", client: "'c'")
        #expect(error.status == 503)
        #expect(error.contextId == "corr-7")
        #expect(error.errorBody == nil)
        #expect(error.description.contains("HTTP 503"))
    }

    @Test func refusedTokenRequestExplainsTheCredentials() {
        let error = ResponseError.make(
            response(401, #"{"error":"invalid_client","description":"client not found"}"#), method: "POST",
            path: "/oauth/token", region: "eu-west-1", client: "'acme-ci'")
        #expect(error.description.contains("acme-ci"))
        #expect(error.description.contains("secret"))
    }
}
