#!/usr/bin/env bash
# Install the Debian packages the test suite needs, if any are missing.
#
# - request-tracker5 + rt5-db-sqlite + starman: the live RT 5 test backend (tests/support/rt_instance.py)
# - gnome-keyring + dbus-x11: a Secret Service for the keyring tests (dbus-launch)
# - xvfb + libxss1: the timer's X11 idle source under a real X server (tests/test_presence_linux.py)
# - shared libraries PySide6's wheels link against for a QApplication with QT_QPA_PLATFORM=offscreen
#   (checked with ldd on QtCore/QtGui/QtWidgets/QtNetwork and the offscreen platform plugin), plus a
#   font so offscreen text has real metrics.
#
# Fast no-op when everything is installed. As non-root it only reports what is missing (exit 1).
set -euo pipefail

packages=(
    request-tracker5 rt5-db-sqlite starman
    gnome-keyring dbus-x11 xvfb xauth libxss1
    libegl1 libgl1 libxkbcommon0 libfontconfig1 libfreetype6 libdbus-1-3 libglib2.0-0
    libx11-6 libxcb1 libpng16-16 libgssapi-krb5-2 fonts-dejavu-core
    libxcb-cursor0 libxcb-icccm4 libxcb-keysyms1 binutils
)

missing=()
for pkg in "${packages[@]}"; do
    status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
    [[ "$status" == "installed" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
    exit 0
fi

if ((EUID != 0)); then
    echo "Missing system packages: ${missing[*]}" >&2
    echo "Run as root: $0   (or: sudo apt-get install --no-install-recommends ${missing[*]})" >&2
    exit 1
fi

export DEBIAN_FRONTEND=noninteractive
apt_get=(apt-get -o DPkg::Lock::Timeout=600 -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confold)
echo "Installing: ${missing[*]}"
"${apt_get[@]}" update -q
"${apt_get[@]}" install -y -q --no-install-recommends "${missing[@]}"
