#!/usr/bin/env bash
# The Slurm recipe of docs/cluster.md on a real single-node cluster: installs Debian's slurm-wlm
# and munge when missing, starts munged, slurmctld and slurmd directly (no systemd; a generated
# slurm.conf in a temporary folder, proctrack/linuxproc, task/none), runs the shipped scripts
# cluster/slurm/{submit.sh,shard.sbatch,merge.sh} unchanged, and checks that
#   - every job of the array and the merge completed, and each shard's log shows its progress;
#   - the merged folder holds the same files as one unsharded `govsim run`, byte for byte
#     (manifest.json aside, which records the command), and `govsim verify` accepts it;
#   - the scenario merged is the edited scenarios/reference.yaml the shards ran, not the
#     built-in one (the edit changes the outputs);
#   - a task re-submitted alone (`sbatch --array=5`) computes shard 5 again, the same bytes.
# Every daemon it started is stopped on exit (jobs cancelled first), whatever happened.
#
# Usage: scripts/slurm-test.sh [GOVSIM]   (default .build/release/govsim, built when missing)
# Small settings keep it to a minute or so: RUNS (default 32768, two blocks per shard).
set -euo pipefail
cd "$(dirname "$0")/.."
repo="$PWD"
runs="${RUNS:-32768}"

scripts/ensure-system-packages.sh slurm-wlm munge
govsim="${1:-$repo/.build/release/govsim}"
if [ ! -x "$govsim" ]; then
  echo "slurm-test: building $govsim" >&2
  swift build -c release --product govsim
fi
govsim="$(cd "$(dirname "$govsim")" && pwd)/$(basename "$govsim")"

