#!/usr/bin/env bash
# Quick start, command 2: installs missing prerequisites, builds, and runs the whole test suite.
# Results (TRX) go to TestResults/; extra arguments go to dotnet test (e.g. --filter Category=Unit).
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh test
npm ci --prefix Tests/Interop --no-audit --no-fund --loglevel=error
rm -rf TestResults
dotnet build TraceApp.sln -c Debug -warnaserror -nologo -clp:ErrorsOnly
exec dotnet test TraceApp.sln -c Debug --no-build --logger "trx;LogFileName=results.trx" --results-directory TestResults "$@"
