// Starts the system under test once for the run: tixpay (the payment provider), then tixd in
// provider mode serving web/dist, with an admin created offline. The tests find them through
// TIX_E2E_* variables. Binaries: $TIXD and $TIXPAY, or the Release build's.
// The page's origin is known before anything starts (a port reserved up front), so tixpay can
// allow it to post cards (--allow-origin).
import { createServer } from "node:net";
import { existsSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { BinaryPath, kRepoRoot, RunToEnd, StartListening, Stop, TempDir, type Started } from "./processes";
import { kAccessTokenSeconds, kAdmin } from "./api";

export default async function GlobalSetup(): Promise<() => Promise<void>> {
  const tixd = BinaryPath("TIXD", "build/release/src/app/tixd");
  const tixpay = BinaryPath("TIXPAY", "build/release/src/tixpay/tixpay");
  const webRoot = join(kRepoRoot, "web/dist");
  for (const path of [tixd, tixpay, join(webRoot, "index.html")]) {
    if (!existsSync(path)) throw new Error(`e2e: ${path} is missing (make build)`);
  }
  const scratch = await TempDir("tix-e2e-");
  const apiKey = `sk_e2e_${randomBytes(12).toString("hex")}`;
  const secret = `whsec_e2e_${randomBytes(12).toString("hex")}`;
  // tixd reads TIXD_* variables as options: the tests' own environment must not leak in.
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => !k.startsWith("TIXD_")));
  const started: Started[] = [];
  const teardown = async () => {
    for (const s of started.reverse()) await Stop(s);
  };
  try {
    const webPort = await ReservePort();
    const webOrigin = `http://127.0.0.1:${webPort}`;
    const provider = await StartListening(tixpay, ["--listen", "127.0.0.1:0", "--api-key", apiKey, "--webhook-secret", secret, "--log-level", "warn", "--allow-origin", webOrigin], env, scratch, "tixpay");
    started.push(provider);

    const data = join(scratch, "data");
    RunToEnd(tixd, ["admin", "create-user", "--data", data, "--email", kAdmin.email, "--password", kAdmin.password, "--name", "E2E Admin", "--admin", "--password-cost", "minimum"], env);
    const server = await StartListening(tixd, [
      "serve", "--listen", `127.0.0.1:${webPort}`, "--data", data, "--password-cost", "minimum", "--log-level", "warn",
      // The shortest access tokens tixd allows: the session must renew itself during the run.
      "--token-ttl", String(kAccessTokenSeconds),
      "--payments", "provider", "--payment-provider-url", `http://127.0.0.1:${provider.port}`,
      "--payment-api-key", apiKey, "--payment-webhook-secret", secret, "--payment-reconcile-seconds", "0",
      "--web-root", webRoot,
    ], env, scratch, "tixd");
    started.push(server);
    const tixdUrl = `http://127.0.0.1:${server.port}`;
    await ConnectWebhooks(provider.port, apiKey, `${tixdUrl}/api/v1/payments/webhook`);

    process.env.TIX_E2E_BASE_URL = tixdUrl;
    process.env.TIX_E2E_TIXD_URL = tixdUrl;
    console.log(`e2e: tixd ${tixdUrl} (serving web/dist), tixpay :${provider.port}, logs in ${scratch}`);
  } catch (error) {
    await teardown();
    throw error;
  }
  return teardown;
}

async function ConnectWebhooks(tixpayPort: number, apiKey: string, url: string): Promise<void> {
  const response = await fetch(`http://127.0.0.1:${tixpayPort}/v1/webhook_endpoints`, {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ url }),
  });
  if (!response.ok) throw new Error(`tixpay refused the webhook endpoint: ${response.status} ${await response.text()}`);
}

// A port free now, for a server that must be told its page origin before it starts (a short race
// with other programs binding ports, acceptable in a test run).
function ReservePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      server.close(() => resolve(port));
    });
  });
}
