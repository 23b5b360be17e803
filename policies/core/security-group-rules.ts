import { blocks, type Resource, strings } from "./rule";

/** A security group rule, whichever of the four Terraform shapes it was written in. */
export interface SecurityGroupRule {
  readonly direction: "ingress" | "egress";
  /** `-1` for all protocols, otherwise as written (`tcp`, `6`, `udp`, …). */
  readonly protocol: string;
  readonly fromPort: number;
  readonly toPort: number;
  readonly cidrs: readonly string[];
  readonly description?: string;
  /** Where in the resource the rule is, for messages: `ingress[0]`, or `rule`. */
  readonly where: string;
}

/** Every resource type that holds security group rules. */
export const SECURITY_GROUP_RULE_TYPES = [
  "aws_security_group",
  "aws_security_group_rule",
  "aws_vpc_security_group_ingress_rule",
  "aws_vpc_security_group_egress_rule",
] as const;

export const WORLD = ["0.0.0.0/0", "::/0"];

export function securityGroupRules(resource: Resource): SecurityGroupRule[] {
  const c = resource.config;
  switch (resource.type) {
    case "aws_security_group":
      return (["ingress", "egress"] as const).flatMap((direction) =>
        blocks(c[direction]).map((r, i) => ({
          direction,
          protocol: protocolOf(r.protocol),
          fromPort: Number(r.from_port ?? 0),
          toPort: Number(r.to_port ?? 0),
          cidrs: [...strings(r.cidr_blocks), ...strings(r.ipv6_cidr_blocks)],
          description: r.description,
          where: `${direction}[${i}]`,
        })),
      );
    case "aws_security_group_rule":
      return [
        {
          direction: c.type === "egress" ? "egress" : "ingress",
          protocol: protocolOf(c.protocol),
          fromPort: Number(c.from_port ?? 0),
          toPort: Number(c.to_port ?? 0),
          cidrs: [...strings(c.cidr_blocks), ...strings(c.ipv6_cidr_blocks)],
          description: c.description,
          where: "rule",
        },
      ];
    case "aws_vpc_security_group_ingress_rule":
    case "aws_vpc_security_group_egress_rule": {
      const protocol = protocolOf(c.ip_protocol);
      return [
        {
          direction: resource.type.endsWith("ingress_rule") ? "ingress" : "egress",
          protocol,
          fromPort: protocol === "-1" ? 0 : Number(c.from_port ?? 0),
          toPort: protocol === "-1" ? 65535 : Number(c.to_port ?? 0),
          cidrs: [...strings(c.cidr_ipv4), ...strings(c.cidr_ipv6)],
          description: c.description,
          where: "rule",
        },
      ];
    }
    default:
      return [];
  }
}

function protocolOf(value: unknown): string {
  const p = String(value ?? "-1").toLowerCase();
  return p === "all" ? "-1" : p;
}

/** The rule admits traffic from (or to) anywhere on the internet. */
export function isOpenToWorld(rule: SecurityGroupRule): boolean {
  return rule.cidrs.some((c) => WORLD.includes(c));
}

/** The rule covers every port of every protocol (`-1`), or the whole TCP/UDP port range. */
export function coversAllPorts(rule: SecurityGroupRule): boolean {
  return rule.protocol === "-1" || (rule.fromPort <= 0 && rule.toPort >= 65535);
}

/** The rule lets TCP traffic reach `port`. */
export function coversTcpPort(rule: SecurityGroupRule, port: number): boolean {
  if (rule.protocol === "-1") return true;
  if (rule.protocol !== "tcp" && rule.protocol !== "6") return false;
  return rule.fromPort <= port && port <= rule.toPort;
}

export function describeRule(resource: Resource, rule: SecurityGroupRule): string {
  const ports = rule.protocol === "-1" ? "all traffic" : `${rule.protocol} ${rule.fromPort}-${rule.toPort}`;
  const where = rule.where === "rule" ? resource.address : `${resource.address} ${rule.where}`;
  return `${where} (${rule.direction} ${ports} ${rule.direction === "ingress" ? "from" : "to"} ${rule.cidrs.filter((c) => WORLD.includes(c)).join(", ") || rule.cidrs.join(", ")})`;
}
