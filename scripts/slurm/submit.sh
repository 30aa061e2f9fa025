#!/usr/bin/env bash
# Submit a sharded `coherency toys` (or `coverage`) run to Slurm: a job array of N shards and a merge
# job that depends on it (docs/slurm.md).
#
#   scripts/slurm/submit.sh N OUT_DIR [toys|coverage] [DATASET] [options...]
#
# Prints "ARRAY_JOB_ID MERGE_JOB_ID" on stdout; the result is OUT_DIR/toys.json (coverage.json).
# Extra sbatch options for both jobs (partition, account, time limit, CPUs per task) go in the
# environment variable SBATCH_OPTIONS, e.g. SBATCH_OPTIONS="--partition=short --cpus-per-task=4".
set -euo pipefail

usage="usage: $0 N OUT_DIR [toys|coverage] [DATASET] [options...]"
n=${1:?$usage}
out=${2:?$usage}
shift 2
if ! [[ $n =~ ^[1-9][0-9]*$ ]]; then
  echo "submit.sh: N = '$n': expected a number of shards ≥ 1" >&2
  exit 2
fi
command=toys
if [[ ${1:-} == toys || ${1:-} == coverage ]]; then
  command=$1
  shift
fi
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
mkdir -p "$out"
# shellcheck disable=SC2086 # SBATCH_OPTIONS is a list of options
array=$(COHERENCY_SHARDS=$n sbatch --parsable ${SBATCH_OPTIONS:-} --array="0-$((n - 1))" --output="$out/slurm-%A_%a.log" \
  "$here/toys.sbatch" "$out" "$command" "$@")
array=${array%%;*} # --parsable prints "jobid[;cluster]"
# shellcheck disable=SC2086
merge=$(sbatch --parsable ${SBATCH_OPTIONS:-} --dependency="afterok:$array" --kill-on-invalid-dep=yes \
  --output="$out/slurm-merge-%j.log" "$here/merge.sbatch" "$out" "$out/$command.json")
merge=${merge%%;*}
echo "$array $merge"
