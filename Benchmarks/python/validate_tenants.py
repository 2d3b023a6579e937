"""The tenant-file check a team writes in Python: PyYAML's C loader (CSafeLoader) plus pydantic models.

The loader is CSafeLoader with YAML 1.1's `On`/`Off`/`yes`/`no` booleans and dates turned off (see Loader).

Checks the same main rules as `messengerctl validate` for the fields the generated files use: unknown keys
(extra="forbid" on every model), types, enums (region, launcherButton visibility/displayType, position
alignment, sessionPersistenceType, disconnect type, days), hex colours and the WCAG 2.x contrast of
primaryColor against policy.contrastWith, greeting lengths, languages (pattern; defaultLanguage among
languages; greetings only for listed languages), `tenant` equal to the file name, `extends` resolved
(deep merge: mappings merge, lists replace, null removes), deployments naming a configuration of the file.
It does not model all ~100 API fields of a configuration as messengerctl's schema does, and reports no
line:column (PyYAML's safe loader drops marks once the data is built).

Usage: validate_tenants.py DIR   (exit 1 when any file has errors; prints a count)
"""
import os
import re
import sys
from enum import Enum
from typing import Dict, List, Optional

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

HEX = r"^#[0-9A-Fa-f]{6}$"
LANGUAGE = r"^[a-z]{2,3}(-[a-z0-9]{2,8})*$"


class Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True)


class Region(str, Enum):
    us_east_1 = "us-east-1"; us_east_2 = "us-east-2"; us_west_2 = "us-west-2"; ca_central_1 = "ca-central-1"
    sa_east_1 = "sa-east-1"; mx_central_1 = "mx-central-1"; eu_west_1 = "eu-west-1"; eu_west_2 = "eu-west-2"
    eu_central_1 = "eu-central-1"; eu_central_2 = "eu-central-2"; eusc_de_east_1 = "eusc-de-east-1"
    me_central_1 = "me-central-1"; ap_south_1 = "ap-south-1"; ap_southeast_1 = "ap-southeast-1"
    ap_southeast_2 = "ap-southeast-2"; ap_northeast_1 = "ap-northeast-1"; ap_northeast_2 = "ap-northeast-2"
    ap_northeast_3 = "ap-northeast-3"


class Credentials(Strict):
    clientIdEnv: str = Field(pattern=r"^[A-Z_][A-Z0-9_]*$")
    clientSecretEnv: str = Field(pattern=r"^[A-Z_][A-Z0-9_]*$")


class Policy(Strict):
    minContrast: float = Field(default=4.5, ge=1, le=21)
    contrastWith: str = Field(default="#FFFFFF", pattern=HEX)
    maxGreetingLength: int = Field(default=150, ge=1)


class Styles(Strict):
    primaryColor: Optional[str] = Field(default=None, pattern=HEX)


class LauncherButton(Strict):
    visibility: Optional[str] = Field(default=None, pattern=r"^(On|Off|OnDemand)$")
    displayType: Optional[str] = Field(default=None, pattern=r"^(IconAndText|Icon|Text)$")


class FileUploadMode(Strict):
    fileTypes: List[str] = []
    maxFileSizeKB: Optional[int] = None


class FileUpload(Strict):
    enableAttachments: Optional[bool] = None
    modes: List[FileUploadMode] = []


class Enabled(Strict):
    enabled: Optional[bool] = None


class Disconnect(Strict):
    enabled: Optional[bool] = None
    type: Optional[str] = Field(default=None, pattern=r"^(Send|ReadOnly)$")


class Conversations(Strict):
    enabled: Optional[bool] = None
    showAgentTypingIndicator: Optional[bool] = None
    showUserTypingIndicator: Optional[bool] = None
    markdown: Optional[Enabled] = None
    conversationDisconnect: Optional[Disconnect] = None


class Apps(Strict):
    conversations: Optional[Conversations] = None


class Messenger(Strict):
    enabled: Optional[bool] = None
    styles: Optional[Styles] = None
    launcherButton: Optional[LauncherButton] = None
    fileUpload: Optional[FileUpload] = None
    apps: Optional[Apps] = None
    homeScreen: Optional[Enabled] = None
    sessionPersistenceType: Optional[str] = Field(default=None, pattern=r"^(AcrossSubdomains|DomainOrSubdomainOnly)$")


class Position(Strict):
    alignment: Optional[str] = Field(default=None, pattern=r"^(Auto|Left|Right)$")
    sideSpace: Optional[int] = None
    bottomSpace: Optional[int] = None


class Greeting(Strict):
    title: Optional[str] = None
    subtitle: Optional[str] = None
    launcher: Optional[str] = None


class Configuration(Strict):
    name: str
    description: Optional[str] = None
    languages: List[str] = []
    defaultLanguage: Optional[str] = None
    messenger: Optional[Messenger] = None
    position: Optional[Position] = None
    greetings: Dict[str, Greeting] = {}

    @field_validator("languages")
    @classmethod
    def language_codes(cls, value):
        for language in value:
            if not re.match(LANGUAGE, language):
                raise ValueError("'%s' is not a language code such as en-us" % language)
        return value

    @model_validator(mode="after")
    def languages_agree(self):
        if self.defaultLanguage is not None and self.defaultLanguage not in self.languages:
            raise ValueError("defaultLanguage %s is not in languages" % self.defaultLanguage)
        for language in self.greetings:
            if language not in self.languages:
                raise ValueError("greetings for %s, which is not in languages" % language)
        return self


