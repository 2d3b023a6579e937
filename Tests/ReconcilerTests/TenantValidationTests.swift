import GenesysCloud
import Testing
@testable import Reconciler

/// Each validation rule, with the exact line and column a user's editor would jump to.
@Suite struct TenantValidationTests {
    func load(_ body: String) throws -> TenantLoadResult {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        return try fixture.load(body: body)
    }

    @Test func validMinimalTenantHasNoDiagnostics() throws {
        let result = try load("")
        #expect(result.diagnostics.isEmpty, "\(result.text)")
        #expect(result.tenants.first?.credentials == CredentialReferences(clientIdEnv: "T_ID", clientSecretEnv: "T_SECRET"))
        #expect(result.summary == "1 file, 0 errors")
    }

    @Test func unknownKeySuggestsTheNearestKnownKey() throws {
        let result = try load("configurations:\n  - name: c\n    mesenger: {}\n")
        let d = try #require(result.diagnostic(at: 7, 5))
        #expect(d.message == "unknown key `mesenger` in a configuration")
        #expect(d.hint == "did you mean `messenger`?")
        #expect(result.tenants.isEmpty)
    }

    @Test func unknownTopLevelKey() throws {
        let result = try load("prunee: true\n")
        #expect(result.diagnostic(at: 5, 1)?.hint == "did you mean `prune`?")
    }

    @Test func wrongTypeIsReportedAtTheValue() throws {
        let result = try load("prune: maybe\nconfigurations:\n  - name: c\n    position: { sideSpace: wide }\n")
        #expect(result.diagnostic(at: 5, 8)?.message == "`prune` must be true or false, found `maybe`")
        #expect(result.diagnostic(at: 8, 28)?.message == "`sideSpace` must be a whole number, found `wide`")
    }

    @Test func yaml11BooleansAreRefusedInBoolFieldsAndKeptAsStringsElsewhere() throws {
        let refused = try load("prune: yes\n")
        #expect(refused.diagnostic(at: 5, 8)?.message == "`prune` must be true or false, found `yes`")
        #expect(refused.diagnostic(at: 5, 8)?.hint?.contains("write `true`") == true)

        let accepted = try load("""
            configurations:
              - name: c
                languages: [en-us]
                defaultLanguage: en-us
                messenger:
                  enabled: true
                  launcherButton: { visibility: On }
            """)
        #expect(accepted.diagnostics.isEmpty, "\(accepted.text)")
        let fields = try #require(accepted.tenants.first?.configurations.first?.fields)
        #expect(fields["messenger"]?.value(atPath: ["launcherButton", "visibility"]) == .string("On"))
        #expect(fields["messenger"]?.value(atPath: ["enabled"]) == .bool(true))
    }

    @Test func enumValuesListTheAllowedOnes() throws {
        let result = try load("configurations:\n  - name: c\n    messenger:\n      launcherButton: { visibility: Sometimes }\n")
        let d = try #require(result.diagnostic(at: 8, 37))
        #expect(d.message == "`Sometimes` is not an allowed value for `visibility`; allowed: On, Off, OnDemand")
        let cased = try load("configurations:\n  - name: c\n    messenger:\n      launcherButton: { visibility: on }\n")
        #expect(cased.diagnostic(at: 8, 37)?.hint == "values are case-sensitive: did you mean `On`?")
    }

    @Test func readOnlyFieldsAreRefused() throws {
        let result = try load("""
            configurations:
              - name: c
                id: abc
                version: "3"
                dateModified: 2026-01-01T00:00:00Z
            deployments:
              - name: d
                configuration: c
                status: Active
                snippet: x
            """)
        for (line, key) in [(7, "id"), (8, "version"), (9, "dateModified"), (13, "status"), (14, "snippet")] {
            #expect(result.diagnostic(at: line, 5)?.message == "`\(key)` is read-only: Genesys Cloud sets it, a tenant file cannot", "\(result.text)")
        }
    }

