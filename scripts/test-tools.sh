#!/usr/bin/env bash
# Host tools the tests drive like a user: tmux (the CLI's live progress view and its Ctrl+C prompt
# on a real terminal) and zsh (the generated zsh completion must parse). Java for Liquibase host
# mode comes with liquibase-image.sh. Idempotent; root only to install.
set -euo pipefail

PROVISION_PART=test-tools
# shellcheck source=scripts/provision-lib.sh
. "$(dirname "$0")/provision-lib.sh"

apt_install tmux zsh
for tool in tmux zsh; do
  command -v "$tool" >/dev/null || die "$tool is missing after install; apt-get install $tool"
done
