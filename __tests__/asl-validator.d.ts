/** asl-validator 4 ships no type declarations; this is the part the tests use. */
declare module "asl-validator" {
  interface ValidationResult {
    readonly isValid: boolean;
    readonly errors: ReadonlyArray<{ readonly message: string }>;
    errorsText(separator?: string): string;
  }
  function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): ValidationResult;
  export = validator;
}
