#!/usr/bin/env python3
"""Render deploy/k8s (the base and every overlay) and check what comes out.

For each kustomization: `kubectl kustomize` renders it; the core objects are
validated with kubernetes-validate (strict: unknown fields refused), KEDA's and
the Prometheus operator's objects with the JSON Schemas in deploy/k8s/schemas;
then the parts are checked against each other and against the worker's
settings: the grace period exceeds shutdown.timeout, probes and the metrics
port match http.listen, the ScaledObject targets the Deployment and watches
input.queue, every Secret, ConfigMap and selector referred to exists or
matches. With --binary, `enricher check-config` loads each rendering's
settings (ConfigMap, Secret and tag rules) as a pod would.

Needs kubectl, PyYAML, jsonschema and kubernetes-validate (.ci/deploy-requirements.txt).
Exit 0 when everything holds, 1 with one line per problem otherwise.

    python3 scripts/check-k8s.py [--binary target/debug/enricher]
"""

import argparse
import base64
import filecmp
import json
import os
import re
import subprocess
import sys
import tempfile
import tomllib
from pathlib import Path

import jsonschema
import kubernetes_validate
import yaml

ROOT = Path(__file__).resolve().parent.parent
K8S = ROOT / "deploy" / "k8s"
SCHEMAS = K8S / "schemas"
# The oldest Kubernetes the manifests are written for (PodDisruptionBudget's
# unhealthyPodEvictionPolicy is GA from 1.31).
KUBERNETES_VERSION = "1.31.0"
# The seconds the worker may take after shutdown.timeout to close (docs/operations.md#bounds).
CLOSE_SECONDS = 5
REQUIRED_KINDS = [
    "Deployment",
    "PodDisruptionBudget",
    "ConfigMap",
    "Secret",
    "Service",
    "ScaledObject",
    "TriggerAuthentication",
    "PodMonitor",
]
CUSTOM_SCHEMAS = {
    ("keda.sh/v1alpha1", "ScaledObject"): "keda-scaledobject.json",
    ("keda.sh/v1alpha1", "TriggerAuthentication"): "keda-triggerauthentication.json",
    ("monitoring.coreos.com/v1", "PodMonitor"): "monitoring-podmonitor.json",
}


def kustomizations():
    """The base and each overlay: every folder under deploy/k8s holding a kustomization.yaml."""
    return sorted(path.parent for path in K8S.rglob("kustomization.yaml"))


