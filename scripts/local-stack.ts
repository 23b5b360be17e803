/**
 * The whole system on one machine, in this process: the in-memory DynamoDB server with the demo
 * apartments, the booking API with the booking workflow running locally, the reporting service,
 * and the web app served by Vite with `/api` and `/reporting` proxied to the services, so the page
 * sees one origin as it does behind CloudFront. Used by `npm run dev` and the browser tests.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { createDevServer } from "../app/dev/api-server";
import { LOCAL_AWS } from "../app/local/dynamodb";
import { createReportingApp } from "../app/reporting/app";
import { createInstanceMetadata } from "../app/reporting/imds";
import { serveApi } from "../app/api/node-server";
import { LOCAL_TABLE_NAMES } from "../app/tables";
import { securityHeaderValues } from "../lib/security-headers";

/** The web app's build configuration, the same `npm run synth` builds with (root: web/). */
const VITE_CONFIG = join(__dirname, "..", "vite.config.mts");

export interface LocalStackOptions {
  /** Ports to listen on; 0 picks a free one. */
  readonly ports: { readonly web: number; readonly api: number; readonly reporting: number };
  /** How long a reservation holds its apartment. */
  readonly paymentWindowSeconds: number;
  /** How often the local workflow checks whether a reservation was paid. */
  readonly workflowPollSeconds: number;
  /**
   * "dev": Vite's dev server (instant reload while you edit web/);
   * "preview": the production build, served with the site's security headers (lib/security-headers.ts).
   */
  readonly web: "dev" | "preview";
}

export interface LocalStack {
  readonly urls: { readonly web: string; readonly api: string; readonly reporting: string; readonly dynamodb: string };
  /** Stops every piece, the web server first, and waits until each has closed. */
  stop(): Promise<void>;
}

interface Running {
  readonly url: string;
  stop(): Promise<void>;
}

export async function startLocalStack(options: LocalStackOptions): Promise<LocalStack> {
  const started: Running[] = [];
  const stopAll = async () => {
    for (const piece of [...started].reverse()) await piece.stop();
  };
  try {
    // The booking workflow runs inside the API's dev server (app/workflow/local-runner.ts).
    const api = await createDevServer({
      port: options.ports.api,
      paymentWindowSeconds: options.paymentWindowSeconds,
      workflowPollSeconds: options.workflowPollSeconds,
    });
    started.push(api);

    const reporting = await startReporting(api.dynamodbEndpoint, options.ports.reporting);
    started.push(reporting);

    // The proxy talks to the services on 127.0.0.1, where they listen (localhost may resolve to ::1).
    const proxy = { "/api": loopback(api.url), "/reporting": loopback(reporting.url) };
    const siteConfig = siteConfigPlugin({ paymentWindowSeconds: options.paymentWindowSeconds });
    const web = options.web === "dev" ? await startViteDev(options.ports.web, proxy, siteConfig) : await startVitePreview(options.ports.web, proxy, siteConfig);
    started.push(web);

    return {
      urls: { web: web.url, api: api.url, reporting: reporting.url, dynamodb: api.dynamodbEndpoint },
      stop: stopAll,
    };
  } catch (error) {
    await stopAll();
    throw error;
  }
}

function loopback(url: string): string {
  const { protocol, port } = new URL(url);
  return `${protocol}//127.0.0.1:${port}`;
}

async function startReporting(dynamodbEndpoint: string, port: number): Promise<Running> {
  const client = new DynamoDBClient({ ...LOCAL_AWS, endpoint: dynamodbEndpoint });
  const app = createReportingApp({
    db: DynamoDBDocumentClient.from(client),
    tables: LOCAL_TABLE_NAMES,
    // Off EC2 nothing answers; /reporting/whoami says so.
    metadata: createInstanceMetadata({ endpoint: "http://169.254.169.254" }),
  });
  const server = await serveApi(app, port);
  return {
    url: `http://localhost:${server.port}/reporting`,
    stop: async () => {
      await server.close();
      client.destroy();
    },
  };
}

type Proxy = Record<string, string>;

