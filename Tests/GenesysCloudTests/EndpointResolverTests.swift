import Foundation
import Testing

@testable import GenesysCloud

@Suite struct EndpointResolverTests {
    let frankfurt = Region.named("eu-central-1")!

    @Test func withoutTemplateTheRealHostsAreUsedOverHTTPS() throws {
        let resolver = try EndpointResolver()
        #expect(resolver.apiBase(for: frankfurt) == "https://api.mypurecloud.de")
        #expect(resolver.loginBase(for: frankfurt) == "https://login.mypurecloud.de")
    }

    @Test func aTemplateMapsEveryRegionToItsOwnPath() throws {
        let resolver = try EndpointResolver(template: "http://127.0.0.1:8080/{region}/")
        #expect(resolver.apiBase(for: frankfurt) == "http://127.0.0.1:8080/eu-central-1")
        #expect(resolver.loginBase(for: frankfurt) == "http://127.0.0.1:8080/eu-central-1")
    }

    @Test(arguments: [
        "http://127.0.0.1:9/{region}", "http://127.10.20.30/{region}", "http://localhost:8080/{region}",
        "http://[::1]:8080/{region}", "https://gateway.example.com/{region}", "https://{region}.gateway.example.com",
    ])
    func acceptedTemplates(_ template: String) throws {
        #expect(throws: Never.self) { try EndpointResolver(template: template) }
    }

    @Test(arguments: [
        "http://gateway.example.com/{region}",  // plain http off loopback
        "http://127.0.0.1.evil.example/{region}",  // looks like loopback, is not
        "http://128.0.0.1/{region}",
        "http://10.0.0.1:8080/{region}",
        "https://gateway.example.com/",  // no {region}
        "ftp://127.0.0.1/{region}",
        "not a url {region}",
    ])
    func refusedTemplates(_ template: String) {
        #expect(throws: GenesysError.self) { try EndpointResolver(template: template) }
        do {
            _ = try EndpointResolver(template: template)
        } catch {
            #expect(error.kind == .configuration)
            #expect(error.description.contains(template.trimmingCharacters(in: .whitespaces)))
        }
    }
}
