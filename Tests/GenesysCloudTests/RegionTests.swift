import Testing

@testable import GenesysCloud

@Suite struct RegionTests {
    @Test func tableHasTheEighteenRegionsOfTheReference() {
        #expect(Region.all.count == 18)
        #expect(Set(Region.all.map(\.id)).count == 18)
        #expect(Set(Region.all.map(\.apiHost)).count == 18)
    }

    @Test func loginHostIsDerivedFromTheApiHost() throws {
        let ireland = try #require(Region.named("eu-west-1"))
        #expect(ireland.apiHost == "api.mypurecloud.ie")
        #expect(ireland.loginHost == "login.mypurecloud.ie")
        let gov = try #require(Region.named("us-east-2"))
        #expect(gov.loginHost == "login.use2.us-gov-pure.cloud")
        for region in Region.all {
            #expect(region.loginHost.hasPrefix("login."))
            #expect(region.loginHost.dropFirst(6) == region.apiHost.dropFirst(4))
        }
    }

    @Test func namesAcceptTheSdkSpellingAndRefuseUnknownRegions() {
        #expect(Region.named("AP_SOUTHEAST_2")?.apiHost == "api.mypurecloud.com.au")
        #expect(Region.named("eu-west-9") == nil)
        #expect(Region.named("") == nil)
    }
}
