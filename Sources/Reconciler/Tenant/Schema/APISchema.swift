/// The API models a tenant file writes, generated from the reference's OpenAPI text by
/// `scripts/generate-schema.py` (see `APISchema+Generated.swift`).
public enum APISchema {
    /// Models by name.
    public static let models: [String: SchemaModel] = Dictionary(
        uniqueKeysWithValues: generatedModels.map { ($0.name, $0) })

    /// `WebDeploymentConfigurationVersion` (reference §4.1).
    public static var configuration: SchemaModel { models["WebDeploymentConfigurationVersion"]! }
    /// `WebDeployment` (reference §4.2).
    public static var deployment: SchemaModel { models["WebDeployment"]! }
    /// `SupportedContent` (reference §8).
    public static var supportedContent: SchemaModel { models["SupportedContent"]! }

    public static func model(_ name: String) -> SchemaModel? { models[name] }
}
