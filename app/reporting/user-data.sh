#!/bin/bash
# Reporting service, first boot. Logs: /var/log/cloud-init-output.log, then journalctl -u reporting.
set -euo pipefail

dnf install -y nodejs{{nodeMajor}}
id reporting >/dev/null 2>&1 || useradd --system --no-create-home --shell /sbin/nologin reporting
install -d -m 0755 /opt/reporting
aws s3 cp --region {{region}} "s3://{{bucket}}/{{key}}" /opt/reporting/server.js
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
