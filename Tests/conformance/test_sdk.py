"""Drives a running `messengerctl emulator` with the official Python SDK (purecloudplatformclientv2 269.0.0).

The SDK is used unchanged: host = http://HOST:PORT/REGION, so its login URL (regex api. -> login.,
reference §1) stays the same base and the token request goes to /REGION/oauth/token.
Run through scripts/conformance, which starts the emulator and sets EMULATOR_URL.
"""
import json
import os
import time

import pytest
import PureCloudPlatformClientV2 as gc
from PureCloudPlatformClientV2.rest import ApiException

BASE = os.environ["EMULATOR_URL"]
REGION = "eu-west-1"
CI = ("acme-eu-ci", "acme-eu-ci-secret")
UI = ("acme-eu-ui", "acme-eu-ui-secret")
INTERVAL = "2000-01-01T00:00:00Z/2100-01-01T00:00:00Z"


def client(credentials):
    api_client = gc.api_client.ApiClient(BASE + "/" + REGION)
    return api_client.get_client_credentials_token(*credentials)


def wait_until(predicate, timeout=10.0):
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("condition not met within %.1f s" % timeout)


def publish_when_active(api, configuration_id):
    # reference §3.5 item 5: wait for the draft to be Active before publishing.
    wait_until(lambda: api.get_webdeployments_configuration_versions_draft(configuration_id).status == "Active")
    return api.post_webdeployments_configuration_versions_draft_publish(configuration_id)


def test_auth_names_the_org():
    me = gc.TokensApi(client(CI)).get_tokens_me()
    assert me.organization.name == "acme-eu"
    assert me.organization.id == "8d2e4f6a-1b3c-4d5e-8f9a-0b1c2d3e4f5a"


def test_wrong_secret_is_refused():
    with pytest.raises(ApiException) as raised:
        gc.api_client.ApiClient(BASE + "/" + REGION).get_client_credentials_token(CI[0], "wrong")
    assert raised.value.status == 401


def test_configuration_draft_publish_versions_and_deployment():
    api = gc.WebDeploymentsApi(client(CI))
    body = gc.WebDeploymentConfigurationVersion()
    body.name = "conformance-config"
    body.languages = ["en-us"]
    body.default_language = "en-us"
    messenger = gc.MessengerSettings()
    messenger.enabled = True
    styles = gc.MessengerStyles()
    styles.primary_color = "#0055aa"
    messenger.styles = styles
    body.messenger = messenger
    created = api.post_webdeployments_configurations(body)
    assert created.version == "DRAFT"
    assert created.id

    # Draft edit by a second client: last write wins and lastModifiedUser changes.
    ui_api = gc.WebDeploymentsApi(client(UI))
    draft = ui_api.get_webdeployments_configuration_versions_draft(created.id)
    draft.description = "edited in the UI"
    edited = ui_api.put_webdeployments_configuration_versions_draft(created.id, draft)
    assert edited.description == "edited in the UI"
    assert edited.last_modified_user.id != created.created_user.id

    first = publish_when_active(api, created.id)
    assert first.version == "1"
    second = publish_when_active(api, created.id)
    assert second.version == "2"
    versions = api.get_webdeployments_configuration_versions(created.id)
    assert [v.version for v in versions.entities] == ["DRAFT", "2", "1"]
    assert api.get_webdeployments_configuration_version(created.id, "1").description == "edited in the UI"

    listing = api.get_webdeployments_configurations(page_size="1")
    assert listing.total >= 1
    assert len(listing.entities) == 1

    deployment = gc.WebDeployment()
    deployment.name = "conformance-deployment"
    deployment.allowed_domains = ["example.com"]
    reference = gc.WebDeploymentConfigurationVersionEntityRef()
    reference.id = created.id
    reference.version = "2"
    deployment.configuration = reference
    made = api.post_webdeployments_deployments(deployment)
    assert made.configuration.version == "2"
    assert made.snippet
    active = api.get_webdeployments_deployment_configurations(made.id)
    assert active.configuration_version.version == "2"
    expanded = api.get_webdeployments_deployments(expand=["Configuration"])
    assert any(d.id == made.id and d.configuration.name == "conformance-config" for d in expanded.entities)

    with pytest.raises(ApiException) as raised:
        api.delete_webdeployments_configuration(created.id)
    assert raised.value.status == 409
    assert json.loads(raised.value.body)["code"] == "resource.conflict"
    api.delete_webdeployments_deployment(made.id)
    api.delete_webdeployments_configuration(created.id)

    bad = gc.WebDeploymentConfigurationVersion()
    bad.description = "no name"
    with pytest.raises(ApiException) as raised:
        api.post_webdeployments_configurations(bad)
    assert raised.value.status == 400
    assert any(d["fieldName"] == "name" for d in json.loads(raised.value.body)["details"])


