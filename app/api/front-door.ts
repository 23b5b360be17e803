/**
 * The contract between the site stack (CloudFront) and the API about the proof of origin; no
 * dependencies, so stacks may import it (the check itself is app/api/origin-verify.ts).
 */

/** Header CloudFront adds, with the secret value, to every request it sends to the API origin. */
export const ORIGIN_VERIFY_HEADER = "X-Origin-Verify";

/**
 * A secret value not yet rotated: the distribution is created with this placeholder (the origin
 * header must have a value) and the rotation that Terraform starts at once replaces it. Never accepted.
 */
export const ORIGIN_VERIFY_PLACEHOLDER = "not-yet-rotated";

/** Purpose part of the secret's physical name (`Names.of(ORIGIN_VERIFY_SECRET_PURPOSE)`). */
export const ORIGIN_VERIFY_SECRET_PURPOSE = "origin-verify";