def render(folder):
    """The objects `kubectl kustomize FOLDER` prints, or a problem string."""
    done = subprocess.run(
        ["kubectl", "kustomize", str(folder)], capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        return None, f"kubectl kustomize failed: {done.stderr.strip()}"
    return [doc for doc in yaml.safe_load_all(done.stdout) if doc], None


def duration_seconds(text):
    """A humantime duration as the worker reads it ("30s", "1m 30s", "500ms") in seconds."""
    units = {"ms": 0.001, "s": 1, "sec": 1, "m": 60, "min": 60, "h": 3600}
    parts = re.findall(r"(\d+(?:\.\d+)?)\s*([a-z]+)", text.strip())
    if not parts or re.sub(r"[\d.\sa-z]", "", text):
        raise ValueError(f"not a duration: {text!r}")
    total = 0.0
    for number, unit in parts:
        if unit not in units:
            raise ValueError(f"unknown unit {unit!r} in {text!r}")
        total += float(number) * units[unit]
    return total


def defaults():
    """config/default.toml, the settings a key left unset keeps."""
    with open(ROOT / "config" / "default.toml", "rb") as file:
        return tomllib.load(file)


class Rendering:
    """One kustomization's objects, and the problems found in them."""

    def __init__(self, folder, objects):
        self.folder = folder
        self.objects = objects
        self.problems = []

    def problem(self, text):
        self.problems.append(text)

    def of_kind(self, kind):
        return [obj for obj in self.objects if obj.get("kind") == kind]

    def named(self, kind, name):
        for obj in self.of_kind(kind):
            if obj["metadata"]["name"] == name:
                return obj
        return None

    def validate_schemas(self):
        core_kinds = set()
        for obj in self.objects:
            api, kind = obj.get("apiVersion"), obj.get("kind")
            name = obj.get("metadata", {}).get("name", "?")
            schema_file = CUSTOM_SCHEMAS.get((api, kind))
            if schema_file:
                schema = json.loads((SCHEMAS / schema_file).read_text())
                validator = jsonschema.Draft202012Validator(schema)
                for error in sorted(validator.iter_errors(obj), key=lambda e: list(e.path)):
                    path = "/".join(str(part) for part in error.path)
                    self.problem(f"{kind} {name}: {path}: {error.message}")
                continue
            group = api.split("/")[0] if "/" in api else ""
            if "." in group and not group.endswith(".k8s.io"):
                self.problem(f"{kind} {name}: {api} has no schema in deploy/k8s/schemas")
                continue
            core_kinds.add(kind)
            try:
                kubernetes_validate.validate(obj, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as error:
                path = "/".join(str(part) for part in error.path)
                self.problem(f"{kind} {name}: {path}: {error.message}")
            except kubernetes_validate.SchemaNotFoundError as error:
                self.problem(f"{kind} {name}: no Kubernetes schema: {error}")
        for scaled in self.of_kind("ScaledObject"):
            behavior = (
                scaled["spec"].get("advanced", {}).get("horizontalPodAutoscalerConfig", {}).get("behavior")
            )
            if behavior is None:
                continue
            # KEDA copies this into the HPA it makes: validate it as part of one.
            hpa = {
                "apiVersion": "autoscaling/v2",
                "kind": "HorizontalPodAutoscaler",
                "metadata": {"name": "check"},
                "spec": {
                    "scaleTargetRef": {"apiVersion": "apps/v1", "kind": "Deployment", "name": "x"},
                    "maxReplicas": 1,
                    "behavior": behavior,
                },
            }
            try:
                kubernetes_validate.validate(hpa, KUBERNETES_VERSION, strict=True)
            except kubernetes_validate.ValidationError as error:
                self.problem(f"ScaledObject: horizontalPodAutoscalerConfig.behavior: {error.message}")

    def check_kinds(self):
        for kind in REQUIRED_KINDS:
            if not self.of_kind(kind):
                self.problem(f"renders no {kind}")

    def container_env(self, deployment):
        """The worker container's ENRICHER__ variables: ConfigMap values, then literals; Secret keys decoded."""
        container = deployment["spec"]["template"]["spec"]["containers"][0]
        env = {}
        for source in container.get("envFrom", []):
            ref = source.get("configMapRef")
            if ref is None:
                continue
            config_map = self.named("ConfigMap", ref["name"])
            if config_map is None:
                self.problem(f"Deployment envFrom: no ConfigMap {ref['name']}")
                continue
            env.update(config_map.get("data", {}))
        for var in container.get("env", []):
            if "value" in var:
                env[var["name"]] = var["value"]
                continue
            ref = var.get("valueFrom", {}).get("secretKeyRef")
            if ref is None:
                continue
            value = self.secret_value(ref["name"], ref["key"])
            if value is None:
                self.problem(f"Deployment env {var['name']}: no key {ref['key']} in Secret {ref['name']}")
            else:
                env[var["name"]] = value
        return env

    def secret_value(self, name, key):
        secret = self.named("Secret", name)
        if secret is None:
            return None
        if key in secret.get("stringData", {}):
            return secret["stringData"][key]
        if key in secret.get("data", {}):
            return base64.b64decode(secret["data"][key]).decode().strip()
        return None

    def check_deployment(self, deployment, env, default):
        name = deployment["metadata"]["name"]
        pod = deployment["spec"]["template"]["spec"]
        labels = deployment["spec"]["template"]["metadata"].get("labels", {})
        container = pod["containers"][0]

        # The grace period against shutdown.timeout.
        timeout_text = env.get("ENRICHER__SHUTDOWN__TIMEOUT", default["shutdown"]["timeout"])
        try:
            timeout = duration_seconds(timeout_text)
        except ValueError as error:
            self.problem(f"shutdown.timeout: {error}")
            timeout = 0
        grace = pod.get("terminationGracePeriodSeconds", 30)
        if grace <= timeout + CLOSE_SECONDS:
            self.problem(
                f"Deployment {name}: terminationGracePeriodSeconds {grace} is not above "
                f"shutdown.timeout {timeout_text} + {CLOSE_SECONDS} s of closing"
            )
        else:
            print(f"    grace period {grace} s > shutdown.timeout {timeout_text} + {CLOSE_SECONDS} s")

        # The HTTP port: reachable, and the one the probes and the Service use.
        listen = env.get("ENRICHER__HTTP__LISTEN", default["http"]["listen"])
        host, _, port_text = listen.rpartition(":")
        port = int(port_text) if port_text.isdigit() else None
        if host not in ("0.0.0.0", "[::]") or port is None:
            self.problem(f"http.listen {listen} is not reachable from outside the pod (use 0.0.0.0:PORT)")
        ports = {p.get("name"): p["containerPort"] for p in container.get("ports", [])}
        if ports.get("metrics") != port:
            self.problem(f"container port 'metrics' {ports.get('metrics')} is not http.listen's port {port}")
        for probe, path in (("livenessProbe", "/healthz"), ("readinessProbe", "/readyz")):
            get = container.get(probe, {}).get("httpGet", {})
            if get.get("path") != path or get.get("port") not in ("metrics", port):
                self.problem(f"{probe} must GET {path} on the metrics port, not {get}")

        # Non-root, read-only, no capabilities.
        security = container.get("securityContext", {})
        pod_security = pod.get("securityContext", {})
        if not (pod_security.get("runAsNonRoot") or security.get("runAsNonRoot")):
            self.problem("runAsNonRoot is not set")
        if not security.get("readOnlyRootFilesystem"):
            self.problem("readOnlyRootFilesystem is not set")
        if "ALL" not in security.get("capabilities", {}).get("drop", []):
            self.problem("capabilities are not all dropped")
        resources = container.get("resources", {})
        if not resources.get("requests", {}).get("memory") or not resources.get("limits", {}).get("memory"):
            self.problem("memory request and limit must be set")

        # The tag rules file lies in a mounted ConfigMap that holds it.
        tags_file = env.get("ENRICHER__TAGS__FILE", default["tags"]["file"])
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        found = False
        for mount in container.get("volumeMounts", []):
            prefix = mount["mountPath"].rstrip("/") + "/"
            volume = volumes.get(mount["name"], {})
            if not tags_file.startswith(prefix) or "configMap" not in volume:
                continue
            config_map = self.named("ConfigMap", volume["configMap"]["name"])
            key = tags_file[len(prefix):]
            if config_map is None or key not in config_map.get("data", {}):
                self.problem(f"tags.file {tags_file}: the mounted ConfigMap has no key {key}")
            found = True
        if not found:
            self.problem(f"tags.file {tags_file} is not in a mounted ConfigMap")
        for volume in volumes.values():
            ref = volume.get("configMap")
            if ref and self.named("ConfigMap", ref["name"]) is None:
                self.problem(f"volume {volume['name']}: no ConfigMap {ref['name']}")
        return labels

    def check_selectors(self, labels):
        def matches(selector):
            return selector and all(labels.get(k) == v for k, v in selector.items())

        for kind, path in (
            ("PodDisruptionBudget", ("spec", "selector", "matchLabels")),
            ("Service", ("spec", "selector")),
            ("PodMonitor", ("spec", "selector", "matchLabels")),
        ):
            for obj in self.of_kind(kind):
                selector = obj
                for part in path:
                    selector = selector.get(part, {})
                if not matches(selector):
                    self.problem(f"{kind} {obj['metadata']['name']}: selector {selector} misses the worker pods")

    def check_scaling(self, deployment, env, default):
        queue = env.get("ENRICHER__INPUT__QUEUE", default["input"]["queue"])
        for scaled in self.of_kind("ScaledObject"):
            spec = scaled["spec"]
            target = spec["scaleTargetRef"]
            if target.get("kind", "Deployment") != "Deployment" or target["name"] != deployment["metadata"]["name"]:
                self.problem(f"ScaledObject scales {target}, not Deployment {deployment['metadata']['name']}")
            low, high = spec.get("minReplicaCount", 0), spec.get("maxReplicaCount", 100)
            if low > high:
                self.problem(f"ScaledObject minReplicaCount {low} > maxReplicaCount {high}")
            for trigger in spec["triggers"]:
                if trigger["type"] != "rabbitmq":
                    continue
                if trigger["metadata"].get("queueName") != queue:
                    self.problem(
                        f"ScaledObject watches queue {trigger['metadata'].get('queueName')}, the workers consume {queue}"
                    )
                ref = trigger.get("authenticationRef", {}).get("name")
                auth = self.named("TriggerAuthentication", ref)
                if auth is None:
                    self.problem(f"ScaledObject: no TriggerAuthentication {ref}")
                    continue
                for item in auth["spec"].get("secretTargetRef", []):
                    if self.secret_value(item["name"], item["key"]) is None:
                        self.problem(f"TriggerAuthentication {ref}: no key {item['key']} in Secret {item['name']}")
            print(f"    ScaledObject: {low}-{high} replicas on queue {queue}")

    def check_config(self, binary, env, deployment):
        """`enricher check-config` with the pod's variables, the tag rules written to a temporary file."""
        pod = deployment["spec"]["template"]["spec"]
        volumes = {v["name"]: v for v in pod.get("volumes", [])}
        with tempfile.TemporaryDirectory() as scratch:
            run_env = {"PATH": os.environ.get("PATH", "")} | env
            for mount in pod["containers"][0].get("volumeMounts", []):
                ref = volumes.get(mount["name"], {}).get("configMap")
                prefix = mount["mountPath"].rstrip("/") + "/"
                tags = env.get("ENRICHER__TAGS__FILE", "")
                if ref and tags.startswith(prefix):
                    data = self.named("ConfigMap", ref["name"]).get("data", {})
                    local = Path(scratch) / tags[len(prefix):]
                    local.write_text(data.get(tags[len(prefix):], ""))
                    run_env["ENRICHER__TAGS__FILE"] = str(local)
            done = subprocess.run(
                [binary, "check-config"], env=run_env, capture_output=True, text=True, check=False
            )
        if done.returncode != 0:
            self.problem(f"enricher check-config refused the settings: {done.stderr.strip()}")
        else:
            print("    enricher check-config accepts the pod's settings and tag rules")


def check(folder, binary, default):
    print(f"--- {folder.relative_to(ROOT)}")
    objects, failure = render(folder)
    if failure:
        return [failure]
    rendering = Rendering(folder, objects)
    print("    " + ", ".join(sorted(f"{o['kind']}/{o['metadata']['name']}" for o in objects)))
    rendering.check_kinds()
    rendering.validate_schemas()
    deployments = rendering.of_kind("Deployment")
    if len(deployments) == 1:
        deployment = deployments[0]
        env = rendering.container_env(deployment)
        labels = rendering.check_deployment(deployment, env, default)
        rendering.check_selectors(labels)
        rendering.check_scaling(deployment, env, default)
        if binary:
            rendering.check_config(binary, env, deployment)
    else:
        rendering.problem(f"expected one Deployment, found {len(deployments)}")
    return rendering.problems


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--binary", help="an enricher binary to run check-config with each rendering's settings")
    args = parser.parse_args()
    problems = []
    if not filecmp.cmp(ROOT / "config" / "tags.toml", K8S / "base" / "tags.toml", shallow=False):
        problems.append("deploy/k8s/base/tags.toml differs from config/tags.toml: copy it again")
    default = defaults()
    folders = kustomizations()
    for folder in folders:
        problems += [f"{folder.relative_to(ROOT)}: {p}" for p in check(folder, args.binary, default)]
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    if problems:
        return 1
    print(f"{len(folders)} kustomizations render and validate (Kubernetes {KUBERNETES_VERSION} schemas)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
