import Foundation
import Testing

@testable import GenesysCloud

@Suite struct SecretTests {
    let sentinel = "SENTINEL-s3cr3t-4a7f"

    @Test func aSecretNeverPrintsItself() {
        let secret = Secret(sentinel)
        let credentials = ClientCredentials(clientId: "ci-client", clientSecret: secret)
        var dumped = ""
        dump(credentials, to: &dumped)
        var dumpedSecret = ""
        dump(secret, to: &dumpedSecret)
        let renderings = [
            "\(secret)", String(describing: secret), String(reflecting: secret), secret.description,
            secret.debugDescription, "\(credentials)", String(reflecting: credentials), dumped, dumpedSecret,
        ]
        for text in renderings {
            #expect(!text.contains(sentinel), "leaked in: \(text)")
        }
        #expect("\(secret)" == "<redacted>")
        #expect(dumped.contains("ci-client"))
        #expect(secret.reveal() == sentinel)
    }
}
