import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { DataTerraformRemoteState, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { cloudWorkspaceName } from "../constructs/backend";
import { EnvironmentStack } from "./environment-stack";

/** The environment's hosted zone, delegated from the existing parent zone named in config. */
export class DnsStack extends EnvironmentStack {
  public readonly zone: Route53Zone;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, "dns", config);

    this.zone = new Route53Zone(this, "zone", {
      name: config.domain,
      comment: `${config.project} ${config.name}: delegated from ${config.parentZone.name}`,
    });
    // The parent zone is given by id, so planning needs no Route53 lookup. A preview environment is
    // delegated from its base environment's zone, read from the base's dns state (no id in config).
    new Route53Record(this, "delegation", {
      zoneId: config.preview ? this.baseZoneId(config, config.preview.of) : config.parentZone.id,
      name: config.domain,
      type: "NS",
      ttl: 172800,
      records: this.zone.nameServers,
    });

    new TerraformOutput(this, "zone_id", { value: this.zone.zoneId, description: `Route53 hosted zone id of ${config.domain}` });
    new TerraformOutput(this, "name_servers", {
      value: this.zone.nameServers,
      description: `Name servers of ${config.domain}, delegated from ${config.parentZone.name}`,
    });
  }

  /** The `zone_id` output of `<base>-dns`, from the state it keeps in the shared backend. */
  private baseZoneId(config: EnvironmentConfig, base: string): string {
    const stackId = `${base}-dns`;
    const backend = config.backend;
    const state =
      backend.type === "s3"
        ? new DataTerraformRemoteStateS3(this, "base-dns", { bucket: backend.bucket, region: backend.region, key: `${backend.keyPrefix}/${stackId}.tfstate` })
        : backend.type === "cloud"
          ? new DataTerraformRemoteState(this, "base-dns", {
              organization: backend.organization,
              hostname: backend.hostname,
              workspaces: { name: cloudWorkspaceName(backend, config.project, stackId) },
            })
          : new DataTerraformRemoteStateLocal(this, "base-dns", { path: `../../../terraform.${stackId}.tfstate` });
    return state.getString("zone_id");
  }
}
