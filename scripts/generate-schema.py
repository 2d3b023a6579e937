#!/usr/bin/env python3
"""Generates the API field knowledge messengerctl validates tenant files against.

Reads the OpenAPI (swagger 2.0) text of the reference (../shared/reference/openapi/web-deployments.yml, and
supported-content.yml for the profiles a file manages, reference §8) and writes, for
`WebDeploymentConfigurationVersion`, `WebDeployment`, `SupportedContent` and every model they nest:
  - Sources/Reconciler/Schema/APISchema+Generated.swift  (JSON name, type, enum values, read-only flag)
  - schemas/tenant.schema.json                            (JSON Schema draft 2020-12, for editors)

Run from anywhere:  python3 scripts/generate-schema.py [--check] [path/to/openapi/dir]
(--check writes nothing and exits 1 when a committed output differs from what the spec gives).
Both outputs are committed; a test checks that they agree on the set of keys.

Choices (kept here so the outputs never disagree):
  - Read-only properties (readOnly: true in the spec; reference §4 says these equal the SDK flags) are
    listed in the Swift table so validation can refuse them by name, and left out of the JSON Schema.
  - `status` is not readOnly in the spec, but the server sets it (Pending → Active, reference §3.5),
    so DESIGN.md refuses it too: it is marked read-only here.
  - Entity references (`*EntityRef`, `AddressableEntityRef`, `DomainEntityRef`) are written by id:
    only their scalar properties are kept, so `flow.publishVersion` (a whole FlowVersion → User → …
    closure) is not part of the tenant format.
  - Models reached only through read-only properties are not expanded.
"""
import json
import os
import sys

import yaml

ROOTS = ["WebDeploymentConfigurationVersion", "WebDeployment", "SupportedContent"]
REFERENCE_LIKE = ("EntityRef",)
REGIONS = [
    "us-east-1", "us-east-2", "us-west-2", "ca-central-1", "sa-east-1", "mx-central-1",
    "eu-west-1", "eu-west-2", "eu-central-1", "eu-central-2", "eusc-de-east-1", "me-central-1",
    "ap-south-1", "ap-southeast-1", "ap-southeast-2", "ap-northeast-1", "ap-northeast-2", "ap-northeast-3",
]


def ref_name(prop):
    return prop["$ref"].split("/")[-1]


def is_reference(name):
    return name.endswith(REFERENCE_LIKE) or name in ("AddressableEntityRef", "DomainEntityRef")


def collect(defs):
    models = {}
    order = []
    pending = list(ROOTS)
    while pending:
        name = pending.pop(0)
        if name in models:
            continue
        props = defs[name].get("properties", {})
        required = set(defs[name].get("required", []))
        fields = []
        for key, prop in props.items():
            read_only = bool(prop.get("readOnly")) or (name in ROOTS and key == "status")
            t = field_type(prop)
            if is_reference(name) and t["kind"] in ("object", "array", "map"):
                continue
            fields.append({"name": key, "type": t, "readOnly": read_only, "description": prop.get("description", ""),
                           "required": key in required and not read_only, "limits": limits(prop)})
            if not read_only:
                for nested in nested_models(t):
                    if nested not in models and nested not in pending:
                        pending.append(nested)
        models[name] = fields
        order.append(name)
    return models, sorted(order)


def field_type(prop):
    if "$ref" in prop:
        return {"kind": "object", "model": ref_name(prop)}
    t = prop.get("type")
    if t == "array":
        return {"kind": "array", "items": field_type(prop["items"])}
    if t == "object":
        extra = prop.get("additionalProperties")
        if isinstance(extra, dict):
            return {"kind": "map", "items": field_type(extra)}
        return {"kind": "any"}
    if t == "boolean":
        return {"kind": "bool"}
    if t == "integer":
        return {"kind": "integer"}
    if t == "number":
        return {"kind": "number"}
    if t == "string":
        return {"kind": "string", "enum": prop.get("enum", []), "format": prop.get("format")}
    return {"kind": "any"}


def limits(prop):
    """`pattern`, `maxLength`/`minLength` and the integer range (`int32`/`int64` bounds) of one property."""
    out = {}
    for key in ("pattern", "minLength", "maxLength", "minimum", "maximum"):
        if key in prop:
            out[key] = prop[key]
    if prop.get("type") == "integer":
        # The format's bounds: int32, else a long (int64, or no format), which the server reads as such.
        bits = 32 if prop.get("format") == "int32" else 64
        out.setdefault("minimum", -2**(bits - 1))
        out.setdefault("maximum", 2**(bits - 1) - 1)
    return out


