#!/usr/bin/env bash
# Builds Release, raises the open-file limit, and runs the benchmark. The report goes to stdout and
# to bench/results.md. Extra arguments go to the bench; a quick run:
#   bench/run.sh --warmup 0.5 --measure 2 --idle 200,1000 --settle 1
set -euo pipefail
cd "$(dirname "$0")/.."

dotnet build BlazorContact.Web -c Release --nologo -v quiet >&2
dotnet build BlazorContact.Bench -c Release --nologo -v quiet >&2

# 10,000 idle connections need 10,000 descriptors in the bench and as many in the server (which inherits
# this limit); 1,024, a common default, would stop the idle phase early.
if ! ulimit -n 20000 2>/dev/null; then
  echo "bench: cannot raise the open-file limit to 20000 (hard limit: $(ulimit -Hn)); the idle phase may stop early" >&2
fi
echo "bench: open-file limit $(ulimit -n)" >&2

exec dotnet BlazorContact.Bench/bin/Release/net10.0/BlazorContact.Bench.dll \
  --server BlazorContact.Web/bin/Release/net10.0/BlazorContact.Web.dll \
  --output bench/results.md "$@"
