import { CloudBackend, LocalBackend, NamedCloudWorkspace, S3Backend, type TerraformStack } from "cdktf";

/**
 * Where state lives, as config/schema.ts's `backend` describes it (structurally the same type; a
 * construct does not import config/).
 */
export type BackendConfig =
  | { readonly type: "s3"; readonly bucket: string; readonly region: string; readonly keyPrefix: string; readonly kmsKeyId?: string }
  | { readonly type: "cloud"; readonly organization: string; readonly hostname: string; readonly project?: string; readonly workspacePrefix?: string }
  | { readonly type: "local" };

/**
 * The S3 backend with native S3 state locking (`use_lockfile`, Terraform >= 1.10), which cdktf 0.21's
 * S3BackendConfig has no field for. State is always encrypted at rest.
 */
export class LockingS3Backend extends S3Backend {
  protected synthesizeAttributes(): Record<string, unknown> {
    return { ...super.synthesizeAttributes(), encrypt: true, use_lockfile: true };
  }
  protected synthesizeHclAttributes(): Record<string, unknown> {
    return { ...super.synthesizeHclAttributes(), encrypt: true, use_lockfile: true };
  }
}

/** Where a stack's Terraform state lives, and the HCP Terraform workspace name when it is `cloud`. */
export function configureBackend(stack: TerraformStack, backend: BackendConfig, project: string, stackId: string): void {
  switch (backend.type) {
    case "s3":
      new LockingS3Backend(stack, {
        bucket: backend.bucket,
        region: backend.region,
        key: `${backend.keyPrefix}/${stackId}.tfstate`,
        // With `encrypt` and no key, Terraform sends `x-amz-server-side-encryption: AES256` on every
        // PutObject, which overrides the bucket's default SSE-KMS (hashicorp/terraform,
        // internal/backend/remote-state/s3/client.go PutObject): the key must be named here to be used.
        ...(backend.kmsKeyId ? { kmsKeyId: backend.kmsKeyId } : {}),
      });
      return;
    case "cloud":
      new CloudBackend(stack, {
        organization: backend.organization,
        hostname: backend.hostname,
        workspaces: new NamedCloudWorkspace(cloudWorkspaceName(backend, project, stackId), backend.project),
      });
      return;
    case "local":
      localBackend(stack, stackId);
      return;
  }
}

/** A local state file in the project root, by a path that is the same on every machine. */
export function localBackend(stack: TerraformStack, stackId: string): void {
  // Terraform runs in cdktf.out/stacks/<stack>, three levels below the project root.
  new LocalBackend(stack, { path: `../../../terraform.${stackId}.tfstate` });
}

export function cloudWorkspaceName(backend: Extract<BackendConfig, { type: "cloud" }>, project: string, stackId: string): string {
  return `${backend.workspacePrefix ?? `${project}-`}${stackId}`;
}