def nested_models(t):
    if t["kind"] == "object":
        return [t["model"]]
    if t["kind"] in ("array", "map"):
        return nested_models(t["items"])
    return []


def swift_string(s):
    return json.dumps(s, ensure_ascii=False)


def swift_type(t):
    k = t["kind"]
    if k == "string":
        parts = []
        if t["enum"]:
            parts.append("enumValues: [" + ", ".join(swift_string(v) for v in t["enum"]) + "]")
        if t.get("format"):
            parts.append("format: " + swift_string(t["format"]))
        return ".string(" + ", ".join(parts) + ")"
    if k == "bool":
        return ".bool"
    if k == "integer":
        return ".integer"
    if k == "number":
        return ".number"
    if k == "object":
        return ".object(" + swift_string(t["model"]) + ")"
    if k == "array":
        return ".array(" + swift_type(t["items"]) + ")"
    if k == "map":
        return ".map(" + swift_type(t["items"]) + ")"
    return ".any"


def write_swift(models, order, path, source):
    lines = [
        f"// Generated by scripts/generate-schema.py from {source}. Do not edit; re-run the script.",
        "",
        "extension APISchema {",
        "    /// Every model of `WebDeploymentConfigurationVersion`, `WebDeployment` and `SupportedContent` the tenant",
        "    /// format can set (reference §4.1, §4.2, §8), with JSON names, types, enum values and read-only flags.",
        "    static let generatedModels: [SchemaModel] = [",
    ]
    for name in order:
        lines.append(f"        SchemaModel(name: {swift_string(name)}, fields: [")
        for f in models[name]:
            ro = ", readOnly: true" if f["readOnly"] else ""
            extra = ""
            if f["required"]:
                extra += ", required: true"
            lim = f["limits"]
            if "pattern" in lim:
                extra += ", pattern: " + swift_string(lim["pattern"])
            if "maxLength" in lim:
                extra += ", maxLength: %d" % lim["maxLength"]
            if "minimum" in lim or "maximum" in lim:
                extra += ", range: %d...%d" % (lim.get("minimum", -2**63), lim.get("maximum", 2**63 - 1))
            lines.append(f"            SchemaField({swift_string(f['name'])}, {swift_type(f['type'])}{ro}{extra}),")
        lines.append("        ]),")
    lines += ["    ]", "}", ""]
    emit(path, "\n".join(lines))


def json_type(t):
    k = t["kind"]
    if k == "string":
        j = {"type": "string"}
        if t["enum"]:
            j["enum"] = t["enum"]
        return j
    if k == "bool":
        return {"type": "boolean"}
    if k == "integer":
        return {"type": "integer"}
    if k == "number":
        return {"type": "number"}
    if k == "object":
        return {"$ref": "#/$defs/" + t["model"]}
    if k == "array":
        return {"type": "array", "items": json_type(t["items"])}
    if k == "map":
        return {"type": "object", "additionalProperties": json_type(t["items"])}
    return {}


def model_schema(fields, descriptions=True):
    props = {}
    for f in fields:
        if f["readOnly"]:
            continue
        j = json_type(f["type"])
        if descriptions and f["description"]:
            j = dict(j)
            j["description"] = f["description"]
        props[f["name"]] = j
    return {"type": "object", "additionalProperties": False, "properties": props}


