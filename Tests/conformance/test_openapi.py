"""Property-based conformance: the reference's OpenAPI files drive the emulator through schemathesis.

Every operation the emulator serves is generated from ../shared/reference/openapi/*.yml, schema-valid
(positive) and schema-violating (negative) requests alike. Run through scripts/conformance, which starts
the emulator and sets EMULATOR_URL; CONFORMANCE_MAX_EXAMPLES bounds the examples per operation and mode.

What must hold: no 5xx and no crash; a schema-violating request is never accepted; a schema-valid one is
accepted unless a documented business rule refuses it (BUSINESS_RULES, each with its reference section);
every answer matches its response schema. Relative `selfUri`/`nextUri` values are what production sends,
so the spec's `format: uri` is dropped before validating.
"""
import copy
import json
import os
import re

import pytest
import requests
import schemathesis
import yaml
from hypothesis import HealthCheck, settings
from schemathesis import GenerationMode
from schemathesis.checks import negative_data_rejection, not_a_server_error, response_schema_conformance
from schemathesis.config import SchemathesisConfig

BASE = os.environ["EMULATOR_URL"]
REGION_URL = BASE + "/eu-west-1"
CI = ("acme-eu-ci", "acme-eu-ci-secret")
MAX_EXAMPLES = int(os.environ.get("CONFORMANCE_MAX_EXAMPLES", "20"))
SPEC_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..", "..", "shared", "reference", "openapi")

# The operations the emulator serves (emulator/README.md "What it serves"), by spec file.
SERVED = {
    "web-deployments.yml": [
        ("GET", "/api/v2/webdeployments/configurations"),
        ("POST", "/api/v2/webdeployments/configurations"),
        ("DELETE", "/api/v2/webdeployments/configurations/{configurationId}"),
        ("GET", "/api/v2/webdeployments/configurations/{configurationId}/versions"),
        ("GET", "/api/v2/webdeployments/configurations/{configurationId}/versions/{versionId}"),
        ("GET", "/api/v2/webdeployments/configurations/{configurationId}/versions/draft"),
        ("PUT", "/api/v2/webdeployments/configurations/{configurationId}/versions/draft"),
        ("POST", "/api/v2/webdeployments/configurations/{configurationId}/versions/draft/publish"),
        ("GET", "/api/v2/webdeployments/deployments"),
        ("POST", "/api/v2/webdeployments/deployments"),
        ("GET", "/api/v2/webdeployments/deployments/{deploymentId}"),
        ("PUT", "/api/v2/webdeployments/deployments/{deploymentId}"),
        ("DELETE", "/api/v2/webdeployments/deployments/{deploymentId}"),
        ("GET", "/api/v2/webdeployments/deployments/{deploymentId}/configurations"),
    ],
    "architect.yml": [
        (method, path)
        for base, item in (("/api/v2/architect/schedules", "/{scheduleId}"),
                           ("/api/v2/architect/schedulegroups", "/{scheduleGroupId}"))
        for method, path in [("GET", base), ("POST", base), ("GET", base + item), ("PUT", base + item),
                             ("DELETE", base + item)]
    ],
    "audit.yml": [
        ("POST", "/api/v2/audits/query"),
        ("GET", "/api/v2/audits/query/{transactionId}"),
        ("GET", "/api/v2/audits/query/{transactionId}/results"),
        ("POST", "/api/v2/audits/query/realtime"),
        ("POST", "/api/v2/audits/query/realtime/related"),
        ("GET", "/api/v2/audits/query/servicemapping"),
        ("GET", "/api/v2/audits/query/realtime/servicemapping"),
    ],
    # reference §8: the objects deployments and configurations refer to.
    "flows.yml": [("GET", "/api/v2/flows"), ("GET", "/api/v2/flows/{flowId}")],
    "supported-content.yml": [
        ("GET", "/api/v2/conversations/messaging/supportedcontent"),
        ("POST", "/api/v2/conversations/messaging/supportedcontent"),
        ("GET", "/api/v2/conversations/messaging/supportedcontent/{supportedContentId}"),
        ("PATCH", "/api/v2/conversations/messaging/supportedcontent/{supportedContentId}"),
        ("DELETE", "/api/v2/conversations/messaging/supportedcontent/{supportedContentId}"),
        ("GET", "/api/v2/conversations/messaging/supportedcontent/default"),
        ("PUT", "/api/v2/conversations/messaging/supportedcontent/default"),
    ],
    "knowledge.yml": [
        ("GET", "/api/v2/knowledge/knowledgebases"),
        ("GET", "/api/v2/knowledge/knowledgebases/{knowledgeBaseId}"),
        ("GET", "/api/v2/knowledge/knowledgebases/{knowledgeBaseId}/categories"),
        ("GET", "/api/v2/knowledge/knowledgebases/{knowledgeBaseId}/labels"),
    ],
    "integrations.yml": [("GET", "/api/v2/integrations"), ("GET", "/api/v2/integrations/{integrationId}")],
}

