import { blocks, type Json, type Resource } from "../core/rule";

/** Every cache behaviour of a distribution, named for messages: `default_cache_behavior`, `ordered_cache_behavior "/api/*"`. */
export function cacheBehaviours(distribution: Resource): { readonly name: string; readonly config: Json }[] {
  const c = distribution.config;
  return [
    ...blocks(c.default_cache_behavior).map((config) => ({ name: "default_cache_behavior", config })),
    ...blocks(c.ordered_cache_behavior).map((config, i) => ({ name: `ordered_cache_behavior "${config.path_pattern ?? i}"`, config })),
  ];
}

/** S3 REST endpoints (`<bucket>.s3.<region>.amazonaws.com`); website endpoints (`s3-website`) are custom origins. */
const S3_REST_ENDPOINT = /\.s3(\.[a-z0-9-]+)?\.amazonaws\.com$|\.s3-(?!website)[a-z0-9-]+\.amazonaws\.com$/;

/** An origin served from an S3 bucket's REST endpoint (by reference or by literal domain name). */
export function isS3Origin(origin: Json): boolean {
  if (origin.s3_origin_config !== undefined) return true;
  const domain = origin.domain_name;
  if (typeof domain !== "string") return false;
  if (/aws_s3_bucket\.[\w-]+\.bucket(_regional)?_domain_name/.test(domain)) return true;
  return !domain.includes("${") && S3_REST_ENDPOINT.test(domain);
}

export function originName(origin: Json, index: number): string {
  return `origin "${origin.origin_id ?? index}"`;
}

export function isCustomOrigin(origin: Json): boolean {
  return blocks(origin.custom_origin_config).length > 0;
}
