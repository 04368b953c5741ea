# %post; $1: 1 on install, 2 or more on upgrade.
sh /usr/share/gatehouse/gatehouse-setup.sh
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -eq 1 ]; then
        # Enabled for the next boot, not started.
        systemctl enable gatehoused.service >/dev/null 2>&1 || :
    fi
fi
