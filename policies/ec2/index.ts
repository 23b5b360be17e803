import type { Rule } from "../core/rule";
import { ec2SgPublicHttpRedirectOnly } from "./sg-public-http-redirect-only";
import { ec2DetailedMonitoring } from "./detailed-monitoring";
import { ec2EbsEncrypted } from "./ebs-encrypted";
import { ec2ImdsHopLimit } from "./imds-hop-limit";
import { ec2Imdsv2 } from "./imdsv2";
import { ec2NoPublicIp } from "./no-public-ip";
import { ec2SgDescriptionCharset } from "./sg-description-charset";
import { ec2SgDescriptions } from "./sg-descriptions";
import { ec2SgNoPublicAllPorts } from "./sg-no-public-all-ports";
import { ec2SgNoPublicRdp } from "./sg-no-public-rdp";
import { ec2SgNoPublicSsh } from "./sg-no-public-ssh";
import { ec2SgNoUnrestrictedEgress } from "./sg-no-unrestricted-egress";

export const EC2_RULES: readonly Rule[] = [
  ec2Imdsv2, ec2ImdsHopLimit, ec2EbsEncrypted, ec2NoPublicIp, ec2DetailedMonitoring,
  ec2SgNoPublicSsh, ec2SgNoPublicRdp, ec2SgNoPublicAllPorts, ec2SgDescriptions, ec2SgDescriptionCharset, ec2SgNoUnrestrictedEgress, ec2SgPublicHttpRedirectOnly,
];
