#!/usr/bin/env bash
# Host tools the tests drive like a user: Java 17 (Liquibase host mode runs the bundled
# distribution with the machine's Java), tmux (the CLI's live progress view and its Ctrl+C prompt
# on a real terminal) and zsh (the generated zsh completion must parse). Idempotent; root only to
# install.
set -euo pipefail

PROVISION_PART=test-tools
# shellcheck source=scripts/provision-lib.sh
. "$(dirname "$0")/provision-lib.sh"

apt_install openjdk-17-jre-headless tmux zsh
for tool in java tmux zsh; do
  command -v "$tool" >/dev/null || die "$tool is missing after install; apt-get install $tool"
done
