#!/bin/bash
#SBATCH --job-name=govsim-merge
#SBATCH --cpus-per-task=1
#SBATCH --mem=2G
#SBATCH --time=00:30:00
# Merges the 16 shards in results/ into results/reference (the outputs of one govsim run).
# It reads nothing but the shard folders; 2G covers the merge of 1,000,000 runs of the
# reference scenario (measured peak 0.8 GB; govsim merge refuses, before writing, a merge
# larger than the machine).
set -euo pipefail
GOVSIM="${GOVSIM:-/opt/govsim/bin/govsim}"
"$GOVSIM" merge results/shard-* --out results/reference --progress
