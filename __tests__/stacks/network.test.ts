import { AMI, TLS_POLICY } from "../../stacks/network-stack";
import { only, resources, scrub, synthesizedEnvironment, type Json } from "../helpers";

/** The run's shared synth of the default configuration (a build of its own costs about a second). */
function build(env: "dev" | "prod") {
  return synthesizedEnvironment(env);
}

const byName = (json: Json, type: string, fragment: string): Json => {
  const found = Object.entries(resources(json, type)).filter(([id]) => id.includes(fragment));
  if (found.length !== 1) throw new Error(`expected one ${type} with "${fragment}" in its id, found ${found.length}`);
  return found[0][1];
};

/** A resource's reference as Terraform JSON writes it, e.g. "${aws_security_group.alb-security-group.id}". */
const ref = (json: Json, type: string, fragment: string, attribute = "id"): string => {
  const id = Object.keys(resources(json, type)).find((k) => k.includes(fragment));
  return `\${${type}.${id}.${attribute}}`;
};

describe("network stack buckets", () => {
  const bucketsOf = (env: "dev" | "prod") => Object.values(resources(build(env).network, "aws_s3_bucket"));

  test("dev's log and artifact buckets can be destroyed with their objects in them (force_destroy)", () => {
    const buckets = bucketsOf("dev");
    expect(buckets.map((b) => b.bucket).sort()).toEqual(["booking-dev-reporting-artifacts-111111111111", "booking-dev-reporting-logs-111111111111"]);
    for (const b of buckets) expect(b.force_destroy).toBe(true);
  });

  test("prod's are not (deletion protection)", () => {
    const buckets = bucketsOf("prod");
    expect(buckets).toHaveLength(2);
    for (const b of buckets) expect(b.force_destroy).toBe(false);
  });

  test("artifact versions are kept 90 days: older launch template versions still find their bundle", () => {
    const json = build("dev").network;
    const lifecycle = Object.values(resources(json, "aws_s3_bucket_lifecycle_configuration")).find((l) => l.bucket === ref(json, "aws_s3_bucket", "artifacts"));
    expect(JSON.stringify(lifecycle)).toContain('"noncurrent_days":90');
  });
});

