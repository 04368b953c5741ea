# %preun; $1: 0 on erase, 1 on upgrade.
if [ "$1" -eq 0 ]; then
    if [ -d /run/systemd/system ]; then
        systemctl stop gatehoused.service >/dev/null 2>&1 || :
    fi
    if command -v systemctl >/dev/null 2>&1; then
        systemctl disable gatehoused.service >/dev/null 2>&1 || :
    fi
fi