def test_schedule_with_a_stale_version_is_409():
    api = gc.ArchitectApi(client(CI))
    schedule = gc.Schedule()
    schedule.name = "conformance-hours-%d" % int(time.time() * 1000)
    schedule.start = "2026-01-01T08:00:00.000"
    schedule.end = "2026-01-01T17:00:00.000"
    schedule.rrule = "FREQ=WEEKLY;BYDAY=MO,TU,WE,TH,FR"
    created = api.post_architect_schedules(schedule)
    assert created.version == 1

    ui_api = gc.ArchitectApi(client(UI))
    current = ui_api.get_architect_schedule(created.id)
    current.description = "changed in the UI"
    assert ui_api.put_architect_schedule(created.id, current).version == 2

    created.description = "stale write"
    with pytest.raises(ApiException) as raised:
        api.put_architect_schedule(created.id, created)
    assert raised.value.status == 409
    assert json.loads(raised.value.body)["code"] == "general.conflict"

    listed = api.get_architect_schedules(name=schedule.name)
    assert listed.total == 1
    api.delete_architect_schedule(created.id)


def test_both_audit_queries():
    api = gc.WebDeploymentsApi(client(CI))
    body = gc.WebDeploymentConfigurationVersion()
    body.name = "audited-config"
    created = api.post_webdeployments_configurations(body)
    audit = gc.AuditApi(client(CI))

    entity_filter = gc.AuditQueryFilter()
    entity_filter.pcProperty = "EntityId"  # the SDK renames `property` (a Python builtin)
    entity_filter.value = created.id

    realtime = gc.AuditRealtimeQueryRequest()
    realtime.interval = INTERVAL
    realtime.service_name = "WebDeployments"
    realtime.filters = [entity_filter]
    realtime.page_number = 1
    realtime.page_size = 25
    result = audit.post_audits_query_realtime(realtime)
    assert result.total == 1
    assert result.entities[0].action == "Create"
    assert result.entities[0].client.id == CI[0]

    query = gc.AuditQueryRequest()
    query.interval = INTERVAL
    query.service_name = "WebDeployments"
    query.filters = [entity_filter]
    submitted = audit.post_audits_query(query)
    assert submitted.state in ("Queued", "Running", "Succeeded")
    wait_until(lambda: audit.get_audits_query_transaction_id(submitted.id).state == "Succeeded")
    results = audit.get_audits_query_transaction_id_results(submitted.id, page_size=25)
    assert [e.entity.id for e in results.entities] == [created.id]

    mapping = audit.get_audits_query_servicemapping()
    assert "WebDeployments" in [s.name for s in mapping.services]
    api.delete_webdeployments_configuration(created.id)


VIEWER = ("acme-eu-viewer", "acme-eu-viewer-secret")
ASYNC_BASE = os.environ.get("EMULATOR_ASYNC_URL", BASE)


def named_config(name):
    body = gc.WebDeploymentConfigurationVersion()
    body.name = name
    body.languages = ["en-us"]
    body.default_language = "en-us"
    return body


def test_a_role_without_the_permission_gets_403_naming_it():
    api = gc.WebDeploymentsApi(client(VIEWER))
    assert api.get_webdeployments_configurations().entities is not None
    with pytest.raises(ApiException) as raised:
        api.post_webdeployments_configurations(named_config("viewer-may-not"))
    assert raised.value.status == 403
    error = json.loads(raised.value.body)
    assert error["code"] == "missing.permissions"
    assert "webDeployments:configuration:add" in error["message"]
    with pytest.raises(ApiException) as raised:
        gc.ArchitectApi(client(VIEWER)).get_architect_schedules()
    assert raised.value.status == 403
    assert "routing:schedule:view" in json.loads(raised.value.body)["message"]


def test_unknown_properties_are_refused_not_stored():
    api_client = client(CI)
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    with pytest.raises(ApiException) as raised:
        api_client.call_api(
            "/api/v2/webdeployments/configurations", "POST", {}, [], headers,
            body={"name": "unknown-field", "notAField": True}, auth_settings=["PureCloud OAuth"],
            response_type="WebDeploymentConfigurationVersion")
    assert raised.value.status == 400
    error = json.loads(raised.value.body)
    assert error["code"] == "invalid.property"
    assert [d["fieldName"] for d in error["details"]] == ["notAField"]
    listed = gc.WebDeploymentsApi(api_client).get_webdeployments_configurations()
    assert "unknown-field" not in [c.name for c in listed.entities]