# A schema-valid request may still be refused by a rule the reference documents outside the schema.
# (status, codes, detail fieldName pattern or None, detail errorCode pattern or None, why).
BUSINESS_RULES = [
    (404, {"not.found", "general.resource.not.found", "architect.flow.not.found", "knowledgebase.not.found"}, None, None,
     "§5.1: the id names no object of the org"),
    (400, {"invalid.media.type"}, r"^mediaTypes\.allow\.(inbound|outbound)\[\d+\]\.type$", None,
     "§8: supported content media types are RFC 2046 types (wildcards allowed)"),
    (400, {"supported.content.in.use"}, None, None, "§8, [SPEC supported-content.yml]: a deployment uses the profile"),
    (400, {"supported.content.id.required"}, r"^id$", None, "[SPEC supported-content.yml]: the default needs a profile id"),
    (400, {"invalid.value"}, r"^configuration$", None, "§3.5 item 3: a deployment names a published configuration version"),
    (400, {"bad.flow.id"}, None, None, "§3.5 item 7, §8: the flow does not exist in the org"),
    (404, {"scp.id.not.found"}, None, None, "§3.5 item 7, §8: the supported content profile does not exist"),
    (400, {"invalid.value"}, r"^allowedDomains$", None, "§3.5 item 10: allowedDomains empty when allowAllDomains"),
    (400, {"invalid.value", "invalid.date"}, r"^(languages|defaultLanguage|customI18nLabels|supportCenter(\..*)?)$", None,
     "§4.1: languages/defaultLanguage required when the messenger is enabled, push labels when notifications "
     "are, the support center's parts when it is (§4 required-ness drift)"),
    (400, {"invalid.value"}, r"^messenger\.styles\.primaryColor$", None, "emulator/README.md: primaryColor in hexadecimal"),
    (400, {"invalid.value", "invalid.date"}, None, r"^constraint\.validation: must be at (least|most)", "int32 format bounds (§4)"),
    (400, {"invalid.property"}, None, None, "§5.1 invalid.property: the server's models are closed (emulator/README.md)"),
    (400, {"invalid.date", "invalid.value"}, None, r"^invalid\.date", "§3.3, §4.4: LocalDateTime, start < end, rrule; timeZone; §4.3 interval"),
    (400, {"invalid.value"}, r"^(open|closed|holiday)Schedules\[\d+\]\.id$", None, "§4.4: a group names schedules of its org"),
    (400, {"invalid.value"}, r"^version$", None, "§5.4, §7.7: a schedule PUT carries the current version"),
    (409, {"general.conflict", "resource.conflict", "request.conflict"}, None, None, "§5.4 stale version; §3.5 item 6 still in use"),
    (400, {"bad.request"}, None, None, "§3.5 item 5: publish while Pending; §3.2: results before the query succeeded"),
    (400, {"invalid.query.param.value"}, r"^(before|after|cursor|pageSize|pageNumber|expand|showOnlyPublished|limit)$", None,
     "§3.5 item 8: cursors are the server's; §3.2: pageSize at most 500; §3.1: pageSize is a number"),
]


