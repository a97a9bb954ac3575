#!/usr/bin/env bash
# Stops the compose stack and removes its containers, networks, volumes and the Connect image.
set -euo pipefail
cd "$(dirname "$0")/.."
if docker compose version >/dev/null 2>&1; then compose=(docker compose); else compose=(docker-compose); fi
"${compose[@]}" -p mqtt-persistence -f docker/compose.yaml --profile tools down --volumes --remove-orphans --rmi local
