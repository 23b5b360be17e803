/**
 * The order in which an environment's stacks are planned, applied and destroyed, from the
 * dependencies cdktf writes into cdktf.out/manifest.json (`stacks.<id>.dependencies`: the stacks
 * whose outputs it reads through cross-stack references). The `<env>-state` stack comes first even
 * though nothing references it: every other stack keeps its state in the bucket it creates.
 */

export interface Manifest {
  readonly stacks: Readonly<Record<string, { readonly dependencies?: readonly string[]; readonly workingDirectory?: string }>>;
}

export class StackGraphError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "StackGraphError";
  }
}

/** The state stack of an environment: created first, never destroyed by `npm run destroy`. */
export function stateStackId(environment: string): string {
  return `${environment}-state`;
}

/** Every synthesized stack of the environment (`<env>-*`), or the one stack when `target` is a stack id. */
export function selectStacks(manifest: Manifest, target: string): string[] {
  const all = Object.keys(manifest.stacks);
  if (all.includes(target)) return [target];
  const selected = all.filter((id) => id.startsWith(`${target}-`));
  if (selected.length === 0) {
    const environments = [...new Set(all.map((id) => id.slice(0, id.indexOf("-"))))].sort();
    throw new StackGraphError(
      `no synthesized stack belongs to "${target}" (environments in cdktf.out: ${environments.join(", ") || "none"}); synthesize it with STAGE=${target} npm run synth, or name a stack id (${all.join(", ")})`,
    );
  }
  return selected;
}

/**
 * Dependencies first (Kahn's algorithm, ties by id so the order is stable). Dependencies outside
 * `stacks` are taken as already deployed; a cycle is an error that names the stacks in it.
 */
export function deployOrder(manifest: Manifest, stacks: readonly string[]): string[] {
  const wanted = new Set(stacks);
  const deps = new Map<string, Set<string>>();
  for (const id of stacks) {
    const entry = manifest.stacks[id];
    if (!entry) throw new StackGraphError(`stack "${id}" is not in cdktf.out/manifest.json; synthesize first (npm run synth)`);
    const own = new Set((entry.dependencies ?? []).filter((d) => wanted.has(d)));
    const env = id.slice(0, id.indexOf("-"));
    const state = stateStackId(env);
    if (id !== state && wanted.has(state)) own.add(state);
    deps.set(id, own);
  }
  const order: string[] = [];
  const done = new Set<string>();
  while (order.length < stacks.length) {
    const ready = [...deps.entries()].filter(([id, d]) => !done.has(id) && [...d].every((x) => done.has(x))).map(([id]) => id).sort();
    if (ready.length === 0) {
      const stuck = [...deps.keys()].filter((id) => !done.has(id));
      throw new StackGraphError(`the stacks ${stuck.join(", ")} depend on each other in a cycle; break it with an ARN built from config (see Names.arn) or move the shared resource into a stack both depend on`);
    }
    // One at a time keeps the first-failure report exact; take the first ready stack only.
    order.push(ready[0]);
    done.add(ready[0]);
  }
  return order;
}

/** Dependents first, and never the state stack (its bucket holds every other stack's state). */
export function destroyOrder(manifest: Manifest, stacks: readonly string[]): string[] {
  return deployOrder(manifest, stacks).reverse().filter((id) => !id.endsWith("-state"));
}
