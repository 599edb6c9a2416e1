#!/usr/bin/env bash
# Validates the Kubernetes recipe (cluster/kubernetes/*.yaml) against the schemas of a current
# Kubernetes release with kubernetes-validate (PyPI, installed into a private virtual
# environment), strictly (no unknown fields), and checks what the schemas cannot:
#   - the ConfigMap holds scenarios/reference.yaml verbatim;
#   - the shard Job is Indexed, its completions equal the --shards it passes to govsim, and it
#     mounts the ConfigMap and the ReadWriteMany claim the merge Job reads.
# No container engine runs in CI, so the Containerfile is not built here (docs/cluster.md).
#
# Usage: scripts/kubernetes-validate.sh   (KUBERNETES_VERSION overrides the release, default 1.37.0, the newest the pinned kubernetes-validate knows)
set -euo pipefail
cd "$(dirname "$0")/.."
version="${KUBERNETES_VERSION:-1.37.0}"
venv="${GOVSIM_VALIDATE_VENV:-.build/kubernetes-validate-venv}"
if [ ! -x "$venv/bin/kubernetes-validate" ]; then
  echo "kubernetes-validate: installing it into $venv" >&2
  python3 -m venv "$venv"
  "$venv/bin/pip" install --quiet --disable-pip-version-check "kubernetes-validate==1.37.0"
fi
sh -n cluster/kubernetes/submit.sh
"$venv/bin/kubernetes-validate" --strict --kubernetes-version "$version" cluster/kubernetes/*.yaml
"$venv/bin/python" - <<'EOF'
import re, sys, yaml

def load(name):
    with open(f"cluster/kubernetes/{name}") as f:
        return yaml.safe_load(f)

def fail(message):
    sys.exit(f"kubernetes-validate: {message}")

config = load("configmap.yaml")
with open("scenarios/reference.yaml") as f:
    if config["data"].get("reference.yaml") != f.read():
        fail("cluster/kubernetes/configmap.yaml does not hold scenarios/reference.yaml verbatim; regenerate it (see its header)")

claim = load("volume.yaml")
if "ReadWriteMany" not in claim["spec"]["accessModes"]:
    fail("cluster/kubernetes/volume.yaml: the results claim must be ReadWriteMany (every pod writes to it)")

def volumes(job):
    return {v["name"]: v for v in job["spec"]["template"]["spec"]["volumes"]}

shard = load("shard-job.yaml")
spec = shard["spec"]
if spec.get("completionMode") != "Indexed":
    fail("cluster/kubernetes/shard-job.yaml: completionMode must be Indexed (JOB_COMPLETION_INDEX gives the shard)")
command = " ".join(spec["template"]["spec"]["containers"][0]["command"])
shards = re.search(r"--shards (\d+)", command)
if not shards or int(shards.group(1)) != spec["completions"]:
    fail(f"cluster/kubernetes/shard-job.yaml: completions {spec['completions']} must equal govsim's --shards ({command})")
if "--shard-from-env" not in command:
    fail("cluster/kubernetes/shard-job.yaml: govsim must take its shard from the environment (--shard-from-env)")
v = volumes(shard)
if v["scenarios"].get("configMap", {}).get("name") != config["metadata"]["name"]:
    fail("cluster/kubernetes/shard-job.yaml: the scenarios volume must be the ConfigMap of configmap.yaml")
for name, job in (("shard-job.yaml", shard), ("merge-job.yaml", load("merge-job.yaml"))):
    if volumes(job)["results"].get("persistentVolumeClaim", {}).get("claimName") != claim["metadata"]["name"]:
        fail(f"cluster/kubernetes/{name}: the results volume must be the claim of volume.yaml")
print("kubernetes-validate: the recipe is consistent (ConfigMap = scenarios/reference.yaml, completions = --shards, shared claim)")
EOF
