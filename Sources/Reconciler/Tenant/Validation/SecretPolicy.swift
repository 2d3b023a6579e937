/// Keeps secrets out of tenant files: a secret belongs in an environment variable that the file names.
enum SecretPolicy {
    /// Key fragments that mark a value as a credential (compared case-insensitively).
    static let secretFragments = ["secret", "password", "passwd", "token", "apikey", "api_key", "privatekey", "private_key"]

    /// Whether an unknown key looks like it holds a credential.
    static func looksLikeSecretKey(_ key: String) -> Bool {
        let lowered = key.lowercased()
        return secretFragments.contains { lowered.contains($0) }
    }

    /// Environment variable names as POSIX shells accept them, upper case by convention.
    static func isEnvironmentVariableName(_ value: String) -> Bool {
        guard let first = value.unicodeScalars.first, first == "_" || ("A"..."Z").contains(first) else { return false }
        return value.unicodeScalars.allSatisfy { $0 == "_" || ("A"..."Z").contains($0) || ("0"..."9").contains($0) }
    }
}
