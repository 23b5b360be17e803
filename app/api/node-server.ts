import type { AddressInfo } from "node:net";
import { serve } from "@hono/node-server";
import type { Hono } from "hono";

export interface RunningServer {
  /** Base URL of the API, e.g. http://localhost:3000/api */
  readonly url: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Serves the API over plain HTTP on localhost (port 0 picks a free port). */
export function serveApi(api: Hono, port: number): Promise<RunningServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: api.fetch, port, hostname: "127.0.0.1" }, (info: AddressInfo) =>
      resolve({
        url: `http://localhost:${info.port}/api`,
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            // Browsers keep idle connections open; don't let them hold the shutdown.
            if ("closeAllConnections" in server) server.closeAllConnections();
          }),
      }),
    );
    server.once("error", reject);
  });
}
