/** IPv4 CIDR arithmetic and the subnet layout rules of a VPC, shared by the config schema and the Vpc construct. */

export interface Cidr {
  /** The block as written, e.g. "10.0.1.0/24". */
  readonly text: string;
  /** First address, as an unsigned 32-bit number. */
  readonly first: number;
  /** Last address, as an unsigned 32-bit number. */
  readonly last: number;
  readonly prefix: number;
}

const CIDR_RE = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/**
 * Parses an IPv4 CIDR block whose host bits are zero ("10.0.1.0/24", not "10.0.1.5/24", which AWS
 * rejects). Throws a message with the value and the fix.
 */
export function parseCidr(text: string): Cidr {
  const match = CIDR_RE.exec(text);
  const octets = match ? match.slice(1, 5).map(Number) : [];
  const prefix = match ? Number(match[5]) : NaN;
  if (!match || octets.some((o) => o > 255) || prefix > 32) {
    throw new Error(`"${text}" is not an IPv4 CIDR block; write it as address/prefix, e.g. "10.0.0.0/16"`);
  }
  const address = octets.reduce((acc, o) => acc * 256 + o, 0);
  const size = 2 ** (32 - prefix);
  const first = address - (address % size);
  if (first !== address) {
    throw new Error(`"${text}" has host bits set; write the block's first address, "${formatAddress(first)}/${prefix}"`);
  }
  return { text, first, last: first + size - 1, prefix };
}

/** True when every address of `inner` is in `outer`. */
export function contains(outer: Cidr, inner: Cidr): boolean {
  return inner.first >= outer.first && inner.last <= outer.last;
}

/** True when the blocks share at least one address. */
export function overlaps(a: Cidr, b: Cidr): boolean {
  return a.first <= b.last && b.first <= a.last;
}

function formatAddress(n: number): string {
  return [24, 16, 8, 0].map((shift) => Math.floor(n / 2 ** shift) % 256).join(".");
}

/** Prefix lengths AWS accepts for a VPC's or a subnet's IPv4 block. */
export const VPC_PREFIX_RANGE = { min: 16, max: 28 } as const;

export interface SubnetLayout {
  readonly region: string;
  readonly cidr: string;
  readonly availabilityZones: readonly string[];
  readonly publicSubnets: readonly string[];
  readonly privateSubnets: readonly string[];
}

export interface LayoutProblem {
  /** Path of the offending setting below the layout, e.g. ["privateSubnets", 1]. */
  readonly path: ReadonlyArray<string | number>;
  /** What is wrong and how to fix it (the value is reported beside it). */
  readonly message: string;
}

/**
 * Every problem of a VPC layout: at least two AZs in the region, exactly one public and one private
 * subnet per AZ, every subnet a valid block inside the VPC's block, no two subnets overlapping.
 */
export function subnetLayoutProblems(layout: SubnetLayout): LayoutProblem[] {
  const problems: LayoutProblem[] = [];
  const zones = layout.availabilityZones;
  if (zones.length < 2) {
    problems.push({
      path: ["availabilityZones"],
      message: `must list at least 2 availability zones, so the load balancer and the instances survive the loss of one, e.g. ["${layout.region}a", "${layout.region}b"]`,
    });
  }
  zones.forEach((zone, i) => {
    if (!zone.startsWith(layout.region) || !/^[a-z]$/.test(zone.slice(layout.region.length))) {
      problems.push({ path: ["availabilityZones", i], message: `must be an availability zone of the region "${layout.region}", e.g. "${layout.region}a"` });
    } else if (zones.indexOf(zone) !== i) {
      problems.push({ path: ["availabilityZones", i], message: `repeats availabilityZones[${zones.indexOf(zone)}]; list every zone once` });
    }
  });

  const vpc = tryParse(layout.cidr, ["cidr"], problems);
  if (vpc && (vpc.prefix < VPC_PREFIX_RANGE.min || vpc.prefix > VPC_PREFIX_RANGE.max)) {
    problems.push({ path: ["cidr"], message: `must have a prefix between /${VPC_PREFIX_RANGE.min} and /${VPC_PREFIX_RANGE.max} (the sizes AWS allows), e.g. "10.0.0.0/16"` });
  }

  const parsed: Array<{ field: string; index: number; cidr: Cidr }> = [];
  for (const field of ["publicSubnets", "privateSubnets"] as const) {
    const blocks = layout[field];
    if (blocks.length !== zones.length) {
      problems.push({
        path: [field],
        message: `must hold exactly one block per availability zone: ${zones.length} (${zones.join(", ")}), not ${blocks.length}`,
      });
    }
    blocks.forEach((text, index) => {
      const cidr = tryParse(text, [field, index], problems);
      if (!cidr) return;
      if (cidr.prefix < VPC_PREFIX_RANGE.min || cidr.prefix > VPC_PREFIX_RANGE.max) {
        problems.push({ path: [field, index], message: `must have a prefix between /${VPC_PREFIX_RANGE.min} and /${VPC_PREFIX_RANGE.max} (the sizes AWS allows), e.g. "/24"` });
      }
      if (vpc && !contains(vpc, cidr)) {
        problems.push({ path: [field, index], message: `is outside the VPC's block (cidr "${vpc.text}"); choose a block inside it` });
      }
      const clash = parsed.find((other) => overlaps(other.cidr, cidr));
      if (clash) {
        problems.push({
          path: [field, index],
          message: `overlaps ${clash.field}[${clash.index}] ("${clash.cidr.text}"); give every subnet a block of its own`,
        });
      }
      parsed.push({ field, index, cidr });
    });
  }
  return problems;
}

function tryParse(text: string, path: Array<string | number>, problems: LayoutProblem[]): Cidr | undefined {
  try {
    return parseCidr(text);
  } catch (error) {
    problems.push({ path, message: (error as Error).message.replace(/^"[^"]*" /, "") });
    return undefined;
  }
}