def test_audit_user_names_need_expand_user():
    api = gc.WebDeploymentsApi(client(CI))
    created = api.post_webdeployments_configurations(named_config("expand-user-config"))
    audit = gc.AuditApi(client(CI))
    entity_filter = gc.AuditQueryFilter()
    entity_filter.pcProperty = "EntityId"
    entity_filter.value = created.id
    realtime = gc.AuditRealtimeQueryRequest()
    realtime.interval = INTERVAL
    realtime.filters = [entity_filter]
    plain = audit.post_audits_query_realtime(realtime)
    assert plain.entities[0].user.id
    assert plain.entities[0].user.name is None
    expanded = audit.post_audits_query_realtime(realtime, expand=["user"])
    assert expanded.entities[0].user.name == "GitOps CI"
    api.delete_webdeployments_configuration(created.id)


def test_deletes_complete_asynchronously():
    api_client = gc.api_client.ApiClient(ASYNC_BASE + "/" + REGION).get_client_credentials_token(*CI)
    api = gc.WebDeploymentsApi(api_client)
    created = api.post_webdeployments_configurations(named_config("async-delete-config"))
    published = publish_when_active(api, created.id)
    deployment = gc.WebDeployment()
    deployment.name = "async-delete-deployment"
    reference = gc.WebDeploymentConfigurationVersionEntityRef()
    reference.id = created.id
    reference.version = published.version
    deployment.configuration = reference
    made = api.post_webdeployments_deployments(deployment)

    api.delete_webdeployments_deployment(made.id)
    # The deployment is still being deleted, so the configuration is still in use (reference §3.5 item 6).
    with pytest.raises(ApiException) as raised:
        api.delete_webdeployments_configuration(created.id)
    assert raised.value.status == 409
    assert json.loads(raised.value.body)["code"] == "resource.conflict"
    assert api.get_webdeployments_deployment(made.id).status == "Deleting"

    def gone():
        try:
            api.get_webdeployments_deployment(made.id)
            return False
        except ApiException as error:
            assert error.status == 404
            return True

    wait_until(gone)
    api.delete_webdeployments_configuration(created.id)


# reference §8: the objects a deployment or configuration refers to, looked up by name with the SDK.

def test_flows_filter_by_type_and_name_and_page_by_number():
    api = gc.ArchitectApi(client(CI))
    listing = api.get_flows(type=["inboundshortmessage"], page_size=1, page_number=1)
    assert listing.total == 2 and listing.page_count == 2 and len(listing.entities) == 1
    second = api.get_flows(type=["inboundshortmessage"], page_size=1, page_number=2)
    assert {listing.entities[0].name, second.entities[0].name} == {"Web Messaging Inbound", "Web Messaging After Hours"}
    assert second.next_uri is None
    named = api.get_flows(type=["inboundshortmessage"], name="Web Messaging Inbound")
    assert [f.id for f in named.entities] == ["0a1b2c3d-1111-4aaa-8bbb-000000000001"]
    assert named.entities[0].type == "INBOUNDSHORTMESSAGE"
    assert api.get_flows(type=["inboundcall"]).entities[0].name == "Voice Main"
    assert api.get_flow(named.entities[0].id).name == "Web Messaging Inbound"
    with pytest.raises(ApiException) as raised:
        api.get_flow("0a1b2c3d-1111-4aaa-8bbb-0000000000ff")
    assert raised.value.status == 404


