import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { DynamoDBDocumentClient } from "@aws-sdk/lib-dynamodb";
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { createReportingApp } from "../../app/reporting/app";
import { createInstanceMetadata, ImdsUnavailableError } from "../../app/reporting/imds";

/** A fake IMDSv2: a token from PUT /latest/api/token, metadata only with that token (401 otherwise, as EC2 does with IMDSv2 required). */
function fakeImds(options: { failingTokens?: number } = {}): Promise<{ server: Server; endpoint: string; requests: Array<{ method?: string; url?: string; headers: IncomingMessage["headers"] }> }> {
  const requests: Array<{ method?: string; url?: string; headers: IncomingMessage["headers"] }> = [];
  const metadata: Record<string, string> = {
    "/latest/meta-data/instance-id": "i-0123456789abcdef0",
    "/latest/meta-data/placement/availability-zone": "eu-west-1b",
  };
  let failingTokens = options.failingTokens ?? 0;
  const server = createServer((req, res) => {
    requests.push({ method: req.method, url: req.url, headers: req.headers });
    if (req.method === "PUT" && failingTokens > 0) {
      failingTokens -= 1;
      res.statusCode = 500;
      res.end();
    } else if (req.method === "PUT" && req.url === "/latest/api/token" && req.headers["x-aws-ec2-metadata-token-ttl-seconds"]) {
      res.end("fake-token");
    } else if (req.method === "GET" && req.url! in metadata) {
      if (req.headers["x-aws-ec2-metadata-token"] !== "fake-token") {
        res.statusCode = 401;
        res.end();
      } else res.end(metadata[req.url!]);
    } else {
      res.statusCode = 404;
      res.end();
    }
  });
  return new Promise((resolve) =>
    server.listen(0, "127.0.0.1", () => resolve({ server, endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, requests })),
  );
}

const close = (server: Server) => new Promise<void>((resolve) => server.close(() => resolve()));

describe("IMDSv2 client", () => {
  test("gets a session token with PUT, then reads instance id and zone with it", async () => {
    const imds = await fakeImds();
    try {
      const metadata = createInstanceMetadata({ endpoint: imds.endpoint });
      expect(await metadata.identity()).toEqual({ instanceId: "i-0123456789abcdef0", availabilityZone: "eu-west-1b" });
      expect(imds.requests[0]).toMatchObject({ method: "PUT", url: "/latest/api/token" });
      expect(Number(imds.requests[0].headers["x-aws-ec2-metadata-token-ttl-seconds"])).toBeGreaterThan(0);
      const reads = imds.requests.slice(1);
      expect(reads.map((r) => r.url).sort()).toEqual(["/latest/meta-data/instance-id", "/latest/meta-data/placement/availability-zone"]);
      expect(reads.every((r) => r.method === "GET" && r.headers["x-aws-ec2-metadata-token"] === "fake-token")).toBe(true);
    } finally {
      await close(imds.server);
    }
  });

  test("asks once per process: the identity of an instance never changes", async () => {
    const imds = await fakeImds();
    try {
      const metadata = createInstanceMetadata({ endpoint: imds.endpoint });
      await metadata.identity();
      await metadata.identity();
      expect(imds.requests).toHaveLength(3);
    } finally {
      await close(imds.server);
    }
  });

  test("fails with a clear message when nothing listens (off EC2)", async () => {
    const imds = await fakeImds();
    const { endpoint } = imds;
    await close(imds.server);
    const failure = createInstanceMetadata({ endpoint }).identity();
    await expect(failure).rejects.toThrow(ImdsUnavailableError);
    await expect(failure).rejects.toThrow(`instance metadata service at ${endpoint} is unreachable (PUT /latest/api/token: ECONNREFUSED); not running on EC2?`);
  });

  test("does not keep a failure: the next call asks again", async () => {
    const imds = await fakeImds({ failingTokens: 1 });
    try {
      const metadata = createInstanceMetadata({ endpoint: imds.endpoint });
      await expect(metadata.identity()).rejects.toThrow("answered PUT /latest/api/token with HTTP 500");
      expect(await metadata.identity()).toEqual({ instanceId: "i-0123456789abcdef0", availabilityZone: "eu-west-1b" });
    } finally {
      await close(imds.server);
    }
  });

  test("gives up on a service that never answers instead of hanging", async () => {
    const silent = createServer(() => undefined); // accepts, never responds
    await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", () => resolve()));
    try {
      const endpoint = `http://127.0.0.1:${(silent.address() as AddressInfo).port}`;
      await expect(createInstanceMetadata({ endpoint, timeoutMs: 200 }).identity()).rejects.toThrow("no answer within 200 ms");
    } finally {
      silent.closeAllConnections();
      await close(silent);
    }
  });

});

describe("GET /reporting/whoami", () => {
  const db = DynamoDBDocumentClient.from(new DynamoDBClient({ region: "eu-west-1" }));
  const tables = { apartments: "apartments", reservations: "reservations", nights: "nights" };

  test("answers the instance id and zone from IMDSv2", async () => {
    const imds = await fakeImds();
    try {
      const app = createReportingApp({ db, tables, metadata: createInstanceMetadata({ endpoint: imds.endpoint }), log: () => undefined });
      const response = await app.request("/reporting/whoami", { headers: { "x-amzn-oidc-identity": "operator-sub" } });
      expect(response.status).toBe(200);
      expect(await response.json()).toEqual({ instanceId: "i-0123456789abcdef0", availabilityZone: "eu-west-1b" });
    } finally {
      await close(imds.server);
    }
  });

  test("says the metadata service is unreachable (503) instead of hanging", async () => {
    const imds = await fakeImds();
    await close(imds.server);
    const app = createReportingApp({ db, tables, metadata: createInstanceMetadata({ endpoint: imds.endpoint }), log: () => undefined });
    const response = await app.request("/reporting/whoami", { headers: { "x-amzn-oidc-identity": "operator-sub" } });
    expect(response.status).toBe(503);
    expect((await response.json()).error).toContain(`instance metadata service at ${imds.endpoint} is unreachable`);
  });
});