tmp="$(mktemp -d "${TMPDIR:-/tmp}/govsim-slurm.XXXXXX")"
chmod 700 "$tmp"
pids=()
stop() {
  status=$?
  if [ -n "${SLURM_CONF:-}" ] && [ -f "$SLURM_CONF" ]; then
    scancel --quiet --user="$(id -un)" 2>/dev/null || true
    # Give cancelled steps a moment to end before their slurmd goes.
    for _ in $(seq 1 20); do [ -z "$(squeue -h 2>/dev/null)" ] && break; sleep 0.5; done
  fi
  for ((i = ${#pids[@]} - 1; i >= 0; i--)); do
    kill "${pids[i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
  if [ "$status" -ne 0 ]; then
    echo "slurm-test: FAILED; daemon logs and job output:" >&2
    for f in "$tmp"/*.log "$tmp"/work/slurm-*.out; do
      [ -f "$f" ] && { echo "== $f" >&2; tail -n 40 "$f" >&2; }
    done
  fi
  rm -rf "$tmp"
  exit "$status"
}
trap stop EXIT
trap 'exit 130' INT TERM

fail() { echo "slurm-test: $*" >&2; exit 1; }

# Two free TCP ports for slurmctld and slurmd.
read -r ctld_port slurmd_port < <(python3 -c '
import socket
s = [socket.socket() for _ in range(2)]
for x in s: x.bind(("127.0.0.1", 0))
print(*(x.getsockname()[1] for x in s))')

user="$(id -un)"
# munge: a fresh key and a private socket.
dd if=/dev/urandom of="$tmp/munge.key" bs=1024 count=1 status=none
chmod 400 "$tmp/munge.key"
munged --foreground --force --key-file="$tmp/munge.key" --socket="$tmp/munge.socket" \
       --pid-file="$tmp/munged.pid" --log-file="$tmp/munged.log" --seed-file="$tmp/munged.seed" 2>>"$tmp/munged.stderr.log" &
pids+=($!)
for _ in $(seq 1 50); do [ -S "$tmp/munge.socket" ] && break; sleep 0.1; done
[ -S "$tmp/munge.socket" ] || fail "munged did not start"

node="$(slurmd -C | head -n 1)"           # NodeName=… CPUs=… RealMemory=… of this machine
name="${node#NodeName=}"; name="${name%% *}"
mkdir -p "$tmp/state" "$tmp/spool"
export SLURM_CONF="$tmp/slurm.conf"
cat > "$SLURM_CONF" <<EOF
ClusterName=govsimci
SlurmctldHost=$name(127.0.0.1)
SlurmctldPort=$ctld_port
SlurmdPort=$slurmd_port
SlurmUser=$user
SlurmdUser=$user
AuthType=auth/munge
CredType=cred/munge
AuthInfo=socket=$tmp/munge.socket
StateSaveLocation=$tmp/state
SlurmdSpoolDir=$tmp/spool
SlurmctldPidFile=$tmp/slurmctld.pid
SlurmdPidFile=$tmp/slurmd.pid
SlurmctldLogFile=$tmp/slurmctld.log
SlurmdLogFile=$tmp/slurmd.log
ProctrackType=proctrack/linuxproc
TaskPlugin=task/none
SwitchType=switch/none
MpiDefault=none
JobAcctGatherType=jobacct_gather/none
AccountingStorageType=accounting_storage/none
SchedulerType=sched/backfill
SelectType=select/cons_tres
SelectTypeParameters=CR_Core_Memory
ReturnToService=2
MinJobAge=3600
$node NodeAddr=127.0.0.1 State=UNKNOWN
PartitionName=ci Nodes=$name Default=YES MaxTime=INFINITE State=UP
EOF
slurmctld -D -i -f "$SLURM_CONF" >"$tmp/slurmctld.out" 2>&1 &
pids+=($!)
slurmd -D -f "$SLURM_CONF" -N "$name" >"$tmp/slurmd.out" 2>&1 &
pids+=($!)
for _ in $(seq 1 100); do
  sinfo -h -o '%T' 2>/dev/null | grep -qx idle && break
  sleep 0.2
done
sinfo -h -o '%T' | grep -qx idle || fail "the node did not become idle: $(sinfo -h 2>&1)"
echo "slurm-test: single-node cluster up (node $name, slurmctld port $ctld_port)"

# wait_for_jobs: until no job is pending or running (at most 10 minutes), then every job must
# have completed.
wait_for_jobs() {
  for _ in $(seq 1 1200); do
    [ -z "$(squeue -h)" ] && break
    sleep 0.5
  done
  [ -z "$(squeue -h)" ] || fail "jobs still queued after 10 minutes: $(squeue -h)"
  local states
  states="$(scontrol show job -o | grep -o 'JobState=[A-Z_]*' | sort | uniq -c)"
  if grep -v ' JobState=COMPLETED$' <<<"$states" | grep -q .; then
    fail "not every job completed: $states"
  fi
}

# The project folder of the recipe: scenarios/reference.yaml edited (a 5-year horizon), so a
# merge that took the built-in scenario instead would give other outputs.
work="$tmp/work"
mkdir -p "$work/scenarios"
sed 's/^horizon: 15/horizon: 5/' scenarios/reference.yaml >"$work/scenarios/reference.yaml"
cmp -s scenarios/reference.yaml "$work/scenarios/reference.yaml" && fail "could not edit the scenario's horizon"
cd "$work"
export GOVSIM="$govsim" RUNS="$runs" SEED=7

"$repo/cluster/slurm/submit.sh"
wait_for_jobs
grep -q '^progress: ' slurm-*_5.out || fail "the log of shard 5 shows no progress"
[ -d results/reference ] || fail "the merge wrote no results/reference"

# One unsharded run of the same scenario and settings.
"$govsim" run scenarios/reference.yaml --runs "$runs" --seed 7 --out single --quiet
(cd single && find . -type f ! -name manifest.json | sort) >single.files
(cd results/reference && find . -type f ! -name manifest.json | sort) >merged.files
cmp -s single.files merged.files || fail "the merged folder holds other files than a single run: $(diff single.files merged.files | tr '\n' ' ')"
while read -r f; do
  cmp -s "single/$f" "results/reference/$f" || fail "results/reference/$f differs from the single run's"
done <single.files
"$govsim" verify results/reference >verify.out 2>&1 || fail "govsim verify refused the merged folder: $(tail -n 5 verify.out)"
grep -q reproduced verify.out || fail "govsim verify did not say reproduced: $(tail -n 5 verify.out)"
echo "slurm-test: the merged folder equals the single run ($(wc -l <single.files) files) and verifies"

# A failed task re-submitted alone computes its own shard.
mv results/shard-5 shard-5.first
sbatch --wait --quiet --array=5 "$repo/cluster/slurm/shard.sbatch"
wait_for_jobs
shard="$(python3 -c 'import json, sys; print(json.load(open(sys.argv[1]))["shard"])' results/shard-5/shard.json)"
[ "$shard" = 5 ] || fail "the re-submitted task 5 wrote shard $shard, not shard 5"
(cd shard-5.first && find . -type f ! -name manifest.json | sort) >first.files
(cd results/shard-5 && find . -type f ! -name manifest.json | sort) >again.files
cmp -s first.files again.files || fail "the re-submitted shard 5 holds other files than the first one"
while read -r f; do
  cmp -s "shard-5.first/$f" "results/shard-5/$f" || fail "the re-submitted shard 5's $f differs from the first one's"
done <first.files
echo "slurm-test: task 5 re-submitted alone computed shard 5 again, the same bytes"
echo "slurm-test: passed"
