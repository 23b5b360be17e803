import { AwsProvider } from "@cdktf/provider-aws/lib/provider";
import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { DataTerraformRemoteState, DataTerraformRemoteStateLocal, DataTerraformRemoteStateS3, TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
import { cloudWorkspaceName } from "../constructs/backend";
import { EnvironmentStack } from "./environment-stack";

/**
 * TTL of the NS delegation in the parent zone. An environment without deletion protection may be
 * destroyed and re-created, and its new zone gets new name servers: resolvers that cached the old
 * delegation keep asking the deleted ones until the TTL runs out, so it is 5 minutes. Production's
 * zone is kept; an hour caps the outage if it is ever re-created, at a negligible query cost.
 */
export const DELEGATION_TTL_SECONDS = { replaceable: 300, protected: 3600 } as const;

/** The environment's hosted zone, delegated from the existing parent zone named in config. */
export class DnsStack extends EnvironmentStack {
  public readonly zone: Route53Zone;
  public readonly delegation: Route53Record;
  /** The provider that writes into the parent zone: the stack's own, or one assuming the delegation role. */
  public readonly parentZoneProvider: AwsProvider;

  constructor(scope: Construct, config: EnvironmentConfig) {
    super(scope, "dns", config);
    const parent = config.parentZone;

    this.zone = new Route53Zone(this, "zone", {
      name: config.domain,
      comment: `${config.project} ${config.name}: delegated from ${parent.name}`,
      // Destroying a replaceable environment removes records left by hand too (validation records, tests).
      forceDestroy: !config.deletionProtection,
    });

    // A hosted zone belongs to exactly one account and Route 53 has no resource policies, so a parent
    // zone in another account is written through a role there (config parentZone.delegationRoleArn).
    this.parentZoneProvider =
      parent.accountId === config.accountId
        ? this.provider
        : new AwsProvider(this, "aws-parent-zone", {
            alias: "parent_zone",
            region: config.region,
            allowedAccountIds: [parent.accountId],
            assumeRole: [{ roleArn: parent.delegationRoleArn!, sessionName: `${config.project}-${config.name}-dns-delegation` }],
          });

    // The parent zone is given by id, so planning needs no Route53 lookup.
    this.delegation = new Route53Record(this, "delegation", {
      provider: this.parentZoneProvider === this.provider ? undefined : this.parentZoneProvider,
      // A preview environment is delegated from its base environment's zone, read from the base's dns
      // state (no id in config).
      zoneId: config.preview ? this.baseZoneId(config, config.preview.of) : parent.id,
      name: config.domain,
      type: "NS",
      ttl: config.deletionProtection ? DELEGATION_TTL_SECONDS.protected : DELEGATION_TTL_SECONDS.replaceable,
      records: this.zone.nameServers,
    });

    new TerraformOutput(this, "zone_id", { value: this.zone.zoneId, description: `Route53 hosted zone id of ${config.domain}` });
    new TerraformOutput(this, "name_servers", {
      value: this.zone.nameServers,
      description: `Name servers of ${config.domain}, delegated from ${parent.name} (account ${parent.accountId})`,
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
