import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cameUp, stopServer } from './server-process';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from './pg-cluster';

/*
 * A real SIP registrar and proxy for the softphone's tests: Debian's Kamailio on 127.0.0.1 with
 * its own ports, SIP over WebSocket (RFC 7118) for the browsers and UDP/TCP for baresip, and
 * digest authentication of REGISTER against the users given (the config is written per run, so
 * no database is needed). From ../shared/recipes/kamailio-ws.cfg, which worked here.
 */

export interface SipServer {
  /** The SIP domain and digest realm (cc.test): addresses are sip:<user>@cc.test. */
  domain: string;
  /** ws://127.0.0.1:PORT, for sip.js. */
  wsUrl: string;
  /** UDP/TCP port for non-browser peers (baresip). */
  sipPort: number;
  /** Stops it (as an outage would); `start` brings it back on the same ports. */
  stop(): Promise<void>;
  start(): Promise<void>;
  /** Stops it for good and removes its files. */
  dispose(): Promise<void>;
  /** What it logged so far (registrations, requests), for a failing test's message. */
  log(): string;
}

/** The SIP domain (and digest realm) the test server serves: a name that resolves nowhere. */
const DOMAIN = 'cc.test';

const quote = (s: string) => s.replace(/[\\"]/g, (c) => `\\${c}`);

function config(users: Record<string, string>, sipPort: number, wsPort: number): string {
  const passwords = Object.entries(users)
    .map(([user, password]) => `\tif ($au == "${quote(user)}") $var(pw) = "${quote(password)}";`)
    .join('\n');
  return `#!KAMAILIO
debug=2
log_stderror=yes
fork=yes
children=2
tcp_children=2
auto_aliases=no
# The SIP domain is a name, not this address: a port-less alias of 127.0.0.1 would make every
# local port "myself" and loop requests meant for peers such as baresip (FACTS.md).
alias="${DOMAIN}"
listen=udp:127.0.0.1:${sipPort}
listen=tcp:127.0.0.1:${sipPort}
listen=tcp:127.0.0.1:${wsPort}
tcp_accept_no_cl=yes
tcp_connection_lifetime=3605

loadmodule "kex.so"
loadmodule "corex.so"
loadmodule "tm.so"
loadmodule "tmx.so"
loadmodule "sl.so"
loadmodule "rr.so"
loadmodule "pv.so"
loadmodule "maxfwd.so"
loadmodule "usrloc.so"
loadmodule "registrar.so"
loadmodule "textops.so"
loadmodule "siputils.so"
loadmodule "xlog.so"
loadmodule "sanity.so"
loadmodule "nathelper.so"
loadmodule "auth.so"
loadmodule "xhttp.so"
loadmodule "websocket.so"

modparam("rr", "append_fromtag", 1)
modparam("usrloc", "db_mode", 0)
modparam("registrar", "max_expires", 3600)
modparam("registrar", "received_avp", "$avp(RECEIVED)")
modparam("nathelper", "received_avp", "$avp(RECEIVED)")
modparam("websocket", "keepalive_mechanism", 0)

request_route {
	if (!mf_process_maxfwd_header("10")) { sl_send_reply("483", "Too Many Hops"); exit; }
	if (!sanity_check("17895", "7")) { exit; }
	xlog("L_INFO", "REQ $rm $ru from $si:$sp proto=$pr\\n");
	if (nat_uac_test("64")) {
		force_rport();
		if (is_method("REGISTER")) { fix_nated_register(); }
		else if (!add_contact_alias()) { sl_send_reply("400", "Bad Request"); exit; }
	}
	if (!is_method("REGISTER")) t_on_reply("WS_REPLY");
	if (has_totag()) {
		if (loose_route()) {
			if ($du == "") { if (!handle_ruri_alias()) { sl_send_reply("400", "Bad Request"); exit; } }
			route(RELAY);
			exit;
		}
		if (is_method("ACK")) { if (t_check_trans()) { route(RELAY); } exit; }
		sl_send_reply("404", "Not here");
		exit;
	}
	if (is_method("CANCEL")) { if (t_check_trans()) route(RELAY); exit; }
	if (t_precheck_trans()) { t_check_trans(); exit; }
	if (is_method("OPTIONS") && uri==myself && $rU==$null) { sl_send_reply("200", "OK"); exit; }
	if (is_method("REGISTER")) {
		route(PASSWORD);
		if ($var(pw) == "" || !pv_www_authenticate("$td", "$var(pw)", "0")) {
			www_challenge("$td", "0");
			exit;
		}
		if ($au != $tU) { sl_send_reply("403", "Forbidden"); exit; }
		consume_credentials();
		xlog("L_INFO", "REGISTERED $tU expires=$hdr(Expires)\\n");
		if (!save("location")) sl_reply_error();
		exit;
	}
	if (is_method("INVITE|SUBSCRIBE|MESSAGE|REFER")) record_route();
	if (uri==myself) {
		if (!lookup("location")) { t_newtran(); t_reply("404", "Not Found"); exit; }
	} else if ($(ru{uri.param,alias}) != "") {
		# Sent to a WebSocket client's contact (an attended transfer's Refer-To names the
		# colleague's contact): the alias says which connection reaches it.
		if (!handle_ruri_alias()) { sl_send_reply("400", "Bad Request"); exit; }
	}
	route(RELAY);
}

route[PASSWORD] {
	$var(pw) = "";
${passwords}
}

route[RELAY] {
	xlog("L_INFO", "RELAY $rm $ru du=$du\n");
	if (!t_relay()) { xlog("L_WARN", "RELAY FAILED $rm $ru du=$du\n"); sl_reply_error(); }
	exit;
}

onreply_route[WS_REPLY] {
	xlog("L_INFO", "REPLY $rs $rr for $rm from $si:$sp\n");
	if (nat_uac_test("64")) add_contact_alias();
}

event_route[xhttp:request] {
	set_reply_close();
	set_reply_no_connect();
	if ($Rp != ${wsPort}) { xhttp_reply("403", "Forbidden", "", ""); exit; }
	if ($hdr(Upgrade)=~"websocket" && $hdr(Connection)=~"Upgrade" && $rm=~"GET") {
		if (ws_handle_handshake()) exit;
	}
	xhttp_reply("404", "Not Found", "", "");
}
`;
}

/** Starts Kamailio with these users (login → password); throws with what is missing when it is not installed. */
export async function startKamailio(users: Record<string, string>): Promise<SipServer> {
  const bin = ['/usr/sbin/kamailio', '/usr/local/sbin/kamailio'].find((p) => existsSync(p));
  if (!bin) throw new Error('Kamailio is not installed (Debian: apt-get install kamailio kamailio-websocket-modules). scripts/test-deps.sh installs it as root.');
  const dir = mkdtempSync(join(tmpdir(), 'cc-sip-'));
  const [sipPort, wsPort] = [await freePort(), await freePort()];
  const cfg = join(dir, 'kamailio.cfg');
  writeFileSync(cfg, config(users, sipPort, wsPort));
  const check = spawnSync(bin, ['-c', '-f', cfg], { encoding: 'utf8' });
  if (check.status !== 0) throw new Error(`Kamailio refused its config: ${check.stderr}`);
  const logFile = join(dir, 'kamailio.log');
  let child: ChildProcess | null = null;
  let logged = '';
  const start = async () => {
    // -DD: stay in the foreground with its children; -E: log to stderr, which we keep.
    const c = spawn(bin, ['-f', cfg, '-DD', '-E', '-Y', dir, '-P', join(dir, 'kamailio.pid'), '-m', '64', '-M', '8'], { stdio: ['ignore', 'ignore', 'pipe'] });
    c.stderr.on('data', (d: Buffer) => {
      logged += d.toString('utf8');
      if (logged.length > 2_000_000) logged = logged.slice(-1_000_000);
    });
    child = c;
    if (!(await cameUp(c, wsPort))) throw new Error(`Kamailio did not start:\n${logged.slice(-3000)}`);
  };
  const stop = async () => {
    const c = child;
    child = null;
    await stopServer(c, wsPort, 3000);
  };
  await start();
  return {
    domain: DOMAIN,
    wsUrl: `ws://127.0.0.1:${wsPort}`,
    sipPort,
    start,
    stop,
    async dispose() {
      await stop();
      writeFileSync(logFile, logged);
      rmSync(dir, { recursive: true, force: true });
    },
    log: () => logged || (existsSync(logFile) ? readFileSync(logFile, 'utf8') : ''),
  };
}
