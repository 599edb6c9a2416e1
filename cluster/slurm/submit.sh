#!/bin/bash
# Submits the shard array, then the merge, which starts once every shard has succeeded.
# Run it from the folder that holds scenarios/ (results/ is written there).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
array="$(sbatch --parsable "$here/shard.sbatch")"
array="${array%%;*}"
merge="$(sbatch --parsable --dependency="afterok:$array" "$here/merge.sh")"
merge="${merge%%;*}"
echo "govsim: shards in job array $array (tasks 1-16), merge in job $merge after them"
