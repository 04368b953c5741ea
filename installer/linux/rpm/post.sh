# %post; $1: 1 on install, 2 or more on upgrade (the restart is in %postun).
sh /usr/share/gatehouse/gatehouse-setup.sh
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
fi
if [ "$1" -eq 1 ] && command -v systemctl >/dev/null 2>&1; then
    # Enabled for the next boot, not started.
    systemctl enable gatehoused.service >/dev/null 2>&1 || :
fi
