/**
 * `npm run diagram`: draws docs/architecture.svg (and writes its source docs/architecture.dot) from
 * the synthesized stacks, with Graphviz compiled to WebAssembly (@hpcc-js/wasm-graphviz; no binary).
 * Synthesizes first when cdktf.out is missing or older than the sources.
 */
import { writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { diagramDot, diagramStacks, sourceMarker } from "./diagram-model";
import { ensureSynthesized } from "./validate";

async function main(): Promise<void> {
  const root = resolve(__dirname, "..");
  ensureSynthesized();
  const dot = diagramDot(diagramStacks(join(root, "cdktf.out")));
  const { Graphviz } = await import("@hpcc-js/wasm-graphviz");
  const graphviz = await Graphviz.load();
  const svg = graphviz.dot(dot).replace(/(<svg[^>]*>)/, `$1\n${sourceMarker(dot)}`);
  writeFileSync(join(root, "docs", "architecture.dot"), dot);
  writeFileSync(join(root, "docs", "architecture.svg"), svg);
  console.log(`docs/architecture.svg: ${dot.split("->").length - 1} cross-stack edges (${svg.length} bytes)`);
}

main().catch((error: Error) => {
  console.error(`diagram failed: ${error.message}`);
  process.exit(1);
});
