#!/bin/sh
# Restore a backup folder into an EMPTY database and EMPTY buckets (docs/scale-out.md section 6):
#   set -a; . /etc/layanan/env; deploy/restore.sh /var/backups/layanan/2026-12-07T0215
set -eu
cd "$(dirname "$0")/.."
exec .venv/bin/python tools/backup.py restore "$1"
