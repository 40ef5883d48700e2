#!/usr/bin/env bash
# Debian packages the tests talk to: Chromium for end-to-end tests, PostgreSQL for the shared
# store, Kamailio (with its WebSocket modules) as the softphone's SIP server, baresip as a phone
# that is not a browser, Dovecot as the shared mailbox, ffmpeg for recorded calls, iproute2 for the loopback-only network the end-to-end tests run in. Installs them when run as root.
set -euo pipefail
need=()
command -v pg_ctlcluster >/dev/null 2>&1 && ls /usr/lib/postgresql/*/bin/initdb >/dev/null 2>&1 || [ -n "${DATABASE_URL:-}" ] || need+=(postgresql)
command -v chromium >/dev/null 2>&1 || [ -n "${CHROMIUM_PATH:-}" ] || need+=(chromium)
{ [ -x /usr/sbin/kamailio ] && ls /usr/lib/*/kamailio/modules/websocket.so >/dev/null 2>&1; } || need+=(kamailio kamailio-websocket-modules)
command -v ip >/dev/null 2>&1 || need+=(iproute2)
# A non-browser phone calling and called by the softphone (its Opus, ICE and DTLS-SRTP modules).
[ -x /usr/bin/baresip ] && ls /usr/lib/baresip/modules/dtls_srtp.so >/dev/null 2>&1 || need+=(baresip-core)
# Dovecot is the shared IMAP mailbox replies are read from.
[ -x /usr/sbin/dovecot ] || need+=(dovecot-imapd)
# ffmpeg makes the microphones' test tones and decodes recorded calls to check them.
command -v ffmpeg >/dev/null 2>&1 || need+=(ffmpeg)
# Certificates for the store's TLS test (PostgreSQL's own packages bring it too).
command -v openssl >/dev/null 2>&1 || need+=(openssl)
[ ${#need[@]} -eq 0 ] && exit 0
if [ "$(id -u)" -eq 0 ] && command -v apt-get >/dev/null 2>&1; then
  echo "Installing Debian packages for the tests: ${need[*]}"
  apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${need[@]}" >/dev/null
else
  echo "The tests need these Debian packages: ${need[*]}" >&2
  echo "Install them with: sudo apt-get install ${need[*]}   (or set CHROMIUM_PATH to a Chromium binary)" >&2
  exit 1
fi