def test_supported_content_crud_default_and_deployment_reference():
    api = gc.ConversationsApi(client(CI))
    listing = api.get_conversations_messaging_supportedcontent(page_size=25, page_number=1)
    assert {p.name for p in listing.entities} >= {"Default", "Images only"}
    body = gc.SupportedContent()
    body.name = "conformance PDF"
    allow = gc.MediaTypeAccess()
    allow.inbound = [gc.MediaType()]
    allow.inbound[0].type = "application/pdf"
    allow.outbound = []
    body.media_types = gc.MediaTypes()
    body.media_types.allow = allow
    created = api.post_conversations_messaging_supportedcontent(body)
    assert created.id and created.name == "conformance PDF"
    patch = gc.SupportedContent()
    patch.name = "conformance PDF and images"
    patched = api.patch_conversations_messaging_supportedcontent_supported_content_id(created.id, patch)
    assert patched.name == "conformance PDF and images"
    assert patched.media_types.allow.inbound[0].type == "application/pdf"
    assert api.get_conversations_messaging_supportedcontent_supported_content_id(created.id).name == patched.name
    reference = gc.SupportedContentReference()
    reference.id = created.id
    assert api.put_conversations_messaging_supportedcontent_default(reference).id == created.id
    assert api.get_conversations_messaging_supportedcontent_default().id == created.id
    # DELETE answers 204 and the profile is gone; the org's default stays (reference §8).
    doomed = gc.SupportedContent()
    doomed.name = "conformance doomed"
    made_doomed = api.post_conversations_messaging_supportedcontent(doomed)
    api.delete_conversations_messaging_supportedcontent_supported_content_id(made_doomed.id)
    with pytest.raises(ApiException) as raised:
        api.get_conversations_messaging_supportedcontent_supported_content_id(made_doomed.id)
    assert raised.value.status == 404
    assert api.get_conversations_messaging_supportedcontent_default().id == created.id
    bad = gc.SupportedContent()
    bad.name = "bad"
    bad.media_types = gc.MediaTypes()
    bad.media_types.allow = gc.MediaTypeAccess()
    bad.media_types.allow.inbound = [gc.MediaType()]
    bad.media_types.allow.inbound[0].type = "not a media type"
    with pytest.raises(ApiException) as raised:
        api.post_conversations_messaging_supportedcontent(bad)
    assert raised.value.status == 400 and json.loads(raised.value.body)["code"] == "invalid.media.type"
    # A deployment naming an unknown profile or flow gets the documented codes (reference §8).
    deployments = gc.WebDeploymentsApi(client(CI))
    config = gc.WebDeploymentConfigurationVersion()
    config.name = "conformance-references"
    made = deployments.post_webdeployments_configurations(config)
    publish_when_active(deployments, made.id)
    deployment = gc.WebDeployment()
    deployment.name = "conformance-references"
    deployment.configuration = gc.WebDeploymentConfigurationVersionEntityRef()
    deployment.configuration.id = made.id
    deployment.configuration.version = "1"
    deployment.supported_content = gc.SupportedContentReference()
    deployment.supported_content.id = "0a1b2c3d-2222-4aaa-8bbb-0000000000ff"
    with pytest.raises(ApiException) as raised:
        deployments.post_webdeployments_deployments(deployment)
    assert raised.value.status == 404 and json.loads(raised.value.body)["code"] == "scp.id.not.found"
    deployment.supported_content.id = created.id
    deployment.flow = gc.WebDeploymentFlowEntityRef()
    deployment.flow.id = "0a1b2c3d-1111-4aaa-8bbb-000000000003"  # a voice flow: not an inbound message flow
    with pytest.raises(ApiException) as raised:
        deployments.post_webdeployments_deployments(deployment)
    assert raised.value.status == 400 and json.loads(raised.value.body)["code"] == "bad.flow.id"
    deployment.flow.id = "0a1b2c3d-1111-4aaa-8bbb-000000000001"
    used = deployments.post_webdeployments_deployments(deployment)
    with pytest.raises(ApiException) as raised:
        api.delete_conversations_messaging_supportedcontent_supported_content_id(created.id)
    assert raised.value.status == 400 and json.loads(raised.value.body)["code"] == "supported.content.in.use"
    deployments.delete_webdeployments_deployment(used.id)
    wait_until(lambda: all(d.id != used.id for d in deployments.get_webdeployments_deployments().entities))
    api.delete_conversations_messaging_supportedcontent_supported_content_id(created.id)
    assert all(p.id != created.id for p in api.get_conversations_messaging_supportedcontent().entities)


def test_knowledge_bases_categories_and_labels_page_by_cursor():
    api = gc.KnowledgeApi(client(CI))
    bases = api.get_knowledge_knowledgebases(name="Support")
    assert [b.name for b in bases.entities] == ["Support KB"]
    kb = bases.entities[0].id
    assert api.get_knowledge_knowledgebase(kb).core_language == "en-US"
    first = api.get_knowledge_knowledgebase_categories(kb, page_size="1")
    assert len(first.entities) == 1 and first.next_uri
    after = first.next_uri.split("after=")[1].split("&")[0]
    second = api.get_knowledge_knowledgebase_categories(kb, page_size="1", after=after)
    assert {first.entities[0].name, second.entities[0].name} == {"Billing", "Returns"}
    assert second.next_uri is None
    assert [c.name for c in api.get_knowledge_knowledgebase_categories(kb, name="Ret").entities] == ["Returns"]
    assert [l.name for l in api.get_knowledge_knowledgebase_labels(kb).entities] == ["Public"]


def test_integrations_list_by_page_number_and_get():
    api = gc.IntegrationsApi(client(CI))
    first = api.get_integrations(page_size=1, page_number=1)
    assert first.total == 2 and first.page_count == 2
    second = api.get_integrations(page_size=1, page_number=2)
    assert {first.entities[0].name, second.entities[0].name} == {"Okta SSO", "Acme app push"}
    found = api.get_integration(second.entities[0].id)
    assert found.name == second.entities[0].name and found.integration_type.id
    assert [i.name for i in api.get_integrations(integration_type="messenger-push").entities] == ["Acme app push"]
