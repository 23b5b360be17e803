/** A character that a value may not contain, for messages: `"'" (U+0027) at position 43`. */
export interface BadCharacter {
  readonly char: string;
  readonly position: number;
}

/** The first character of `value` outside `allowed` (a one-character regular expression), if any. */
export function firstBadCharacter(value: string, allowed: RegExp): BadCharacter | undefined {
  let position = 0;
  for (const char of value) {
    if (!allowed.test(char)) return { char, position };
    position++;
  }
  return undefined;
}

export function describeCharacter(bad: BadCharacter): string {
  return `${JSON.stringify(bad.char)} (U+${bad.char.codePointAt(0)!.toString(16).toUpperCase().padStart(4, "0")}) at position ${bad.position}`;
}

/** A value Terraform computes at apply (`${...}`): its characters are not known at synth. */
export function isExpression(value: unknown): boolean {
  return typeof value === "string" && value.includes("${");
}
