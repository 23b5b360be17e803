import type { Json, Resource } from "./rule";

/**
 * The resources of one synthesized stack, indexed by type, so a rule can follow references: a bucket
 * is versioned when some `aws_s3_bucket_versioning` has `bucket = "${aws_s3_bucket.<name>.id}"`.
 */
export class StackContext {
  public readonly resources: readonly Resource[];
  private readonly byType = new Map<string, Resource[]>();
  private readonly patterns = new Map<string, RegExp>();

  constructor(
    public readonly name: string,
    private readonly json: Json,
  ) {
    const all: Resource[] = [];
    for (const [type, instances] of Object.entries<Json>(json.resource ?? {})) {
      const ofType = Object.entries<Json>(instances).map(([name, config]) => ({ type, name, address: `${type}.${name}`, config }));
      this.byType.set(type, ofType);
      all.push(...ofType);
    }
    // The aws provider blocks, as pseudo resources of type "aws_provider" (named "default" or by
    // alias): rules check their default_tags, which every resource of the provider inherits.
    const providers = (Array.isArray(json.provider?.aws) ? json.provider.aws : json.provider?.aws ? [json.provider.aws] : []) as Json[];
    const asResources = providers.map((config) => {
      const name = typeof config.alias === "string" ? config.alias : "default";
      return { type: "aws_provider", name, address: name === "default" ? "provider.aws" : `provider.aws.${name}`, config };
    });
    if (asResources.length > 0) this.byType.set("aws_provider", asResources);
    all.push(...asResources);
    this.resources = all;
  }

  /** Every resource of one type. */
  public ofType(type: string): readonly Resource[] {
    return this.byType.get(type) ?? [];
  }

  /** A data source's configuration, e.g. `dataSource("aws_iam_policy_document", "assume")`. */
  public dataSource(type: string, name: string): Json | undefined {
    return this.json.data?.[type]?.[name];
  }

  /**
   * Resources of `types` whose `attribute` points at `target`: an interpolation of one of
   * `targetAttributes` (`${aws_s3_bucket.logs.id}`), or the target's literal value of that attribute
   * (a bucket named by its plain name).
   */
  public referencing(types: string | readonly string[], attribute: string, target: Resource, targetAttributes: readonly string[]): Resource[] {
    return (typeof types === "string" ? [types] : types)
      .flatMap((type) => this.ofType(type))
      .filter((r) => this.refersTo(r.config[attribute], target, targetAttributes));
  }

  /** Whether a value (any string inside it) points at `target` through one of its attributes. */
  public refersTo(value: unknown, target: Resource, targetAttributes: readonly string[]): boolean {
    if (typeof value === "string") {
      if (value.includes("${")) return this.pattern(target, targetAttributes).test(value);
      return targetAttributes.some((a) => typeof target.config[a] === "string" && target.config[a] === value);
    }
    if (Array.isArray(value)) return value.some((v) => this.refersTo(v, target, targetAttributes));
    return false;
  }

  /** The resources of this stack that an expression such as `${aws_cloudwatch_log_group.x.arn}:*` names. */
  public resolve(value: unknown, type?: string): Resource[] {
    if (typeof value !== "string" || !value.includes("${")) return [];
    const found: Resource[] = [];
    for (const [, address] of value.matchAll(/(?<![\w.-])(aws_[a-z0-9_]+\.[\w-]+)\.[a-z_]+/g)) {
      const [t, n] = address.split(".");
      if (type && t !== type) continue;
      const resource = this.ofType(t).find((r) => r.name === n);
      if (resource && !found.includes(resource)) found.push(resource);
    }
    return found;
  }

  private pattern(target: Resource, attributes: readonly string[]): RegExp {
    const key = `${target.address}|${attributes.join(",")}`;
    let pattern = this.patterns.get(key);
    if (!pattern) {
      pattern = new RegExp(`(?<![\\w.-])${escapeRegExp(target.address)}\\.(?:${attributes.map(escapeRegExp).join("|")})(?![\\w-])`);
      this.patterns.set(key, pattern);
    }
    return pattern;
  }
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}