interface Middlewares {
  use(handler: (req: { url?: string }, res: { setHeader(name: string, value: string): void; end(body: string): void }, next: () => void) => void): void;
}

/**
 * `/site-config.json` as the site stack writes it in AWS (StaticSiteProps.siteConfig), from the
 * local settings: the booking form states this payment window.
 */
function siteConfigPlugin(siteConfig: Record<string, number>): object {
  // Returns nothing: a function returned from these hooks would be taken for a post-middleware hook.
  const serve = (server: { middlewares: Middlewares }): void => {
    server.middlewares.use((req, res, next) => {
      if (req.url?.split("?")[0] !== "/site-config.json") return next();
      res.setHeader("Content-Type", "application/json");
      res.setHeader("Cache-Control", "no-cache");
      res.end(JSON.stringify(siteConfig));
    });
  };
  return { name: "local-site-config", configureServer: serve, configurePreviewServer: serve };
}

/**
 * The part of Vite's JavaScript API used here. Vite's own types resolve only under
 * `moduleResolution: "bundler"`, which this CommonJS project doesn't use.
 */
interface Vite {
  createServer(config: object): Promise<ViteServer & { listen(): Promise<unknown> }>;
  build(config: object): Promise<unknown>;
  preview(config: object): Promise<ViteServer>;
}
interface ViteServer {
  readonly resolvedUrls: { readonly local: readonly string[] } | null;
  close(): Promise<void>;
}
const VITE_MODULE = "vite";
const loadVite = (): Promise<Vite> => {
  // Read when Vite loads vite.config.mts: its native-config-loader notice is not for this project
  // (web/images/vite-plugin.ts says why).
  process.env.VITE_CONFIG_NATIVE_IGNORE_WARNING = "true";
  return import(VITE_MODULE);
};

/**
 * Vite's servers, made for its CLI, exit the process on SIGTERM and when stdin ends. Here the
 * caller owns the shutdown (the API and the workflow stop too), so those listeners are removed.
 */
async function withoutExitHooks<T>(start: () => Promise<T>): Promise<T> {
  const sigterm = new Set(process.listeners("SIGTERM"));
  const stdinEnd = new Set(process.stdin.listeners("end"));
  const started = await start();
  for (const listener of process.listeners("SIGTERM")) if (!sigterm.has(listener)) process.off("SIGTERM", listener);
  for (const listener of process.stdin.listeners("end")) if (!stdinEnd.has(listener)) process.stdin.off("end", listener as () => void);
  return started;
}

async function startViteDev(port: number, proxy: Proxy, siteConfig: object): Promise<Running> {
  const { createServer } = await loadVite();
  const server = await withoutExitHooks(() =>
    createServer({
      configFile: VITE_CONFIG,
      plugins: [siteConfig],
      clearScreen: false,
      logLevel: "warn",
      server: { port, strictPort: true, proxy },
    }),
  );
  await server.listen();
  return { url: server.resolvedUrls!.local[0], stop: () => server.close() };
}

async function startVitePreview(port: number, proxy: Proxy, siteConfig: object): Promise<Running> {
  const { build, preview } = await loadVite();
  // A scratch folder, so a preview never races `npm run synth` for web/dist.
  const outDir = mkdtempSync(join(tmpdir(), "web-preview-"));
  try {
    await build({ configFile: VITE_CONFIG, logLevel: "warn", build: { outDir, emptyOutDir: true } });
    const server = await withoutExitHooks(() =>
      preview({
        configFile: VITE_CONFIG,
        plugins: [siteConfig],
        logLevel: "warn",
        build: { outDir },
        // The headers CloudFront adds in AWS: the site's response headers policy is built from the same definition.
        preview: { port, strictPort: true, proxy, headers: securityHeaderValues() },
      }),
    );
    return {
      url: server.resolvedUrls!.local[0],
      stop: async () => {
        await server.close();
        rmSync(outDir, { recursive: true, force: true });
      },
    };
  } catch (error) {
    rmSync(outDir, { recursive: true, force: true });
    throw error;
  }
}