    @Test func hexColoursMustBeRRGGBB() throws {
        let result = try load("configurations:\n  - name: c\n    messenger:\n      styles: { primaryColor: \"#0052CG\" }\n")
        #expect(result.diagnostic(at: 8, 31)?.message == "`primaryColor` must be a colour written #RRGGBB, found `#0052CG`")
        let unquoted = try load("configurations:\n  - name: c\n    messenger:\n      styles:\n        primaryColor: #0052CC\n")
        #expect(unquoted.diagnostics.contains { $0.location.line == 9 && $0.hint?.contains("quote it") == true }, "\(unquoted.text)")
    }

    @Test func contrastBelowPolicyReportsTheRatio() throws {
        // #777777 on white is the classic 4.48:1 grey, just under WCAG AA's 4.5:1.
        let result = try load("configurations:\n  - name: c\n    messenger:\n      styles: { primaryColor: \"#777777\" }\n")
        let d = try #require(result.diagnostic(at: 8, 31))
        #expect(d.message == "contrast 4.47:1 of primaryColor #777777 against #FFFFFF is below 4.50:1 (WCAG 2.x)")
        let passes = try load("configurations:\n  - name: c\n    messenger:\n      styles: { primaryColor: \"#0052CC\" }\n")
        #expect(passes.diagnostics.isEmpty)
        let darkText = try load("policy: { contrastWith: \"#000000\" }\nconfigurations:\n  - name: c\n    messenger:\n      styles: { primaryColor: \"#0052CC\" }\n")
        #expect(darkText.diagnostic(at: 9, 31)?.message.hasPrefix("contrast 3.") == true, "\(darkText.text)")
    }

    @Test func wcagFormulaMatchesKnownRatios() throws {
        let white = try #require(HexColour("#FFFFFF"))
        let black = try #require(HexColour("#000000"))
        #expect(abs(white.contrastRatio(with: black) - 21) < 0.0001)
        #expect(abs(white.contrastRatio(with: white) - 1) < 0.0001)
        #expect(HexColour("#FFF") == nil)
    }

    @Test func greetingsLengthKeysAndLanguages() throws {
        let result = try load("""
            policy: { maxGreetingLength: 10 }
            configurations:
              - name: c
                languages: [en-us]
                defaultLanguage: fr
                greetings:
                  en-us: { title: "Hello there, friend", body: x }
                  de: { title: Hallo }
            """)
        #expect(result.diagnostic(at: 9, 22)?.message == "defaultLanguage `fr` is not in `languages` (en-us)")
        #expect(result.diagnostic(at: 11, 23)?.message == "greeting title is 19 characters, longer than policy.maxGreetingLength (10)")
        #expect(result.diagnostic(at: 11, 46)?.message.hasPrefix("unknown key `body`") == true)
        #expect(result.diagnostic(at: 12, 7)?.message == "greeting language `de` is not in `languages` (en-us)")
        #expect(result.errorCount == 4, "\(result.text)")
    }

    @Test func greetingLengthCountsCharactersNotBytes() throws {
        let result = try load("""
            policy: { maxGreetingLength: 5 }
            configurations:
              - name: c
                languages: [fr]
                greetings:
                  fr: { title: "Ça été" }
            """)
        #expect(result.diagnostic(at: 10, 20)?.message == "greeting title is 6 characters, longer than policy.maxGreetingLength (5)", "\(result.text)")
    }

    @Test func maxFileSizeMustBeWithinTheAPILimit() throws {
        let result = try load("""
            configurations:
              - name: c
                messenger:
                  fileUpload:
                    modes:
                      - { fileTypes: [image/png], maxFileSizeKB: 20480 }
                      - { fileTypes: [image/gif], maxFileSizeKB: 0 }
                      - { fileTypes: [image/bmp], maxFileSizeKB: 10240 }
            """)
        #expect(result.diagnostic(at: 10, 54)?.message == "maxFileSizeKB 20480 is outside 1–10240")
        #expect(result.diagnostic(at: 11, 54)?.message == "maxFileSizeKB 0 is outside 1–10240")
        #expect(result.diagnostic(at: 12, 27)?.message.hasPrefix("`image/bmp` is not an allowed value for `fileTypes`") == true)
        #expect(result.errorCount == 3, "\(result.text)")
    }

