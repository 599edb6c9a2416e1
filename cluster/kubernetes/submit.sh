#!/bin/sh
# Runs the sharded job on the cluster kubectl points at, then the merge once every shard has
# succeeded.
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
kubectl apply -f "$here/volume.yaml" -f "$here/configmap.yaml"
kubectl apply -f "$here/shard-job.yaml"
# Complete once all 16 indexes have succeeded; a job that fails makes the wait time out.
kubectl wait --for=condition=complete --timeout=6h job/govsim-reference
kubectl apply -f "$here/merge-job.yaml"
kubectl wait --for=condition=complete --timeout=2h job/govsim-reference-merge
echo "govsim: merged results in /results/reference on the volume govsim-results"