describe("network stack", () => {
  const { network: json, api } = build("dev");
  const template = only(json, "aws_launch_template");
  const userData = Buffer.from(template.user_data, "base64").toString("utf8");

  describe("instances", () => {
    test("come from a launch template with the Amazon Linux 2023 arm64 AMI resolved at launch (no lookup at plan time)", () => {
      expect(template.image_id).toBe(AMI);
      expect(template.image_id).toBe("resolve:ssm:/aws/service/ami-amazon-linux-latest/al2023-ami-kernel-default-arm64");
      expect(template.instance_type).toBe("t4g.small");
      expect(json.data?.aws_ami).toBeUndefined();
    });

    test("require IMDSv2 tokens with a hop limit of 1", () => {
      expect(template.metadata_options).toEqual({
        http_endpoint: "enabled",
        http_tokens: "required",
        http_put_response_hop_limit: 1,
        instance_metadata_tags: "disabled",
      });
    });

    test("have an encrypted gp3 root volume, detailed monitoring and no public IP", () => {
      expect(template.block_device_mappings).toEqual([
        { device_name: "/dev/xvda", ebs: { volume_size: 10, volume_type: "gp3", encrypted: "true", delete_on_termination: "true" } },
      ]);
      expect(template.monitoring).toEqual({ enabled: true });
      expect(template.network_interfaces).toEqual([
        expect.objectContaining({ associate_public_ip_address: "false", security_groups: [ref(json, "aws_security_group", "instance-security-group")] }),
      ]);
      expect(template.vpc_security_group_ids).toBeUndefined();
    });

    test("run in an Auto Scaling group over the private subnets only, with ELB health checks and a rolling instance refresh", () => {
      const group = only(json, "aws_autoscaling_group");
      const privateSubnets = Object.keys(resources(json, "aws_subnet")).filter((id) => id.includes("private")).map((id) => `\${aws_subnet.${id}.id}`);
      expect(group.vpc_zone_identifier.sort()).toEqual(privateSubnets.sort());
      expect(group).toMatchObject({
        min_size: 2,
        max_size: 2,
        health_check_type: "ELB",
        target_group_arns: [ref(json, "aws_lb_target_group", "reporting-targets", "arn")],
        launch_template: { id: ref(json, "aws_launch_template", "launch-template"), version: ref(json, "aws_launch_template", "launch-template", "latest_version") },
        instance_refresh: { strategy: "Rolling", preferences: { min_healthy_percentage: 50 } },
      });
    });

    test("are launched only once the private subnets reach out: NAT routes, S3 and DynamoDB gateway endpoints, the bundle", () => {
      const dependsOn: string[] = only(json, "aws_autoscaling_group").depends_on;
      for (const type of ["aws_route", "aws_vpc_endpoint", "aws_s3_object"]) {
        const expected = Object.keys(resources(json, type))
          .filter((id) => type !== "aws_route" || id.includes("private"))
          .map((id) => `${type}.${id}`);
        expect(expected.length).toBeGreaterThan(0);
        expect(dependsOn).toEqual(expect.arrayContaining(expected));
      }
    });

    test("user data installs Node.js, fetches the bundle from the artifact bucket and starts it under systemd as an unprivileged user", () => {
      const object = only(json, "aws_s3_object");
      expect(userData).toMatch(/^#!\/bin\/bash\n/);
      expect(userData).toContain("dnf install -y nodejs22\n");
      expect(userData).toContain("useradd --system --no-create-home --shell /sbin/nologin reporting");
      expect(userData).toContain('BUNDLE_BUCKET="booking-dev-reporting-artifacts-111111111111"\n');
      expect(userData).toContain(`BUNDLE_KEY="${object.key}"\n`);
      expect(userData).toContain(`BUNDLE_SHA256="${object.source_hash}"\n`);
      expect(userData).toContain("\nfetch_bundle\nchmod 0644 /opt/reporting/server.js\n");
      const unit = /cat > \/etc\/systemd\/system\/reporting\.service <<'UNIT'\n([\s\S]*?)\nUNIT\n/.exec(userData)![1];
      expect(unit).toContain("\nUser=reporting\nGroup=reporting\n");
      expect(unit).toContain("ExecStart=/usr/bin/node-22 /opt/reporting/server.js\n");
      expect(unit).toContain("Environment=PORT=8080\n");
      expect(unit).toContain("Environment=AWS_REGION=eu-west-1\n");
      expect(unit).toContain("NoNewPrivileges=yes\n");
      expect(unit).toContain("WantedBy=multi-user.target");
      expect(userData).toMatch(/systemctl enable --now reporting\.service\n$/);
    });

    test("user data names the tables the api stack creates", () => {
      // The guests table (hold limit) is the API's alone; the reporting service does not read it.
      const tableNames = Object.values(resources(api, "aws_dynamodb_table")).map((t) => t.name).filter((n) => !n.endsWith("-guests")).sort();
      expect(tableNames).toEqual(["booking-dev-apartments", "booking-dev-nights", "booking-dev-reservations"]);
      expect(userData).toContain(`Environment=APARTMENTS_TABLE=${tableNames[0]}\n`);
      expect(userData).toContain(`Environment=NIGHTS_TABLE=${tableNames[1]}\n`);
      expect(userData).toContain(`Environment=RESERVATIONS_TABLE=${tableNames[2]}\n`);
    });

    test("the bundle is uploaded by Terraform under one key, a new version when it changes; the launch template names its hash", () => {
      const object = only(json, "aws_s3_object");
      expect(object.key).toBe("reporting/server.js");
      expect(object.source_hash).toMatch(/^[0-9a-f]{64}$/);
      expect(userData).toContain(object.source_hash);
      expect(object.source).toMatch(/^assets\/.*\/server\.js$/);
      expect(object.bucket).toBe(ref(json, "aws_s3_bucket", "artifacts"));
    });

    test("the instance role: SSM core, Scan on exactly the three tables it reads, GetObject(Version) on exactly the bundle and listing its versions", () => {
      const role = byName(json, "aws_iam_role", "instance-role");
      expect(JSON.parse(role.assume_role_policy).Statement).toEqual([
        { Effect: "Allow", Principal: { Service: "ec2.amazonaws.com" }, Action: "sts:AssumeRole" },
      ]);
      const roleName = ref(json, "aws_iam_role", "instance-role", "name");
      expect(Object.values(resources(json, "aws_iam_role_policy_attachment"))).toEqual([
        expect.objectContaining({ role: roleName, policy_arn: "arn:aws:iam::aws:policy/AmazonSSMManagedInstanceCore" }),
      ]);
      const statements = Object.values(resources(json, "aws_iam_role_policy"))
        .filter((p) => p.role === roleName)
        .flatMap((p) => JSON.parse(p.policy).Statement);
      const object = only(json, "aws_s3_object");
      expect(statements).toEqual(
        expect.arrayContaining([
          { Effect: "Allow", Action: ["dynamodb:Scan"], Resource: expect.stringMatching(/apartments-table.*\.?arn\}$/) },
          { Effect: "Allow", Action: ["dynamodb:Scan"], Resource: expect.stringMatching(/reservations-table.*\.?arn\}$/) },
          { Effect: "Allow", Action: ["dynamodb:Scan"], Resource: expect.stringMatching(/nights-table.*\.?arn\}$/) },
          { Effect: "Allow", Action: ["s3:GetObject", "s3:GetObjectVersion"], Resource: `${ref(json, "aws_s3_bucket", "artifacts", "arn")}/${object.key}` },
          { Effect: "Allow", Action: "s3:ListBucketVersions", Resource: ref(json, "aws_s3_bucket", "artifacts", "arn"), Condition: { StringEquals: { "s3:prefix": object.key } } },
        ]),
      );
      expect(statements).toHaveLength(5);
      expect(only(json, "aws_iam_instance_profile").role).toBe(roleName);
    });
  });

  describe("security groups", () => {
    const alb = ref(json, "aws_security_group", "alb-security-group");
    const instances = ref(json, "aws_security_group", "instance-security-group");
    const rules = (type: string) =>
      Object.values(resources(json, type)).map((r) => ({
        group: r.security_group_id === alb ? "alb" : r.security_group_id === instances ? "instances" : r.security_group_id,
        protocol: r.ip_protocol,
        ports: [r.from_port, r.to_port],
        peer: r.cidr_ipv4 ?? (r.referenced_security_group_id === alb ? "alb" : r.referenced_security_group_id === instances ? "instances" : r.referenced_security_group_id),
        described: typeof r.description === "string" && r.description.length > 0,
      }));

    test("ingress: the load balancer from the internet on 80 and 443, the instances from the load balancer on 8080; nothing else", () => {
      expect(rules("aws_vpc_security_group_ingress_rule")).toEqual(
        expect.arrayContaining([
          { group: "alb", protocol: "tcp", ports: [80, 80], peer: "0.0.0.0/0", described: true },
          { group: "alb", protocol: "tcp", ports: [443, 443], peer: "0.0.0.0/0", described: true },
          { group: "instances", protocol: "tcp", ports: [8080, 8080], peer: "alb", described: true },
        ]),
      );
      expect(rules("aws_vpc_security_group_ingress_rule")).toHaveLength(3);
    });

    test("egress: the load balancer only to the instances on 8080, the instances only HTTPS out; nothing else", () => {
      expect(rules("aws_vpc_security_group_egress_rule")).toEqual(
        expect.arrayContaining([
          { group: "alb", protocol: "tcp", ports: [8080, 8080], peer: "instances", described: true },
          { group: "instances", protocol: "tcp", ports: [443, 443], peer: "0.0.0.0/0", described: true },
          // The sign-in: the load balancer exchanges the code at Cognito's (public) token endpoint.
          { group: "alb", protocol: "tcp", ports: [443, 443], peer: "0.0.0.0/0", described: true },
        ]),
      );
      expect(rules("aws_vpc_security_group_egress_rule")).toHaveLength(3);
    });

    test("no inline rules on the groups (Terraform removes AWS's default allow-all egress)", () => {
      for (const group of Object.values(resources(json, "aws_security_group"))) {
        expect(group.ingress).toBeUndefined();
        expect(group.egress).toBeUndefined();
        expect(group.description.length).toBeGreaterThan(0);
      }
    });
  });

  describe("load balancer", () => {
    const lb = only(json, "aws_lb");
    const listeners = Object.values(resources(json, "aws_lb_listener"));

    test("is internet-facing in the public subnets, drops invalid headers, logs access", () => {
      const publicSubnets = Object.keys(resources(json, "aws_subnet")).filter((id) => id.includes("public")).map((id) => `\${aws_subnet.${id}.id}`);
      expect(lb).toMatchObject({
        internal: false,
        load_balancer_type: "application",
        drop_invalid_header_fields: true,
        enable_deletion_protection: false,
        security_groups: [ref(json, "aws_security_group", "alb-security-group")],
        access_logs: { bucket: ref(json, "aws_s3_bucket", "logs", "bucket"), prefix: "alb", enabled: true },
      });
      expect(lb.subnets.sort()).toEqual(publicSubnets.sort());
    });

    test("listener 80 only redirects to HTTPS with a 301", () => {
      expect(listeners.find((l) => l.port === 80)).toMatchObject({
        protocol: "HTTP",
        default_action: [{ type: "redirect", redirect: { protocol: "HTTPS", port: "443", status_code: "HTTP_301" } }],
      });
    });

    test("listener 443 uses the TLS 1.3 policy, the regional certificate, and answers 404 by default", () => {
      const https = listeners.find((l) => l.port === 443)!;
      expect(TLS_POLICY).toBe("ELBSecurityPolicy-TLS13-1-2-2021-06");
      expect(https).toMatchObject({
        protocol: "HTTPS",
        ssl_policy: "ELBSecurityPolicy-TLS13-1-2-2021-06",
        certificate_arn: expect.stringContaining("aws_acm_certificate_validation."),
        default_action: [{ type: "fixed-response", fixed_response: { content_type: "text/plain", message_body: "Not found", status_code: "404" } }],
      });
      expect(only(json, "aws_acm_certificate")).toMatchObject({ domain_name: "reporting.dev-booking.example.com", validation_method: "DNS" });
      expect(only(json, "aws_acm_certificate").provider).toBeUndefined();
    });

    test("/reporting and /reporting/* are signed in, then forwarded to the reporting target group", () => {
      expect(only(json, "aws_lb_listener_rule")).toMatchObject({
        listener_arn: ref(json, "aws_lb_listener", "https-listener", "arn"),
        condition: [{ path_pattern: { values: ["/reporting", "/reporting/*"] } }],
        action: [
          { type: "authenticate-cognito", order: 1 },
          { type: "forward", order: 2, target_group_arn: ref(json, "aws_lb_target_group", "reporting-targets", "arn") },
        ],
      });
    });

    test("the target group checks the shallow liveness path /reporting/live (not the table-scanning /reporting/health) on the service port", () => {
      expect(only(json, "aws_lb_target_group")).toMatchObject({
        port: 8080,
        protocol: "HTTP",
        target_type: "instance",
        health_check: { path: "/reporting/live", port: "traffic-port", matcher: "200" },
      });
    });

    test("access logs: the regional ELB account may write under the prefix only; the bucket is SSE-S3 encrypted", () => {
      const logsBucket = ref(json, "aws_s3_bucket", "logs", "arn");
      const policy = Object.values(resources(json, "aws_s3_bucket_policy")).map((p) => JSON.parse(p.policy)).find((d) => JSON.stringify(d).includes("AllowLoadBalancerAccessLogs"));
      expect(policy.Statement).toContainEqual({
        Sid: "AllowLoadBalancerAccessLogs",
        Effect: "Allow",
        Principal: { AWS: "arn:aws:iam::156460612806:root" },
        Action: "s3:PutObject",
        Resource: `${logsBucket}/alb/AWSLogs/111111111111/*`,
      });
      const sse = Object.values(resources(json, "aws_s3_bucket_server_side_encryption_configuration")).find((c) => c.bucket === ref(json, "aws_s3_bucket", "logs"));
      expect(sse!.rule[0].apply_server_side_encryption_by_default.sse_algorithm).toBe("AES256");
      expect(lb.depends_on).toEqual([expect.stringMatching(/^aws_s3_bucket_policy\.reporting_logs_policy/)]);
    });

    test("is reachable as reporting.<domain> through an alias record in the environment's zone", () => {
      const alias = Object.values(resources(json, "aws_route53_record")).find((r) => r.type === "A")!;
      expect(alias).toMatchObject({
        name: "reporting.dev-booking.example.com",
        // The dns stack's zone: a reference under cdktf 0.21's Testing.synth, its remote-state output under cdktn's
        // (and in the app's synth under both).
        zone_id: expect.stringMatching(/^\$\{(aws_route53_zone\.zone\.zone_id|data\.terraform_remote_state\.cross-stack-reference-input-dev-dns\.outputs\.cross-stack-output-aws_route53_zonezonezone_id)\}$/),
        alias: { name: ref(json, "aws_lb", "alb", "dns_name"), zone_id: ref(json, "aws_lb", "alb", "zone_id"), evaluate_target_health: true },
      });
    });
  });

  test("outputs the load balancer's DNS name and URL, the VPC, its subnets and the group, each described", () => {
    // cdktf's own cross-stack outputs (what the monitoring stack reads) aside.
    const own = Object.fromEntries(Object.entries(json.output as Record<string, Json>).filter(([name]) => !name.startsWith("cross-stack-output-")));
    expect(Object.keys(own).sort()).toEqual(["alb_dns_name", "autoscaling_group_name", "private_subnet_ids", "public_subnet_ids", "reporting_url", "vpc_id"]);
    expect(own.reporting_url.value).toBe("https://reporting.dev-booking.example.com/reporting");
    expect(own.private_subnet_ids.value).toHaveLength(2);
    for (const output of Object.values(own)) expect(output.description.length).toBeGreaterThan(0);
  });

  test("flow logs of the VPC go to a log group with the environment's retention", () => {
    expect(only(json, "aws_flow_log")).toMatchObject({ traffic_type: "ALL", log_destination_type: "cloud-watch-logs" });
    expect(only(json, "aws_cloudwatch_log_group")).toMatchObject({ name: "/aws/vpc/booking-dev-vpc/flow-logs", retention_in_days: 14 });
  });

  test.each([
    ["dev", 1, 2],
    ["prod", 3, 3],
  ] as const)("%s: %d NAT gateway(s) across %d AZs", (env, nats, zones) => {
    const j = env === "dev" ? json : build(env).network;
    expect(Object.keys(resources(j, "aws_nat_gateway"))).toHaveLength(nats);
    expect(Object.keys(resources(j, "aws_subnet"))).toHaveLength(2 * zones);
  });

  test("prod: deletion protection on the load balancer, 3 to 6 instances", () => {
    const prod = build("prod").network;
    expect(only(prod, "aws_lb").enable_deletion_protection).toBe(true);
    expect(only(prod, "aws_autoscaling_group")).toMatchObject({ min_size: 3, max_size: 6 });
  });

  test("snapshot", () => {
    // The stack as the app's synth writes it, without cdktf's metadata (toolchain version, construct paths).
    const scrubbed = JSON.parse(JSON.stringify(scrub(json), (key, value) => (key === "//" ? undefined : value)));
    // The user data carries the bundle's hash in base64; its content is asserted above.
    for (const t of Object.values(resources(scrubbed, "aws_launch_template"))) t.user_data = "<base64 user data>";
    expect(scrubbed).toMatchSnapshot();
  });
});
