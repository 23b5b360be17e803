// `npm run lint`: the layering of docs/development.md, enforced so a reviewer need not.
//   lib/         imports nothing of ours (a leaf)
//   constructs/  imports lib/ and other constructs only: not config/, app/, policies/ or stacks/
//   stacks/      imports from app/ only the small dependency-free contract modules listed below
// and everywhere: provider classes by deep path (`@cdktf/provider-aws/lib/<resource>`), never the root.
import tsPlugin from "@typescript-eslint/eslint-plugin";
import tsParser from "@typescript-eslint/parser";

const PROVIDER_ROOT = {
  name: "@cdktf/provider-aws",
  message: 'Import provider classes by deep path, e.g. "@cdktf/provider-aws/lib/s3-bucket": the root import costs seconds and hundreds of MB.',
};

/** The modules of app/ that a stack may import: names, keys, actions, definitions; no SDK, no I/O. */
export const APP_CONTRACTS = ["../app/tables", "../app/workflow/definition", "../app/reporting/actions", "../app/metrics", "../app/api/front-door"];

const restrict = (...groups) => ["error", { paths: [PROVIDER_ROOT], patterns: groups }];

export default [
  { ignores: ["node_modules/**", "cdktf.out/**", ".build/**", "web/dist/**", "coverage/**"] },
  {
    files: ["**/*.ts", "**/*.mts", "**/*.mjs", "**/*.js"],
    languageOptions: { parser: tsParser, ecmaVersion: "latest", sourceType: "module" },
    // Registered so the code's eslint-disable comments name known rules; the lint itself is the layering.
    linterOptions: { reportUnusedDisableDirectives: "off" },
    plugins: { "@typescript-eslint": tsPlugin },
    rules: { "no-restricted-imports": restrict() },
  },
  {
    files: ["lib/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict({
        group: ["../**", "**/config/**", "**/constructs/**", "**/stacks/**", "**/policies/**", "**/app/**"],
        message: "lib/ is the leaf: it imports only packages and other lib/ modules.",
      }),
    },
  },
  {
    files: ["constructs/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict({
        regex: "^\\.\\./(?!lib(/|$)|constructs/)",
        message: "A construct imports lib/ and other constructs only; take settings, app types and rule ids as props (see docs/development.md).",
      }),
    },
  },
  {
    files: ["stacks/**/*.ts"],
    rules: {
      "no-restricted-imports": restrict({
        regex: `^\\.\\./app/(?!(${APP_CONTRACTS.map((m) => m.slice("../app/".length)).join("|")})$)`,
        message: `A stack imports from app/ only the contract modules (${APP_CONTRACTS.join(", ")}); move what it needs into one of them.`,
      }),
    },
  },
];
