import Reconciler
import Testing

/// `validate --format github`: each diagnostic as a GitHub Actions workflow command.
@Suite struct GitHubAnnotationTests {
    @Test func anErrorBecomesAnErrorCommandWithItsHintOnASecondLine() {
        let diagnostic = Diagnostic(
            at: SourceLocation(file: "tenants/acme-eu.yaml", line: 9, column: 7), "unknown key `stlyes` in `messenger`",
            hint: "did you mean `styles`?")
        #expect(
            diagnostic.githubAnnotation
                == "::error file=tenants/acme-eu.yaml,line=9,col=7::unknown key `stlyes` in `messenger`%0Adid you mean `styles`?")
    }

    @Test func aWarningBecomesAWarningCommand() {
        let diagnostic = Diagnostic(.warning, at: SourceLocation(file: "t.yaml", line: 1, column: 1), "heads up")
        #expect(diagnostic.githubAnnotation == "::warning file=t.yaml,line=1,col=1::heads up")
    }

    /// A value from a file cannot end the command early or forge a second one.
    @Test func percentNewlinesAndPropertySeparatorsAreEscaped() {
        let diagnostic = Diagnostic(
            at: SourceLocation(file: "odd,name:1.yaml", line: 2, column: 3), "100% wrong\n::error::forged\r")
        #expect(
            diagnostic.githubAnnotation
                == "::error file=odd%2Cname%3A1.yaml,line=2,col=3::100%25 wrong%0A::error::forged%0D")
    }
}
