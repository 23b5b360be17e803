/** Resources that launch EC2 instances with metadata options, volumes and network settings of their own. */
export const INSTANCE_TYPES = ["aws_launch_template", "aws_instance"] as const;
