import Foundation

/// Which shard of a run to compute: `--shard K/N`, or K and N from a batch scheduler's
/// environment (`--shard-from-env`). Shards are numbered 1…N.
package enum ShardChoice {
    /// (K, N) from `K/N`, with 1 ≤ K ≤ N.
    package static func parse(_ text: String) throws -> (Int, Int) {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let k = Int(parts[0]), let n = Int(parts[1]), n >= 1, (1...n).contains(k) else {
            throw PipelineError("--shard \(text): write K/N with 1 ≤ K ≤ N, for example --shard 2/4")
        }
        return (k, n)
    }

    /// (K, N) from a scheduler's environment. Shards are numbered 1…N everywhere.
    ///
    /// - Slurm: K is `SLURM_ARRAY_TASK_ID` itself (an array `--array=1-N`; never offset by
    ///   `SLURM_ARRAY_TASK_MIN`, so re-submitting task 5 alone with `--array=5` computes shard 5).
    ///   N is `shards` if given, else the size of an array starting at 1: `SLURM_ARRAY_TASK_COUNT`,
    ///   or else `SLURM_ARRAY_TASK_MAX` (= MAX − MIN + 1) when `SLURM_ARRAY_TASK_MIN` is 1. A task
    ///   ID of 0 (a 0-based array) or above N is refused.
    /// - Kubernetes Indexed Job: K is `JOB_COMPLETION_INDEX` + 1 (it counts from 0); N must be given.
    package static func fromEnvironment(_ env: [String: String], shards: Int?) throws -> (Int, Int) {
        func number(_ name: String) throws -> Int? {
            guard let text = env[name] else { return nil }
            guard let value = Int(text.trimmingCharacters(in: .whitespaces)) else {
                throw PipelineError(
                    "--shard-from-env: \(name)=\(text) is not a whole number; run inside a Slurm job array or a Kubernetes Indexed Job, or give --shard K/N"
                )
            }
            return value
        }
        if let id = try number("SLURM_ARRAY_TASK_ID") {
            let minimum = try number("SLURM_ARRAY_TASK_MIN"), maximum = try number("SLURM_ARRAY_TASK_MAX")
            let count = try number("SLURM_ARRAY_TASK_COUNT")
            let n: Int
            if let shards {
                n = shards
            } else if let size = minimum == 1 ? count ?? maximum : minimum == nil ? count : nil {
                n = size
            } else {
                throw PipelineError(
                    "--shard-from-env: the Slurm array is not 1-N (SLURM_ARRAY_TASK_MIN=\(minimum.map(String.init) ?? "unset")), so its size is not the shard count; submit with --array=1-N, or give --shards N (as when re-submitting one task)"
                )
            }
            guard id >= 1, id <= n else {
                throw PipelineError(
                    "--shard-from-env: SLURM_ARRAY_TASK_ID=\(id) is not a shard 1…\(n); shards are numbered from 1: submit with --array=1-\(n)"
                )
            }
            return (id, n)
        }
        if let index = try number("JOB_COMPLETION_INDEX") {
            guard let n = shards else {
                throw PipelineError(
                    "--shard-from-env: a Kubernetes Indexed Job does not tell its number of completions; give --shards N (the job's completions)"
                )
            }
            guard index >= 0, index < n else {
                throw PipelineError(
                    "--shard-from-env: JOB_COMPLETION_INDEX=\(index) is not 0…\(n - 1) (shards 1…\(n)); set completions to --shards \(n)")
            }
            return (index + 1, n)
        }
        throw PipelineError(
            "--shard-from-env: neither SLURM_ARRAY_TASK_ID nor JOB_COMPLETION_INDEX is set; run inside a Slurm job array or a Kubernetes Indexed Job, or give --shard K/N"
        )
    }
}
