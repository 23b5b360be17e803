import { Route53Record } from "@cdktf/provider-aws/lib/route53-record";
import { Route53Zone } from "@cdktf/provider-aws/lib/route53-zone";
import { TerraformOutput } from "cdktf";
import type { Construct } from "constructs";
import type { EnvironmentConfig } from "../config/schema";
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
    // The parent zone is given by id, so planning needs no Route53 lookup.
    new Route53Record(this, "delegation", {
      zoneId: config.parentZone.id,
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
}
