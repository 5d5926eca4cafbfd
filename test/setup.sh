#!/usr/bin/env bash
# Before the suites: make sure what the browser and PostgreSQL suites need is on the machine.
# Fresh machines and CI run as root and get it installed; anyone else is told the command to run.
set -euo pipefail

missing=()
[ -x /usr/bin/chromium ] || missing+=(chromium)
# Chinese glyphs for the browser tests' screenshots (otherwise every character is a box).
{ command -v fc-list >/dev/null && fc-list :lang=zh | grep -q .; } || missing+=(fonts-wqy-zenhei)
# The printed 患者知情告知书 is checked as a PDF: its pages and size (pdfinfo) and its text (pdftotext).
command -v pdftotext >/dev/null && command -v pdfinfo >/dev/null || missing+=(poppler-utils)
pg_bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1 || true)
{ [ -n "$pg_bin" ] && [ -x "$pg_bin/initdb" ]; } || missing+=(postgresql)

if [ ${#missing[@]} -gt 0 ]; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    echo "test setup: installing ${missing[*]} with apt-get" >&2
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq >/dev/null
    apt-get install -y -qq "${missing[@]}" >/dev/null
  else
    echo "test setup: missing ${missing[*]}. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  fi
fi