def write_json_schema(models, order, path):
    defs = {name: model_schema(models[name]) for name in order}
    hex_colour = {"type": "string", "pattern": "^#[0-9A-Fa-f]{6}$"}
    env_name = {"type": "string", "pattern": "^[A-Z_][A-Z0-9_]*$", "description": "Name of an environment variable"}
    greeting = {
        "type": "object", "additionalProperties": False,
        "properties": {k: {"type": "string"} for k in ("title", "subtitle", "launcher")},
    }
    configuration = model_schema(models["WebDeploymentConfigurationVersion"])
    configuration["properties"]["greetings"] = {
        "type": "object",
        "description": "Sugar for customI18nLabels by language: title → MessengerHomeHeaderTitle, "
        "subtitle → MessengerHomeHeaderSubTitle, launcher → MessengerLauncherButtonText",
        "additionalProperties": {"$ref": "#/$defs/TenantGreeting"},
    }
    configuration["required"] = ["name"]
    deployment = model_schema(models["WebDeployment"])
    deployment["properties"]["configuration"] = {
        "description": "The configuration this deployment serves: its name (the deployment follows the "
        "latest published version), or {name, version} to pin it to one published version (after a rollback)",
        "oneOf": [
            {"type": "string", "description": "Name of a configuration in this tenant"},
            {"type": "object", "additionalProperties": False, "required": ["name"],
             "properties": {
                 "name": {"type": "string", "description": "Name of a configuration in this tenant"},
                 "version": {"type": "integer", "minimum": 1,
                             "description": "Published version to serve; moving the deployment off it is a guarded change"}}},
        ]}
    deployment["required"] = ["name", "configuration"]
    hhmm = {"type": "string", "pattern": "^([01][0-9]|2[0-3]):[0-5][0-9]$"}
    availability = {
        "type": "object", "additionalProperties": False, "required": ["name", "timeZone"],
        "properties": {
            "name": {"type": "string"},
            "timeZone": {"type": "string", "description": "IANA time zone, e.g. Europe/Dublin"},
            "open": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["days", "from", "to"],
                "properties": {
                    "days": {"type": "array", "items": {"enum": ["MO", "TU", "WE", "TH", "FR", "SA", "SU"]}},
                    "from": hhmm, "to": hhmm}}},
            "closed": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["name", "date"],
                "properties": {"name": {"type": "string"},
                               "date": {"type": "string", "pattern": "^[0-9]{4}-[0-9]{2}-[0-9]{2}$"}}}},
        },
    }
    # `supportedContents:` entries (reference §8): the API's SupportedContent, plus `default: true` for the
    # org's default profile (PUT …/supportedcontent/default).
    supported_content = model_schema(models["SupportedContent"])
    supported_content["properties"]["default"] = {
        "type": "boolean",
        "description": "Make this the org's default supported content profile (at most one profile of a file)"}
    supported_content["required"] = ["name"]
    defs["TenantSupportedContent"] = supported_content
    add_references_by_name(defs, configuration, deployment)
    defs["TenantGreeting"] = greeting
    defs["TenantConfiguration"] = configuration
    defs["TenantDeployment"] = deployment
    defs["TenantAvailability"] = availability
    # In a file that `extends` a base, lists of named objects merge by `name`; this entry removes the
    # base's element of that name instead.
    defs["TenantRemoval"] = {
        "type": "object", "additionalProperties": False, "required": ["name", "remove"],
        "description": "Removes the element of this name that a base (extends) lists",
        "properties": {"name": {"type": "string"}, "remove": {"const": True}},
    }

    def named_list(definition):
        return {"type": "array", "items": {"anyOf": [{"$ref": "#/$defs/" + definition}, {"$ref": "#/$defs/TenantRemoval"}]}}
    schema = {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": "https://messengerctl.invalid/schemas/tenant.schema.json",
        "title": "messengerctl tenant file",
        "description": "Desired state of one Genesys Cloud org's Web Messaging (generated by scripts/generate-schema.py)",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "tenant": {"type": "string", "description": "Must equal the file name without .yaml"},
            "region": {"enum": REGIONS},
            "organizationId": {"type": "string", "pattern": "^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$"},
            "credentials": {
                "type": "object", "additionalProperties": False, "required": ["clientIdEnv", "clientSecretEnv"],
                "properties": {"clientIdEnv": env_name, "clientSecretEnv": env_name}},
            "extends": {"type": "string", "description": "Base file, relative to this file. Mappings merge, configurations, "
                        "deployments, availability and supportedContents merge by name ({name: x, remove: true} drops the base's x), "
                        "other lists replace, null removes"},
            "prune": {"type": "boolean"},
            "policy": {
                "type": "object", "additionalProperties": False,
                "properties": {
                    "minContrast": {"type": "number", "minimum": 1, "maximum": 21},
                    "contrastWith": hex_colour,
                    "maxGreetingLength": {"type": "integer", "minimum": 1}}},
            "configurations": named_list("TenantConfiguration"),
            "deployments": named_list("TenantDeployment"),
            "availability": named_list("TenantAvailability"),
            "supportedContents": named_list("TenantSupportedContent"),
            "ignore": {"type": "array", "items": {
                "type": "object", "additionalProperties": False, "required": ["path", "reason"],
                "properties": {"path": {"type": "string"}, "reason": {"type": "string", "minLength": 1}}}},
        },
        "$defs": defs,
    }
    emit(path, json.dumps(schema, indent=2, ensure_ascii=False, sort_keys=True) + "\n")


