#!/usr/bin/env bash
# Runs every cargo-fuzz target for N seconds each (default 60), one job, lowest priority.
#   scripts/fuzz.sh [SECONDS] [TARGET...]
# Safe Rust only (the workspace forbids unsafe), so no ASan: -s none; -a keeps overflow checks.
# Needs the nightly toolchain and cargo-fuzz (`cargo install cargo-fuzz --locked`).
# Seeds fuzz/corpus/<target>/ from the transcript scripts, the lessons' files and their heredocs
# (kept corpora grow across runs; they are not committed). Crashes land in fuzz/artifacts/<target>/.
# Not part of scripts/test.sh: the regression tests for what it found run in `cargo test --workspace`.
set -euo pipefail
cd "$(dirname "$0")/.."
secs="${1:-60}"
shift || true
targets=("$@")
if [ ${#targets[@]} -eq 0 ]; then
  targets=(manifest_apply command_line permalink env_file_and_quantity yaml_fast_path)
fi
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}"

python3 - <<'PY'
import base64, glob, hashlib, json, os, re
root = "fuzz/corpus"
def put(target, data):
    if isinstance(data, str):
        data = data.encode()
    if not data or len(data) > 64 * 1024:
        return
    d = os.path.join(root, target)
    os.makedirs(d, exist_ok=True)
    with open(os.path.join(d, "seed-" + hashlib.sha1(data).hexdigest()[:16]), "wb") as f:
        f.write(data)
def link(record):
    raw = json.dumps(record, separators=(",", ":")).encode()
    packed = b"".join(bytes([len(raw[i:i + 128]) - 1]) + raw[i:i + 128] for i in range(0, len(raw), 128))
    return "v1." + base64.urlsafe_b64encode(packed).decode().rstrip("=")
scripts = sorted(glob.glob("tests/scripts/**/*.script", recursive=True))
manifests, files = [], []
for path in scripts:
    text = open(path, encoding="utf-8", errors="replace").read()
    put("command_line", text)
    lines = text.splitlines()
    record = {"version": 1, "lesson": None, "step": 0, "files": [], "commands": lines[:200], "events": []}
    put("permalink", link(record))
    put("permalink", json.dumps(record))
    # Heredoc bodies are the manifests and env files the transcripts write.
    for m in re.finditer(r"<<-?\s*'?\"?(\w+)'?\"?[^\n]*\n(.*?)\n\1\n", text, re.S):
        body = m.group(2) + "\n"
        (manifests if "apiVersion" in body or "kind:" in body else files).append(body)
try:
    import yaml
    for path in sorted(glob.glob("crates/kube-sim-lessons/lessons/*.yaml")):
        lesson = yaml.safe_load(open(path, encoding="utf-8"))
        for f in lesson.get("files") or []:
            manifests.append(f.get("text", ""))
except ImportError:
    print("fuzz.sh: no PyYAML, the lessons' files are not seeded")
for m in manifests:
    put("manifest_apply", m)
    put("yaml_fast_path", m)
for f in files:
    put("env_file_and_quantity", f)
for q in ["1", "1Gi", "500m", "1.5", "1e3", "0.1n", "-1Ki", "100M", "12E", "+.5", "1E18", "9223372036854775807"]:
    put("env_file_and_quantity", q + "\n")
put("env_file_and_quantity", "# c\nUSER=admin\nPASS=s3cr=t\n\nEMPTY\n")
# The forms the YAML fast path reads besides plain scalars: comments, one-line quoted scalars
# with their escapes (and the near misses it must leave to serde_yaml).
for y in [
    "# a pod\napiVersion: v1 # the core group\nkind: Pod\nmetadata:\n  name: 'web' # quoted\n  labels:\n    app: \"web\"\n",
    "data:\n  a: 'it''s'\n  b: \"tab\\there \\\"q\\\" \\u00e9 \\x41 \\/\"\n  c: \"x # not a comment\"\n  d: x#y\n  e: ''\n",
    "spec:\n  args:\n  # full-line comment\n  - 'a: b'\n  - \"1\" # a string\n  - 1 # a number\n    # indented comment\n",
    "a: 'x'y\nb: \"\\q\"\nc: 'multi\n  line'\nd: \"\\ud800\"\n",
]:
    put("yaml_fast_path", y)
PY

mkdir -p fuzz/logs
for t in "${targets[@]}"; do
  echo "== $t: ${secs}s"
  # With -jobs, libFuzzer runs the job in a child that logs to fuzz-0.log; keep it per target.
  rm -f fuzz/fuzz-0.log
  (cd fuzz && nice -n 19 cargo +nightly fuzz run -s none -a "$t" -- \
      -max_total_time="$secs" -jobs=1 -workers=1 -timeout=60 -rss_limit_mb=2048 -max_len=65536 \
      -print_final_stats=1) > "fuzz/logs/$t.driver.log" 2>&1 || true
  if [ -f fuzz/fuzz-0.log ]; then mv fuzz/fuzz-0.log "fuzz/logs/$t.log"; fi
  grep -E "^(stat::|#[0-9]+ +DONE|==[0-9]+==|SUMMARY|Test unit written|artifact_prefix)" "fuzz/logs/$t.log" "fuzz/logs/$t.driver.log" || true
done
