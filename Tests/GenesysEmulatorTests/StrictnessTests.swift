import Foundation
import GenesysEmulator
import Testing

/// The emulator refuses what production refuses (issue "what passes here passes in production"): the OpenAPI's
/// patterns, ranges, required and conditional rules, unknown properties, content types, references to
/// objects the org does not have, schedule dates, permissions, hostile paging values.
@Suite struct StrictnessTests {
    let configurations = "/api/v2/webdeployments/configurations"
    let deployments = "/api/v2/webdeployments/deployments"

    private func fieldNames(_ answer: HTTPAnswer) -> [String] {
        (answer.json?["details"]?.arrayValue ?? []).compactMap { $0["fieldName"]?.stringValue }
    }

    private func withField(_ path: [String], _ value: EmulatorJSON, in body: EmulatorJSON) -> EmulatorJSON {
        guard let key = path.first else { return value }
        var copy = body
        copy[key] = withField(Array(path.dropFirst()), value, in: body[key] ?? [:])
        return copy
    }

    @Test func unknownPropertiesAreRefusedAndNeverStored() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            var body = EmulatorHarness.configuration("Unknown")
            body["messenger"]?["styles"]?["secondaryColour"] = "#000000"
            let refused = try await client.post(configurations, body)
            #expect(refused.status == 400)
            #expect(refused.json?["code"] == "invalid.property")
            #expect(fieldNames(refused) == ["messenger.styles.secondaryColour"])
            #expect(refused.json?["message"]?.stringValue?.contains("MessengerStyles") == true)

