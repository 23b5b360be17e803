import type { Rule } from "../core/rule";
import { vpcDefaultSecurityGroupClosed } from "./default-security-group-closed";
import { vpcFlowLogs } from "./flow-logs";
import { vpcSubnetNoAutoPublicIp } from "./subnet-no-auto-public-ip";

export const VPC_RULES: readonly Rule[] = [vpcFlowLogs, vpcDefaultSecurityGroupClosed, vpcSubnetNoAutoPublicIp];