def token():
    answer = requests.post(REGION_URL + "/oauth/token", data={"grant_type": "client_credentials"}, auth=CI, timeout=10)
    answer.raise_for_status()
    return answer.json()["access_token"]


HEADERS = {"Authorization": "Bearer " + token()}


def without_uri_format(node):
    if isinstance(node, dict):
        return {k: without_uri_format(v) for k, v in node.items() if not (k == "format" and v == "uri")}
    if isinstance(node, list):
        return [without_uri_format(v) for v in node]
    return node


def load(name):
    with open(os.path.join(SPEC_DIR, name)) as f:
        raw = yaml.safe_load(f)
    served = set(SERVED[name])
    paths = {}
    for path, operations in raw["paths"].items():
        kept = {m: op for m, op in operations.items() if (m.upper(), path) in served}
        if kept:
            paths[path] = kept
    raw = without_uri_format(copy.deepcopy(raw))
    # §4 "Required-ness drift": SupportCenterSettings' own required fields apply only when the support
    # center is enabled (the .NET SDK marks them optional), so a disabled support center without them is
    # valid both ways, request and response. Its parts stay required when sent, as the emulator holds.
    center = raw.get("definitions", {}).get("SupportCenterSettings")
    if center is not None:
        center.pop("required", None)
    raw["paths"] = paths
    raw["host"] = REGION_URL.split("//", 1)[1].split("/", 1)[0]
    raw["schemes"] = ["http"]
    raw["basePath"] = "/eu-west-1"
    config = SchemathesisConfig()
    config.projects.default.update(base_url=REGION_URL, headers=HEADERS)
    config.projects.default.generation.update(
        modes=[GenerationMode.POSITIVE, GenerationMode.NEGATIVE], max_examples=MAX_EXAMPLES)
    return schemathesis.openapi.from_dict(raw, config=config)


def documented_rejection(response):
    try:
        body = response.json()
    except ValueError:
        return None
    code = body.get("code")
    details = body.get("details") or [{}]
    for status, codes, field, error, why in BUSINESS_RULES:
        if response.status_code != status or code not in codes:
            continue
        if all((field is None or re.search(field, d.get("fieldName") or "")) and
               (error is None or re.search(error, d.get("errorCode") or "")) for d in details):
            return why
    return None


def check(case):
    response = case.call(base_url=REGION_URL, headers=HEADERS, timeout=10)
    assert response.status_code < 500, "%s %s → %d %s" % (case.method, case.formatted_path, response.status_code, response.text)
    if case.meta and case.meta.generation.mode == GenerationMode.NEGATIVE:
        case.validate_response(response, checks=[not_a_server_error, negative_data_rejection], headers=HEADERS)
        return
    if 400 <= response.status_code < 500:
        why = documented_rejection(response)
        assert why, "schema-valid request refused without a documented rule: %s %s %s → %d %s" % (
            case.method, case.formatted_path, json.dumps(case.body)[:400] if case.body is not None else "",
            response.status_code, response.text[:600])
        return
    case.validate_response(response, checks=[response_schema_conformance], headers=HEADERS)


SUPPRESS = list(HealthCheck)


def make_test(name):
    schema = load(name)

    @schema.parametrize()
    @settings(max_examples=MAX_EXAMPLES, deadline=None, suppress_health_check=SUPPRESS)
    def test(case):
        check(case)

    return test


test_web_deployments = make_test("web-deployments.yml")
test_architect = make_test("architect.yml")
test_audit = make_test("audit.yml")
test_flows = make_test("flows.yml")
test_supported_content = make_test("supported-content.yml")
test_knowledge = make_test("knowledge.yml")
test_integrations = make_test("integrations.yml")


def test_every_served_operation_is_generated():
    for name, operations in SERVED.items():
        schema = load(name)
        found = {(op.ok().method.upper(), op.ok().path) for op in schema.get_all_operations()}
        assert found == set(operations), (name, sorted(set(operations) - found))