def add_references_by_name(defs, configuration, deployment):
    """Reference §8: wherever the API holds a reference `{id}`, a file may write `{name}` instead (the other
    members stay: a push integration's `provider`, a category's `image`); `authenticationSettings` takes
    `integration: {name}` beside the bare `integrationId`. The API models keep their own keys."""
    name = {"type": "string", "minLength": 1, "description": "The object's name in the target org; plan resolves it to that org's id"}
    defs["TenantReferenceByName"] = {
        "type": "object", "additionalProperties": False, "required": ["name"], "properties": {"name": name},
        "description": "An object of the org named instead of its id (ids differ per org)"}

    def by_name(model, keep=()):
        props = {"name": name}
        for key in keep:
            props[key] = defs[model]["properties"][key]
        return {"type": "object", "additionalProperties": False, "required": ["name"], "properties": props}

    def either(prop, alternative):
        target = prop.get("items", prop) if prop.get("type") == "array" else prop
        plain = {k: v for k, v in target.items() if k != "description"}
        for k in list(target):
            if k != "description":
                del target[k]
        target["anyOf"] = [plain, alternative]

    either(deployment["properties"]["flow"], {"$ref": "#/$defs/TenantReferenceByName"})
    either(deployment["properties"]["supportedContent"], {"$ref": "#/$defs/TenantReferenceByName"})
    either(deployment["properties"]["pushIntegrations"], by_name("PushIntegration", ["provider"]))
    either(defs["Knowledge"]["properties"]["knowledgeBase"], {"$ref": "#/$defs/TenantReferenceByName"})
    center = defs["SupportCenterSettings"]["properties"]
    either(center["knowledgeBase"], {"$ref": "#/$defs/TenantReferenceByName"})
    either(center["enabledCategories"], by_name("SupportCenterCategory", ["image"]))
    either(defs["SupportCenterLabelFilter"]["properties"]["labels"], {"$ref": "#/$defs/TenantReferenceByName"})
    auth = json.loads(json.dumps(defs["AuthenticationSettings"]))
    del auth["properties"]["integrationId"]
    auth["properties"]["integration"] = {"$ref": "#/$defs/TenantReferenceByName"}
    defs["TenantAuthenticationSettingsByName"] = auth
    either(configuration["properties"]["authenticationSettings"], {"$ref": "#/$defs/TenantAuthenticationSettingsByName"})


CHECK = "--check" in sys.argv
STALE = []


def emit(path, text):
    """Writes `text` to `path`, or with --check only notes whether the committed file differs."""
    if CHECK:
        try:
            with open(path) as f:
                if f.read() == text:
                    return
        except FileNotFoundError:
            pass
        STALE.append(path)
        return
    with open(path, "w") as out:
        out.write(text)


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    root = os.path.dirname(here)
    args = [a for a in sys.argv[1:] if a != "--check"]
    openapi_dir = args[0] if args else os.path.join(root, "..", "shared", "reference", "openapi")
    with open(os.path.join(openapi_dir, "web-deployments.yml")) as f:
        defs = yaml.safe_load(f)["definitions"]
    with open(os.path.join(openapi_dir, "supported-content.yml")) as f:
        for name, definition in yaml.safe_load(f)["definitions"].items():
            defs.setdefault(name, definition)
    models, order = collect(defs)
    write_swift(models, order, os.path.join(root, "Sources/Reconciler/Tenant/Schema/APISchema+Generated.swift"),
                "reference/openapi/web-deployments.yml and supported-content.yml")
    write_json_schema(models, order, os.path.join(root, "schemas/tenant.schema.json"))
    if CHECK and STALE:
        print("out of date (re-run scripts/generate-schema.py): " + ", ".join(STALE), file=sys.stderr)
        sys.exit(1)
    print(f"{len(order)} models, {sum(len(v) for v in models.values())} fields" + (", outputs up to date" if CHECK else ""))


if __name__ == "__main__":
    main()