    @Test func allowAllDomainsWithAllowedDomains() throws {
        let result = try load("""
            configurations:
              - name: c
            deployments:
              - name: d
                configuration: c
                allowAllDomains: true
                allowedDomains: [a.example]
            """)
        #expect(result.diagnostic(at: 10, 22)?.message.hasPrefix("`allowAllDomains: true` with a non-empty `allowedDomains`") == true, "\(result.text)")
    }

    @Test func deploymentMustNameAConfigurationOfTheTenant() throws {
        let result = try load("configurations:\n  - name: acme-support\ndeployments:\n  - name: d\n    configuration: acme-suport\n")
        let d = try #require(result.diagnostic(at: 9, 20))
        #expect(d.message == "deployment names configuration `acme-suport`, which no configuration in this tenant defines")
        #expect(d.hint == "did you mean `acme-support`?")
    }

    @Test func duplicateNames() throws {
        let result = try load("""
            configurations:
              - name: c
              - name: c
            deployments:
              - { name: d, configuration: c }
              - { name: d, configuration: c }
            availability:
              - { name: h, timeZone: UTC }
              - { name: h, timeZone: UTC }
            """)
        #expect(result.diagnostic(at: 7, 11)?.message == "duplicate configuration name `c`; it is already used at line 6, column 11")
        #expect(result.diagnostic(at: 10, 13)?.message == "duplicate deployment name `d`; it is already used at line 9, column 13")
        #expect(result.diagnostic(at: 13, 13)?.message == "duplicate availability name `h`; it is already used at line 12, column 13")
    }

