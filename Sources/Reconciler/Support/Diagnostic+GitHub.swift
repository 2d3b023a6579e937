extension Diagnostic {
    /// The diagnostic as a GitHub Actions workflow command (`::error file=…,line=…,col=…::message`), so
    /// GitHub annotates the line of the pull request's diff. The hint follows on a second line.
    ///
    /// Escaping follows the runner's rules: `%`, CR and LF in the message; also `:` and `,` in properties.
    public var githubAnnotation: String {
        let command = severity == .error ? "error" : "warning"
        let properties = "file=\(Self.escapeProperty(location.file)),line=\(location.line),col=\(location.column)"
        let text = hint.map { "\(message)\n\($0)" } ?? message
        return "::\(command) \(properties)::\(Self.escapeData(text))"
    }

    static func escapeData(_ text: String) -> String {
        text.replacingOccurrences(of: "%", with: "%25").replacingOccurrences(of: "\r", with: "%0D")
            .replacingOccurrences(of: "\n", with: "%0A")
    }

    static func escapeProperty(_ text: String) -> String {
        escapeData(text).replacingOccurrences(of: ":", with: "%3A").replacingOccurrences(of: ",", with: "%2C")
    }
}
