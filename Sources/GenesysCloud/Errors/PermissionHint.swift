/// Explains a 401/403 in terms of the permission the OAuth client's role probably lacks.
///
/// Client-credentials clients are authorized by the permissions of their roles, not by scopes
/// (reference §2.3); the permission per operation is the table of reference §2.5 / §3.1–3.3.
enum PermissionHint {
    /// The permission(s) `method path` needs, or `nil` when the reference lists none.
    static func permissions(method: String, path: String) -> [String]? {
        let segments = path.split(separator: "/").map(String.init)
        // segments: ["api", "v2", area, ...]
        guard segments.count >= 3, segments[0] == "api", segments[1] == "v2" else { return nil }
        let rest = Array(segments.dropFirst(2))
        switch rest.first {
        case "webdeployments":
            guard rest.count >= 2 else { return nil }
            if rest[1] == "configurations" {
                if rest.last == "publish" {
                    // reference §2.5: publish needs edit AND add.
                    return ["webDeployments:configuration:edit", "webDeployments:configuration:add"]
                }
                return ["webDeployments:configuration:" + verb(method, collection: rest.count == 2)]
            }
            if rest[1] == "deployments" {
                // GET /deployments/{id}/configurations "Requires NO permissions" (reference §3.1 #14).
                if rest.count == 4, rest[3] == "configurations" { return [] }
                return ["webDeployments:deployment:" + verb(method, collection: rest.count == 2)]
            }
            return nil
        case "architect":
            guard rest.count >= 2 else { return nil }
            let domain = rest[1] == "schedulegroups" ? "routing:scheduleGroup:" : "routing:schedule:"
            return [domain + verb(method, collection: rest.count == 2)]
        case "audits":
            return ["audits:audit:view"]
        case "tokens":
            return []
        default:
            return nil
        }
    }

    private static func verb(_ method: String, collection: Bool) -> String {
        switch method {
        case "POST": collection ? "add" : "edit"
        case "PUT": "edit"
        case "DELETE": "delete"
        default: "view"
        }
    }

    /// The advice to print for a 401/403 answer to `method path`.
    static func hint(status: Int, code: String?, method: String, path: String, client: String) -> String? {
        if path.hasSuffix("/oauth/token") {
            // reference §2.1: client-credentials clients belong to one region.
            return "The OAuth client \(client) was refused a token: check the client id and secret environment "
                + "variables, that the client uses the Client Credentials grant and is active, and that it "
                + "belongs to this region"
        }
        if status == 401 {
            if code == "ip.not.authorized" {
                return "The org restricts API access by IP address; run from an allowed address"
            }
            // reference §2.2: a disabled or deleted client's tokens stop working.
            return "The token was refused even after requesting a new one; check that OAuth client \(client) "
                + "is still active and not disabled"
        }
        guard status == 403 else { return nil }
        guard let needed = permissions(method: method, path: path) else {
            return "The role of OAuth client \(client) lacks a permission for this operation"
        }
        if needed.isEmpty {
            return "This operation needs no permission; the org may restrict the OAuth client \(client) "
                + "(code \(code ?? "none"))"
        }
        var text = "The role of OAuth client \(client) probably lacks the permission "
            + needed.joined(separator: " and ")
        if code == "missing.division.permission" || code == "missing.division.permissions"
            || code == "missing.any.division.permissions"
        {
            // reference §2.3: division-scoped permissions.
            text += " in the object's division (grant the role all divisions)"
        }
        return text + "; add it to the client's role"  // reference §2.5
    }
}