class Deployment(Strict):
    name: str
    description: Optional[str] = None
    configuration: str
    allowAllDomains: Optional[bool] = None
    allowedDomains: List[str] = []


class OpenHours(Strict):
    days: List[str]
    from_: str = Field(alias="from", pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")
    to: str = Field(pattern=r"^([01][0-9]|2[0-3]):[0-5][0-9]$")

    @field_validator("days")
    @classmethod
    def day_names(cls, value):
        for day in value:
            if day not in ("MO", "TU", "WE", "TH", "FR", "SA", "SU"):
                raise ValueError("'%s' is not a day (MO..SU)" % day)
        return value


class ClosedDay(Strict):
    name: str
    date: str = Field(pattern=r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")


class Availability(Strict):
    name: str
    timeZone: str
    open: List[OpenHours] = []
    closed: List[ClosedDay] = []


class Tenant(Strict):
    tenant: str
    region: Region
    organizationId: str = Field(pattern=r"^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$")
    credentials: Credentials
    prune: bool = False
    policy: Policy = Policy()
    configurations: List[Configuration] = []
    deployments: List[Deployment] = []
    availability: List[Availability] = []

    model_config = ConfigDict(extra="forbid", strict=False)

    @model_validator(mode="after")
    def cross_checks(self):
        names = {c.name for c in self.configurations}
        problems = []
        for d in self.deployments:
            if d.configuration not in names:
                problems.append("deployment %s names configuration %s, which the file does not define"
                                % (d.name, d.configuration))
        for c in self.configurations:
            colour = c.messenger.styles.primaryColor if c.messenger and c.messenger.styles else None
            if colour:
                ratio = contrast(colour, self.policy.contrastWith)
                if ratio < self.policy.minContrast:
                    problems.append("%s: primaryColor %s has contrast %.2f with %s, below %.1f"
                                    % (c.name, colour, ratio, self.policy.contrastWith, self.policy.minContrast))
            for language, greeting in c.greetings.items():
                for key in ("title", "subtitle", "launcher"):
                    text = getattr(greeting, key)
                    if text is not None and len(text) > self.policy.maxGreetingLength:
                        problems.append("%s: greetings.%s.%s has %d characters, more than %d"
                                        % (c.name, language, key, len(text), self.policy.maxGreetingLength))
        if problems:
            raise ValueError("; ".join(problems))
        return self


def luminance(hex_colour):
    """WCAG 2.x relative luminance."""
    def channel(c):
        c = c / 255.0
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (int(hex_colour[i:i + 2], 16) for i in (1, 3, 5))
    return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b)


def contrast(a, b):
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def merge(base, overlay):
    """Deep merge: mappings merge, lists replace, null removes."""
    if isinstance(base, dict) and isinstance(overlay, dict):
        out = dict(base)
        for key, value in overlay.items():
            if value is None:
                out.pop(key, None)
            else:
                out[key] = merge(out.get(key), value)
        return out
    return overlay


class Loader(yaml.CSafeLoader):
    """CSafeLoader with YAML 1.2 booleans: PyYAML follows YAML 1.1, where `On`/`Off`/`yes`/`no` are booleans
    (the API's `visibility: On` would arrive as True) and `2026-12-25` is a date object. A team hits this at
    once and narrows the resolvers like this."""


Loader.yaml_implicit_resolvers = {
    first: [(tag, regex) for tag, regex in resolvers
            if tag not in ("tag:yaml.org,2002:bool", "tag:yaml.org,2002:timestamp")]
    for first, resolvers in yaml.CSafeLoader.yaml_implicit_resolvers.items()
}
Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))

BASES = {}


def load(path):
    with open(path) as f:
        data = yaml.load(f, Loader=Loader)
    if not isinstance(data, dict):
        raise ValueError("the file is not a mapping")
    extends = data.pop("extends", None)
    if extends is not None:
        base_path = os.path.normpath(os.path.join(os.path.dirname(path), extends))
        if base_path not in BASES:
            with open(base_path) as f:
                BASES[base_path] = yaml.load(f, Loader=Loader)
        data = merge(BASES[base_path], data)
    return data


def main():
    folder = sys.argv[1]
    files = sorted(os.path.join(folder, n) for n in os.listdir(folder) if n.endswith(".yaml"))
    errors = 0
    for path in files:
        try:
            tenant = Tenant.model_validate(load(path))
            if tenant.tenant != os.path.splitext(os.path.basename(path))[0]:
                raise ValueError("tenant %s does not match the file name" % tenant.tenant)
        except (ValidationError, ValueError, yaml.YAMLError) as error:
            errors += 1
            print("%s: error: %s" % (path, error), file=sys.stderr)
    print("%d files, %d with errors" % (len(files), errors))
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
