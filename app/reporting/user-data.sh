#!/bin/bash
# Reporting service, first boot. Logs: /var/log/cloud-init-output.log, then journalctl -u reporting.
set -euo pipefail

dnf install -y nodejs{{nodeMajor}}
id reporting >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin reporting
install -d -m 0755 /opt/reporting

# The bundle this launch template version was built with, by SHA-256: the object's current version,
# or, when a newer deploy has replaced it since, the older version with that hash (kept by the
# bucket's noncurrent-version lifecycle). Every failure is logged with its reason and retried with
# exponential backoff: S3, the NAT route or the instance role may not be ready in the first minute.
BUNDLE_BUCKET="{{bucket}}"
BUNDLE_KEY="{{key}}"
BUNDLE_SHA256="{{sha256}}"
BUNDLE_REGION="{{region}}"
BUNDLE_PATH=/opt/reporting/server.js
BUNDLE_ATTEMPTS=8

bundle_matches() {
  echo "$BUNDLE_SHA256  $1" | sha256sum --check --status
}

fetch_bundle_once() {
  local partial="$BUNDLE_PATH.partial" version
  aws s3api get-object --region "$BUNDLE_REGION" --bucket "$BUNDLE_BUCKET" --key "$BUNDLE_KEY" "$partial" >/dev/null || return 1
  if bundle_matches "$partial"; then mv -f "$partial" "$BUNDLE_PATH"; return 0; fi
  echo "the current version of s3://$BUNDLE_BUCKET/$BUNDLE_KEY is a newer bundle; looking for SHA-256 $BUNDLE_SHA256 among older versions"
  for version in $(aws s3api list-object-versions --region "$BUNDLE_REGION" --bucket "$BUNDLE_BUCKET" --prefix "$BUNDLE_KEY" \
      --query "Versions[?Key=='$BUNDLE_KEY'].VersionId" --output text); do
    aws s3api get-object --region "$BUNDLE_REGION" --bucket "$BUNDLE_BUCKET" --key "$BUNDLE_KEY" --version-id "$version" "$partial" >/dev/null || return 1
    if bundle_matches "$partial"; then mv -f "$partial" "$BUNDLE_PATH"; return 0; fi
  done
  rm -f "$partial"
  echo "no version of s3://$BUNDLE_BUCKET/$BUNDLE_KEY has SHA-256 $BUNDLE_SHA256 (expired by the lifecycle rule?)"
  return 1
}

fetch_bundle() {
  local attempt=1 delay=2 reason
  while true; do
    if reason=$(fetch_bundle_once 2>&1); then
      echo "bundle $BUNDLE_SHA256 fetched on attempt $attempt"
      return 0
    fi
    if [ "$attempt" -ge "$BUNDLE_ATTEMPTS" ]; then
      echo "bundle download failed $attempt times, giving up: $reason" >&2
      return 1
    fi
    echo "bundle download attempt $attempt failed, retrying in $delay s: $reason" >&2
    sleep "$delay"
    attempt=$((attempt + 1))
    delay=$((delay * 2 > 60 ? 60 : delay * 2))
  done
}

fetch_bundle
chmod 0644 /opt/reporting/server.js

cat > /etc/systemd/system/reporting.service <<'UNIT'
[Unit]
Description=Booking occupancy reporting service
Wants=network-online.target
After=network-online.target

[Service]
User=reporting
Group=reporting
{{environment}}
ExecStart=/usr/bin/node-{{nodeMajor}} /opt/reporting/server.js
Restart=always
RestartSec=2
NoNewPrivileges=yes
ProtectSystem=strict
ProtectHome=yes
PrivateTmp=yes
PrivateDevices=yes
ProtectKernelTunables=yes
ProtectKernelModules=yes
ProtectControlGroups=yes
RestrictAddressFamilies=AF_INET AF_INET6 AF_UNIX
CapabilityBoundingSet=

[Install]
WantedBy=multi-user.target
UNIT

systemctl daemon-reload
systemctl enable --now reporting.service