            let created = try await client.post(configurations, EmulatorHarness.configuration("Known"))
            let id = try #require(created.json?["id"]?.stringValue)
            var draft = try #require(try await client.get("\(configurations)/\(id)/versions/draft").json)
            draft["futureField"] = "x"
            #expect(try await client.put("\(configurations)/\(id)/versions/draft", draft).status == 400)
            #expect(try await client.get("\(configurations)/\(id)/versions/draft").json?["futureField"] == nil)
        }
    }

    @Test func bodiesThatAreNotJSONAreUnsupportedMediaTypes() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let form = try await client.send(
                "POST", configurations, rawBody: EmulatorHarness.configuration("Form").encoded(),
                headers: ["Content-Type": "application/x-www-form-urlencoded"])
            #expect(form.status == 415)
            #expect(form.json?["code"] == "unsupported.media.type")
            let none = try await client.send("POST", configurations, rawBody: EmulatorHarness.configuration("None").encoded())
            #expect(none.status == 415)
            let charset = try await client.send(
                "POST", configurations, rawBody: EmulatorHarness.configuration("Charset").encoded(),
                headers: ["Content-Type": "application/json; charset=utf-8"])
            #expect(charset.status == 200)
        }
    }

    @Test func patternsRangesAndLengthsOfTheOpenAPI() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let base = EmulatorHarness.configuration("Limits")
            let cases: [([String], EmulatorJSON, String)] = [
                (["messenger", "styles", "primaryColor"], "blue", "messenger.styles.primaryColor"),
                (["position", "sideSpace"], .number(4_294_967_296), "position.sideSpace"),
                (["messenger", "launcherButton", "visibility"], "Sometimes", "messenger.launcherButton.visibility"),
                (["messenger", "fileUpload", "modes"], [["fileTypes": ["text/plain"]]], "messenger.fileUpload.modes[0].fileTypes[0]"),
            ]
            for (path, value, field) in cases {
                let answer = try await client.post(configurations, withField(path, value, in: base))
                #expect(answer.status == 400, "\(field)")
                #expect(fieldNames(answer) == [field])
            }
            // The support center's colours carry the OpenAPI pattern; its messages a maximum length.
            var center = base
            center["supportCenter"] = supportCenter(heroText: "white", welcome: String(repeating: "x", count: 301))
            let answer = try await client.post(configurations, center)
            #expect(answer.status == 400)
            #expect(Set(fieldNames(answer)) == [
                "supportCenter.styleSetting.heroStyle.textColor", "supportCenter.customMessages[0].defaultValue",
            ])
        }
    }

    private func supportCenter(heroText: String = "#FFFFFF", welcome: String = "Welcome", enabled: Bool = true) -> EmulatorJSON {
        let colour: EmulatorJSON = "#112233"
        return [
            "enabled": .bool(enabled), "knowledgeBase": ["id": "kb-1"],
            "customMessages": [["defaultValue": .string(welcome), "type": "Welcome"], ["defaultValue": "Sorry", "type": "Fallback"]],
            "screens": [["type": "Home", "moduleSettings": [["type": "Search", "enabled": true]]]],
            "enabledCategories": [],
            "styleSetting": [
                "heroStyle": ["backgroundColor": colour, "textColor": .string(heroText)],
                "globalStyle": [
                    "backgroundColor": colour, "primaryColor": colour, "primaryColorDark": colour,
                    "primaryColorLight": colour, "textColor": colour, "fontFamily": "Arial",
                ],
            ],
            "feedback": ["enabled": false],
        ]
    }

    @Test func conditionalRulesTheOpenAPIStatesInProse() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            var noLanguages = EmulatorHarness.configuration("No languages")
            noLanguages["languages"] = nil
            noLanguages["defaultLanguage"] = nil
            #expect(fieldNames(try await client.post(configurations, noLanguages)) == ["languages", "defaultLanguage"])
            var disabled = noLanguages
            disabled["messenger"]?["enabled"] = false
            #expect(try await client.post(configurations, disabled).status == 200)

            var foreignDefault = EmulatorHarness.configuration("Default outside")
            foreignDefault["defaultLanguage"] = "fr"
            #expect(fieldNames(try await client.post(configurations, foreignDefault)) == ["defaultLanguage"])

            var push = EmulatorHarness.configuration("Push")
            push["messenger"]?["apps"] = ["conversations": ["enabled": true, "notifications": ["enabled": true]]]
            let pushAnswer = try await client.post(configurations, push)
            #expect(pushAnswer.status == 400)
            #expect(fieldNames(pushAnswer) == ["customI18nLabels", "customI18nLabels"])
            push["customI18nLabels"] = [[
                "language": "en-us",
                "localizedLabels": [["key": "PushNotificationTitle", "value": "New"], ["key": "PushNotificationBody", "value": "A reply"]],
            ]]
            #expect(try await client.post(configurations, push).status == 200)

            var center = EmulatorHarness.configuration("Center")
            center["supportCenter"] = ["enabled": true]
            let centerAnswer = try await client.post(configurations, center)
            #expect(centerAnswer.status == 400)
            #expect(Set(fieldNames(centerAnswer)).isSuperset(of: [
                "supportCenter.knowledgeBase", "supportCenter.screens", "supportCenter.enabledCategories",
                "supportCenter.styleSetting",
            ]))
            center["supportCenter"] = ["enabled": false, "routerType": "Hash"]
            #expect(try await client.post(configurations, center).status == 200)
            center["supportCenter"] = supportCenter()
            #expect(try await client.post(configurations, center).status == 200)
        }
    }

    @Test func deploymentsNamingUnknownFlowsOrProfiles() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let config = try #require(try await client.post(configurations, EmulatorHarness.configuration("C")).json?["id"]?.stringValue)
            #expect(try await client.post("\(configurations)/\(config)/versions/draft/publish").status == 200)
            let ref: EmulatorJSON = ["id": .string(config), "version": "1"]
            let badFlow = try await client.post(deployments, ["name": "d", "configuration": ref, "flow": ["id": "no-such-flow"]])
            #expect(badFlow.status == 400)
            #expect(badFlow.json?["code"] == "bad.flow.id")
            let badProfile = try await client.post(
                deployments, ["name": "d", "configuration": ref, "supportedContent": ["id": "no-such-profile"]])
            #expect(badProfile.status == 404)
            #expect(badProfile.json?["code"] == "scp.id.not.found")
            let good = try await client.post(deployments, [
                "name": "d", "configuration": ref, "flow": ["id": .string(EmulatorHarness.flowID)],
                "supportedContent": ["id": .string(EmulatorHarness.profileID)],
            ])
            #expect(good.status == 200)
        }
    }

    @Test func scheduleDatesRulesAndTimeZones() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            let schedules = "/api/v2/architect/schedules"
            func schedule(_ start: String, _ end: String, _ rrule: String? = "FREQ=WEEKLY;BYDAY=MO,TU") -> EmulatorJSON {
                var body: EmulatorJSON = ["name": "s", "start": .string(start), "end": .string(end)]
                if let rrule { body["rrule"] = .string(rrule) }
                return body
            }
            for (body, field) in [
                (schedule("2026-01-05T08:00:00.000Z", "2026-01-05T18:00:00.000"), "start"),
                (schedule("2026-01-05T18:00:00.000", "2026-01-05T08:00:00.000"), "end"),
                (schedule("2026-02-30T08:00:00", "2026-03-01T08:00:00"), "start"),
                (schedule("2026-01-05T08:00:00", "2026-01-05T18:00:00", "FREQ=SOMETIMES"), "rrule"),
                (schedule("2026-01-05T08:00:00", "2026-01-05T18:00:00", "FREQ=WEEKLY;BYDAY=XX"), "rrule"),
            ] {
                let answer = try await client.post(schedules, body)
                #expect(answer.status == 400, "\(field)")
                #expect(answer.json?["code"] == "invalid.date")
                #expect(fieldNames(answer) == [field])
            }
            let good = try await client.post(schedules, schedule("2026-01-05T08:00:00.000", "2026-01-05T18:00:00.000"))
            #expect(good.status == 200)
            let group = try await client.post("/api/v2/architect/schedulegroups", ["name": "g", "timeZone": "Europe/Atlantis"])
            #expect(group.status == 400)
            #expect(fieldNames(group) == ["timeZone"])
            #expect(try await client.post("/api/v2/architect/schedulegroups", ["name": "g", "timeZone": "Europe/Dublin"]).status == 200)
        }
    }

    @Test func rolesWithoutAPermissionGet403NamingIt() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let viewer = try await TestClient.authenticated(emulator, region: "eu-west-1", clientID: "eu-viewer", secret: "eu-viewer-secret")
            #expect(try await viewer.get(configurations).status == 200)
            let create = try await viewer.post(configurations, EmulatorHarness.configuration("Nope"))
            #expect(create.status == 403)
            #expect(create.json?["code"] == "missing.permissions")
            #expect(create.json?["message"]?.stringValue?.contains("webDeployments:configuration:add") == true)
            let audits = try await viewer.post("/api/v2/audits/query/realtime", ["interval": "2026-01-01T00:00:00Z/2026-01-02T00:00:00Z"])
            #expect(audits.status == 403)
            #expect(audits.json?["message"]?.stringValue?.contains("audits:audit:view") == true)

            let ci = try await EmulatorHarness.euCI(emulator)
            let id = try #require(try await ci.post(configurations, EmulatorHarness.configuration("Shared")).json?["id"]?.stringValue)
            let editor = try await TestClient.authenticated(emulator, region: "eu-west-1", clientID: "eu-editor", secret: "eu-editor-secret")
            #expect(try await editor.put("\(configurations)/\(id)/versions/draft", EmulatorHarness.configuration("Shared")).status == 200)
            // Publishing needs edit and add (reference §2.5).
            let publish = try await editor.post("\(configurations)/\(id)/versions/draft/publish")
            #expect(publish.status == 403)
            #expect(publish.json?["message"]?.stringValue?.contains("webDeployments:configuration:add") == true)
            #expect(publish.json?["message"]?.stringValue?.contains(":edit") == false)
            // The one operation that requires no permission (reference §3.1 #14) is not refused for a permission.
            #expect(try await editor.get("\(deployments)/none/configurations").status == 404)
        }
    }

    @Test func hostilePagingValuesNeverCrash() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            _ = try await client.post("/api/v2/architect/schedules", [
                "name": "s", "start": "2026-01-05T08:00:00", "end": "2026-01-05T18:00:00", "rrule": "FREQ=DAILY",
            ])
            let huge = String(Int.max)
            for path in [
                "/api/v2/architect/schedules?pageNumber=2147483647&pageSize=2147483647",
                "/api/v2/architect/schedulegroups?pageNumber=2147483647&pageSize=2",
                "\(configurations)?pageSize=\(huge)", "\(deployments)?pageSize=\(huge)",
            ] {
                let answer = try await client.get(path)
                #expect(answer.status == 200, "\(path)")
            }
            // Architect's page parameters are int32 (reference §3.3): larger ones are refused, never multiplied.
            for path in [
                "/api/v2/architect/schedules?pageNumber=\(huge)&pageSize=\(huge)",
                "/api/v2/architect/schedulegroups?pageNumber=3037000500&pageSize=3037000500",
            ] {
                let answer = try await client.get(path)
                #expect(answer.status == 400, "\(path)")
                #expect(answer.json?["code"] == "invalid.query.param.value")
            }
            let realtime = try await client.post("/api/v2/audits/query/realtime", [
                "interval": "2026-01-01T00:00:00Z/2030-01-01T00:00:00Z", "pageNumber": 2_147_483_647, "pageSize": 2_147_483_647,
            ])
            #expect(realtime.status == 200)
            let tooBig = try await client.post("/api/v2/audits/query/realtime", [
                "interval": "2026-01-01T00:00:00Z/2030-01-01T00:00:00Z", "pageNumber": .number(1e15),
            ])
            #expect(tooBig.status == 400)
            #expect(try await client.get("/api/v2/tokens/me").status == 200)  // still serving
        }
    }

    @Test func auditUserNamesOnlyWithExpandUser() async throws {
        try await EmulatorHarness.withEmulator { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            _ = try await client.post(configurations, EmulatorHarness.configuration("Audited"))
            let query: EmulatorJSON = ["interval": "2020-01-01T00:00:00Z/2100-01-01T00:00:00Z", "serviceName": "WebDeployments"]
            let plain = try await client.post("/api/v2/audits/query/realtime", query)
            let record = try #require(plain.json?["entities"]?.arrayValue?.first)
            #expect(record["user"]?["id"] != nil)
            #expect(record["user"]?["name"] == nil)
            let expanded = try await client.post("/api/v2/audits/query/realtime?expand=user", query)
            #expect(expanded.json?["entities"]?.arrayValue?.first?["user"]?["name"] == "GitOps CI")
            #expect(try await client.post("/api/v2/audits/query/realtime?expand=group", query).status == 400)
        }
    }

    @Test func featureGatedFieldsAnswerFeatureNotImplemented() async throws {
        var seed = EmulatorHarness.seed
        seed.orgs[0].featuresNotImplemented = ["video"]
        try await EmulatorHarness.withEmulator(seed: seed) { emulator in
            let client = try await EmulatorHarness.euCI(emulator)
            var body = EmulatorHarness.configuration("Video")
            body["video"] = ["enabled": true]
            let answer = try await client.post(configurations, body)
            #expect(answer.status == 400)
            #expect(answer.json?["details"]?.arrayValue?.first?["errorCode"] == "feature is not yet implemented")
            #expect(fieldNames(answer) == ["video"])
        }
    }
}
