#!/usr/bin/env bash
# Installs, from Debian's packages, what the Python packages cannot bring:
# Chromium (kaleido exports the figure through it), the fonts the brief and the
# figure draw with (DejaVu for Latin/Greek/Cyrillic, Nanum for Hangul), and
# poppler-utils (pdftoppm, to look at the pages). Does nothing when all are there.
set -euo pipefail

missing=()
command -v chromium >/dev/null 2>&1 || command -v chromium-browser >/dev/null 2>&1 \
  || command -v google-chrome >/dev/null 2>&1 || [ -n "${BROWSER_PATH:-}" ] || missing+=(chromium)
[ -f /usr/share/fonts/truetype/dejavu/DejaVuSans.ttf ] || missing+=(fonts-dejavu-core)
ls /usr/share/fonts/truetype/nanum/NanumGothic*.ttf >/dev/null 2>&1 || missing+=(fonts-nanum)
command -v pdftoppm >/dev/null 2>&1 || missing+=(poppler-utils)

[ ${#missing[@]} -eq 0 ] && exit 0

echo "Installing from Debian's packages: ${missing[*]}" >&2
if ! command -v apt-get >/dev/null 2>&1; then
  echo "No apt-get here. Install these yourself: ${missing[*]} (for Chromium, 'plotly_get_chrome' also works)." >&2
  exit 1
fi
sudo=""
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null 2>&1 || { echo "Run as root, or install: ${missing[*]}" >&2; exit 1; }
  sudo="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "Installed: ${missing[*]}" >&2
