#!/bin/sh
# The nightly backup (layanan-daily.service, scheduler node only; docs/scale-out.md section 6):
# PostgreSQL and both buckets (or media folders) into a dated folder, copies older than
# LAYANAN_BACKUP_DAYS (14) removed. Copy /var/backups/layanan off the machine as well.
set -eu
cd "$(dirname "$0")/.."
BACKUPS="${LAYANAN_BACKUPS:-/var/backups/layanan}"
.venv/bin/python tools/backup.py backup "$BACKUPS/$(date +%Y-%m-%dT%H%M)"
find "$BACKUPS" -mindepth 1 -maxdepth 1 -type d -mtime +"${LAYANAN_BACKUP_DAYS:-14}" \
    -exec rm -rf {} +
