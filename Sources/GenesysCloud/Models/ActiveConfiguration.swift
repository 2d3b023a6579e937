/// The configuration a deployment is serving (`WebDeploymentActiveConfigurationOnDeployment`, reference §4.2).
public struct ActiveConfiguration: APIObject {
    public var fields: [String: JSONValue]

    public init(fields: [String: JSONValue]) { self.fields = fields }

    /// The active configuration version.
    public var configurationVersion: ConfigurationVersion? {
        fields["configurationVersion"]?.objectValue.map(ConfigurationVersion.init(fields:))
    }
    /// The deployment it is active on.
    public var deployment: Deployment? { fields["deployment"]?.objectValue.map(Deployment.init(fields:)) }
}