    @Test func headerRules() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let path = try fixture.write("tenants/t.yaml", """
            tenant: other
            region: eu-west-9
            organizationId: not-a-uuid
            credentials: { clientIdEnv: T_ID, clientSecretEnv: "abc123-s3cr3t" }
            """)
        let result = TenantLoader().load(paths: [path])
        #expect(result.diagnostic(at: 1, 9)?.message == "tenant `other` does not match the file name `t.yaml`")
        #expect(result.diagnostic(at: 2, 9)?.message == "unknown region `eu-west-9`")
        #expect(result.diagnostic(at: 2, 9)?.hint?.hasPrefix("did you mean `eu-west-1`?") == true)
        #expect(result.diagnostic(at: 3, 17)?.message == "organizationId `not-a-uuid` is not a UUID")
        #expect(result.diagnostic(at: 4, 52)?.message.contains("must name an environment variable") == true)
        #expect(!result.text.contains("abc123-s3cr3t"))
        #expect(result.errorCount == 4, "\(result.text)")
    }

    @Test func literalSecretsAreRefusedWithoutEchoingThem() throws {
        let result = try load("clientSecret: hunter2-very-secret\nconfigurations:\n  - name: c\n    apiToken: tok-123456\n")
        #expect(result.diagnostic(at: 5, 1)?.message.contains("looks like a literal secret") == true)
        #expect(result.diagnostic(at: 8, 5)?.message.contains("looks like a literal secret") == true)
        #expect(!result.text.contains("hunter2"))
        #expect(!result.text.contains("tok-123456"))
    }

    @Test func requiredKeysAreReported() throws {
        let fixture = try TenantFixture()
        defer { fixture.remove() }
        let path = try fixture.write("tenants/t.yaml", "tenant: t\n")
        let result = TenantLoader().load(paths: [path])
        let messages = result.diagnostics.map(\.message)
        #expect(messages.contains("the tenant file has no `region`; it is required"))
        #expect(messages.contains("the tenant file has no `organizationId`; it is required"))
        #expect(messages.contains("the tenant file has no `credentials`; it is required"))
        #expect(result.tenants.isEmpty)
    }

    @Test func availabilityRules() throws {
        let result = try load("""
            availability:
              - name: h
                timeZone: Europe/Dublinn
                open:
                  - { days: [MO, TU], from: "09:00", to: "17:00" }
                  - { days: [TU], from: "12:00", to: "18:00" }
                  - { days: [WE], from: "18:00", to: "09:00" }
                  - { days: [XX], from: "9am", to: "10:00" }
                closed:
                  - { name: Bad, date: 2026-02-30 }
                  - { name: Leap, date: 2028-02-29 }
            """)
        let zone = try #require(result.diagnostic(at: 7, 15))
        #expect(zone.message == "time zone `Europe/Dublinn` is not in the system time zone database")
        #expect(zone.hint == "did you mean `Europe/Dublin`?")
        #expect(result.diagnostic(at: 10, 9)?.message == "window 12:00–18:00 overlaps the window 09:00–17:00 at line 9 on TU")
        #expect(result.diagnostic(at: 11, 42)?.message == "window ends at 09:00, not after it starts at 18:00")
        #expect(result.diagnostic(at: 12, 18)?.message == "`XX` is not a day; days are MO, TU, WE, TH, FR, SA, SU")
        #expect(result.diagnostic(at: 12, 29)?.message == "`from` must be a time written HH:MM (00:00–23:59), found `9am`")
        #expect(result.diagnostic(at: 14, 28)?.message == "`2026-02-30` is not a calendar date written YYYY-MM-DD")
        #expect(result.errorCount == 6, "\(result.text)")
    }

    @Test func availabilityDecodesIntoTheModel() throws {
        let result = try load("""
            availability:
              - name: h
                timeZone: Australia/Sydney
                open:
                  - { days: [MO, FR], from: 08:30, to: "17:00" }
                closed:
                  - { name: Australia Day, date: 2027-01-26 }
            """)
        let availability = try #require(result.tenants.first?.availability.first, "\(result.text)")
        #expect(availability.open.first?.days == [.MO, .FR])
        #expect(availability.open.first?.from == LocalTime(hour: 8, minute: 30))
        #expect(availability.closed.first?.date == LocalDate(year: 2027, month: 1, day: 26))
    }

    @Test func ignoreEntriesNeedAReason() throws {
        // Block style: in a flow mapping `[` would end the plain scalar, so such paths need quotes there.
        // Ignore paths must name objects of the file (StrictValidateTests), so the file defines them.
        let objects = "configurations:\n  - name: c\ndeployments:\n  - name: d\n    configuration: c\n"
        let result = try load(objects + "ignore:\n  - path: configurations[c].messenger.apps\n  - { path: \"deployments[d].flow\", reason: owned by the flow team }\n")
        #expect(result.diagnostic(at: 11, 5)?.message == "this `ignore` entry has no `reason`; it is required", "\(result.text)")
        #expect(result.errorCount == 1)
        let ok = try load(objects + "ignore:\n  - path: deployments[d].flow\n    reason: owned by the flow team\n")
        let tenant = try #require(ok.tenants.first, "\(ok.text)")
        #expect(tenant.ignore == [IgnoreRule(path: "deployments[d].flow", reason: "owned by the flow team", location: .init(file: tenant.file, line: 11, column: 5))])
    }

    @Test func everyProblemOfAFileIsReportedInOrder() throws {
        let result = try load("prune: 3\npolicy: { minContrast: 40 }\nregionn: x\n")
        #expect(result.diagnostics.map(\.location.line) == [5, 6, 7])
    }

    @Test func yamlErrorsBecomeDiagnostics() throws {
        let result = try load("configurations:\n  - name: c\n  - name: c\n    name: d\n")
        #expect(result.diagnostic(at: 8, 5)?.message.contains("duplicate key `name`") == true, "\(result.text)")
    }

    @Test func greetingsAndCustomLabelsConflict() throws {
        let result = try load("""
            configurations:
              - name: c
                languages: [en-us]
                customI18nLabels: []
                greetings:
                  en-us: { title: Hi }
            """)
        #expect(result.diagnostic(at: 9, 5)?.message == "`greetings` and `customI18nLabels` both set the Messenger's labels; use one of them", "\(result.text)")
    }
}
