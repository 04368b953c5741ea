# %postun; $1: 0 on erase, 1 on upgrade. Data and settings are kept on erase (RPM has no purge:
# remove the user with `userdel gatehouse` and the folders by hand).
if [ -d /run/systemd/system ]; then
    systemctl daemon-reload >/dev/null 2>&1 || :
    if [ "$1" -ge 1 ]; then
        systemctl try-restart gatehoused.service >/dev/null 2>&1 || :
    fi
fi
