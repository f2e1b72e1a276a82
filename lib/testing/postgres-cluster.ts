// A throwaway PostgreSQL 15 cluster for tests (Debian's `postgresql` package, docs/toolchain.md): initdb in a
// temporary folder, a free port on 127.0.0.1, no durability (fsync off: the data dies with the run), stopped by
// the postmaster's PID. PostgreSQL refuses to run as root, so as root the binaries run as the `postgres` user.
import { execFileSync } from "node:child_process";
import { chownSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { freePort } from "./free-port";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { randomBytes } from "node:crypto";
import pg from "pg";

const PG_BIN = "/usr/lib/postgresql/15/bin";

interface PostgresCluster {
  /** Superuser URL (with its password) of the `postgres` maintenance database. */
  adminUrl: string;
  dataDir: string;
  pid: number;
  stop(): Promise<void>;
}

const SPEED_SETTINGS = [
  "fsync=off",
  "synchronous_commit=off",
  "full_page_writes=off",
  "wal_level=minimal",
  "max_wal_senders=0",
  "shared_buffers=32MB",
  "max_connections=200",
  "checkpoint_timeout=30min",
  "max_wal_size=1GB",
];

/** Runs a PostgreSQL binary as the owner of the cluster files: `postgres` when we are root. */
function runPg(bin: string, args: string[]): string {
  const asRoot = process.getuid?.() === 0;
  const [cmd, argv] = asRoot ? ["runuser", ["-u", "postgres", "--", join(PG_BIN, bin), ...args]] : [join(PG_BIN, bin), args];
  return execFileSync(cmd, argv, { encoding: "utf8", stdio: ["ignore", "pipe", "pipe"] });
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

/** TLS for client-certificate tests: the server's certificate and key, the CA it trusts for client certificates. */
export interface ClusterTls {
  certPem: string;
  keyPem: string;
  caPem: string;
  /** pg_hba.conf lines placed before the defaults, e.g. "hostssl all certuser 127.0.0.1/32 cert". */
  hba: string[];
}

/** `port` and `password` fix the URL in advance (the e2e server's database must be known to the test process). */
export async function startPostgresCluster(fixed: { port?: number; password?: string; tls?: ClusterTls } = {}): Promise<PostgresCluster> {
  if (!existsSync(join(PG_BIN, "initdb"))) {
    throw new Error(`No PostgreSQL 15 at ${PG_BIN}: run .ci/install-system-packages (Debian package postgresql).`);
  }
  const root = mkdtempSync(join(tmpdir(), "keyhold-pg-"));
  const idOf = (flag: string) => Number(execFileSync("id", [flag, "postgres"], { encoding: "utf8" }));
  const owner = process.getuid?.() === 0 ? { uid: idOf("-u"), gid: idOf("-g") } : null;
  const owned = (path: string) => owner && chownSync(path, owner.uid, owner.gid);
  owned(root);
  const dataDir = join(root, "data");
  // Other users of a shared machine can reach 127.0.0.1 too: TCP needs the superuser's random password (the
  // socket folder is private to the cluster's owner).
  const password = fixed.password ?? randomBytes(18).toString("hex");
  const pwfile = join(root, "pwfile");
  writeFileSync(pwfile, password, { mode: 0o600 });
  owned(pwfile);
  try {
    // UTF8 like any production cluster; ICU English collation so ORDER BY sorts as on a typical server (en_US),
    // not in SQLite's byte order.
    runPg("initdb", [
      "-D",
      dataDir,
      "-U",
      "postgres",
      `--pwfile=${pwfile}`,
      "--auth-local=trust",
      "--auth-host=scram-sha-256",
      "--encoding=UTF8",
      "--locale=C.UTF-8",
      "--locale-provider=icu",
      "--icu-locale=en-US",
      "--no-sync",
      "--no-instructions",
    ]);
  } catch (err) {
    rmSync(root, { recursive: true, force: true });
    throw err;
  } finally {
    rmSync(pwfile, { force: true });
  }

  const tlsSettings = fixed.tls ? configureTls(dataDir, fixed.tls, owned) : [];
  let lastError: unknown;
  for (let attempt = 0; attempt < 3; attempt++) {
    // Another process may take the port between freePort() and the server's bind: try again with a new one.
    const port = fixed.port ?? (await freePort());
    const options = ["-p", String(port), "-k", root, "-c", "listen_addresses=127.0.0.1", ...[...SPEED_SETTINGS, ...tlsSettings].flatMap((s) => ["-c", s])];
    try {
      runPg("pg_ctl", ["-D", dataDir, "-l", join(root, "server.log"), "-w", "-t", "60", "-o", options.join(" "), "start"]);
    } catch (err) {
      lastError = err;
      continue;
    }
    const pid = Number(readFileSync(join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
    const stopNow = () => stopByPid(pid, root);
    // A crashed or interrupted test run still takes its server down with it.
    process.once("exit", stopNow);
    return {
      adminUrl: `postgresql://postgres:${password}@127.0.0.1:${port}/postgres`,
      dataDir,
      pid,
      async stop() {
        process.removeListener("exit", stopNow);
        await stopAndWait(pid, root);
      },
    };
  }
  const log = existsSync(join(root, "server.log")) ? readFileSync(join(root, "server.log"), "utf8") : "";
  rmSync(root, { recursive: true, force: true });
  throw new Error(`PostgreSQL did not start: ${String(lastError)}\n${log}`);
}

/** Writes the TLS files into the data folder (the key private to its owner, as PostgreSQL demands) and the hba lines. */
function configureTls(dataDir: string, tls: ClusterTls, owned: (path: string) => unknown): string[] {
  const files = { "server.crt": tls.certPem, "server.key": tls.keyPem, "client-ca.crt": tls.caPem };
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dataDir, name), content, { mode: 0o600 });
    owned(join(dataDir, name));
  }
  const hbaPath = join(dataDir, "pg_hba.conf");
  writeFileSync(hbaPath, `${tls.hba.join("\n")}\n${readFileSync(hbaPath, "utf8")}`);
  return ["ssl=on", "ssl_cert_file=server.crt", "ssl_key_file=server.key", "ssl_ca_file=client-ca.crt"];
}

/** Immediate shutdown (SIGQUIT): the data is thrown away, so there is nothing to checkpoint. */
function stopByPid(pid: number, root: string): void {
  if (alive(pid)) process.kill(pid, "SIGQUIT");
  rmSync(root, { recursive: true, force: true });
}

/** Stops the server and waits until the postmaster is gone, so its port and files are free. */
async function stopAndWait(pid: number, root: string): Promise<void> {
  if (alive(pid)) process.kill(pid, "SIGQUIT");
  const deadline = Date.now() + 15_000;
  while (alive(pid) && Date.now() < deadline) await new Promise((r) => setTimeout(r, 25));
  if (alive(pid)) process.kill(pid, "SIGKILL");
  rmSync(root, { recursive: true, force: true });
}

/** Creates an empty database with a unique name in the cluster and returns its URL. */
export async function createDatabase(adminUrl: string, prefix = "keyhold_test"): Promise<string> {
  const name = `${prefix}_${process.pid}_${randomBytes(4).toString("hex")}`;
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    // FILE_COPY: with fsync off, copying template1's files beats WAL-logging them block by block.
    await client.query(`CREATE DATABASE "${name}" STRATEGY = FILE_COPY`);
  } finally {
    await client.end();
  }
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return url.toString();
}
