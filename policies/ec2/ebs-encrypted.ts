import { block, blocks, compliant, fromProblems, isTrue, nonCompliant, type Rule } from "../core/rule";

export const ec2EbsEncrypted: Rule = {
  id: "ec2-ebs-encrypted",
  severity: "error",
  industry: "CKV_AWS_8, CKV_AWS_3, AwsSolutions-EC26",
  description: "Every EBS volume is encrypted: each launch template block device and instance root/EBS device sets encrypted = true, every aws_ebs_volume is encrypted (or EBS encryption by default is on in the stack).",
  fix: "Declare the root volume in block_device_mappings with ebs { encrypted = \"true\", volume_type = \"gp3\" } (aws_instance: root_block_device { encrypted = true }).",
  resourceTypes: ["aws_launch_template", "aws_instance", "aws_ebs_volume"],
  check(resource, stack) {
    if (stack.ofType("aws_ebs_encryption_by_default").some((e) => e.config.enabled !== false && e.config.enabled !== "false")) return compliant;
    const c = resource.config;
    switch (resource.type) {
      case "aws_ebs_volume":
        return isTrue(c.encrypted) ? compliant : nonCompliant("encrypted is not true");
      case "aws_launch_template": {
        const devices = blocks(c.block_device_mappings).filter((d) => d.ebs !== undefined);
        if (devices.length === 0) return nonCompliant("no block_device_mappings: the root volume takes the AMI's unencrypted default");
        return fromProblems(devices.filter((d) => !isTrue(block(d.ebs).encrypted)).map((d) => `block device ${d.device_name ?? "?"} has ebs.encrypted "${block(d.ebs).encrypted ?? "(unset)"}"`));
      }
      default:
        return fromProblems([
          ...(isTrue(block(c.root_block_device).encrypted) ? [] : ["root_block_device.encrypted is not true"]),
          ...blocks(c.ebs_block_device).filter((d) => !isTrue(d.encrypted)).map((d) => `ebs_block_device ${d.device_name ?? "?"} is not encrypted`),
        ]);
    }
  },
};
