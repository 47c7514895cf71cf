#!/usr/bin/env bash
# Quick start, command 1: installs missing prerequisites, then starts the whole app through the AppHost.
# Ctrl+C stops every process it started.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/prerequisites.sh run
exec dotnet run --project AppHost -- "$@"
