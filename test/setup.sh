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

# The front-table poller is tested against MariaDB too (hospitals' front tables are often MySQL-family):
# the machine's server on 127.0.0.1:3306 (root, no password), or HUREN_TEST_MARIADB. Started when installed
# but stopped; installed when missing and we are root.
if [ -z "${HUREN_TEST_MARIADB:-}" ] && ! (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null; then
  if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null; then
    if [ ! -x /usr/sbin/mariadbd ]; then
      echo "test setup: installing mariadb-server with apt-get" >&2
      export DEBIAN_FRONTEND=noninteractive
      apt-get update -qq >/dev/null
      apt-get install -y -qq mariadb-server >/dev/null
    fi
    start-stop-daemon --start --oknodo --background --exec /usr/sbin/mariadbd -- --user=mysql >/dev/null
    for _ in $(seq 1 60); do (exec 3<>/dev/tcp/127.0.0.1/3306) 2>/dev/null && break; sleep 1; done
    # A fresh Debian MariaDB lets root in through its socket only: allow it over TCP without a password, as CI's does.
    mariadb -uroot -e "ALTER USER 'root'@'localhost' IDENTIFIED VIA mysql_native_password USING PASSWORD(''); FLUSH PRIVILEGES;" 2>/dev/null || true
  else
    echo "test setup: MariaDB is not reachable on 127.0.0.1:3306. Run: sudo apt-get install -y mariadb-server && sudo service mariadb start (or set HUREN_TEST_MARIADB=mysql://user:pass@host:port)" >&2
    exit 1
  fi
fi
