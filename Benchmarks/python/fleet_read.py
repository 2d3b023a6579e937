"""The fleet read a team writes with the official Genesys Cloud Python SDK (purecloudplatformclientv2 269.0.0).

For each tenant in turn: authenticate with client credentials, list the web deployment configurations,
get each configuration's draft and its versions, and list the deployments. This is the usual script the
messengerctl fleet plan is compared with (Benchmarks/run-fleet); it reads the same objects.

Against the emulator the SDK is used unchanged: host = http://HOST:PORT/REGION, so the SDK's login host
(derived from host by replacing "api." with "login.", reference §1) stays the same base and the token
request goes to /REGION/oauth/token. Credentials come from the environment variables the manifest names,
as the tenant files do.

Usage: fleet_read.py --base-url http://127.0.0.1:PORT --manifest tenants.json
       (manifest: [{"tenant", "region", "clientIdEnv", "clientSecretEnv"}, ...])
"""
import argparse
import json
import os
import sys
import time

import PureCloudPlatformClientV2 as gc


def read_tenant(base_url, entry):
    api_client = gc.api_client.ApiClient(base_url + "/" + entry["region"])
    api_client = api_client.get_client_credentials_token(
        os.environ[entry["clientIdEnv"]], os.environ[entry["clientSecretEnv"]])
    api = gc.WebDeploymentsApi(api_client)
    configurations = api.get_webdeployments_configurations()
    drafts, versions = [], []
    for configuration in configurations.entities or []:
        drafts.append(api.get_webdeployments_configuration_versions_draft(configuration.id))
        versions.extend(api.get_webdeployments_configuration_versions(configuration.id).entities or [])
    deployments = api.get_webdeployments_deployments()
    return len(configurations.entities or []), len(versions), len(deployments.entities or [])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--base-url", required=True)
    parser.add_argument("--manifest", required=True)
    args = parser.parse_args()
    with open(args.manifest) as f:
        tenants = json.load(f)
    started = time.monotonic()
    totals = [0, 0, 0]
    for entry in tenants:
        counts = read_tenant(args.base_url, entry)
        totals = [a + b for a, b in zip(totals, counts)]
    elapsed = time.monotonic() - started
    print("read %d tenants: %d configurations, %d versions, %d deployments in %.3f s (after imports)"
          % (len(tenants), totals[0], totals[1], totals[2], elapsed))
    return 0


if __name__ == "__main__":
    sys.exit(main())
