import { createHash } from "node:crypto";
import { DescribeStateMachineCommand, SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { BookingWorkflowInput, WorkflowStarter } from "../model";
import { bookingExecutionInput, DEFAULT_GUEST_DATA_RETENTION_DAYS } from "../workflow/definition";
import { DependencyUnavailable, isUnavailable } from "./errors";

/**
 * The execution name of a reservation's booking workflow: a hash of the reservation id, never the
 * id itself. The id is the bearer credential to the guest's details, and execution names appear in
 * the console, in CloudTrail, in execution ARNs and in logs. Deterministic, so a repeated
 * StartExecution of the same reservation (SDK retry, client retry, sweeper) uses the same name and
 * Step Functions runs at most one workflow per reservation. Names allow 1-80 characters of
 * [A-Za-z0-9-_]: https://docs.aws.amazon.com/step-functions/latest/apireference/API_StartExecution.html
 */
export function bookingExecutionName(reservationId: string): string {
  return `booking-${createHash("sha256").update(reservationId).digest("hex").slice(0, 40)}`;
}

/** A short, stable reference to a reservation for log lines (not reversible to the id). */
export function reservationRef(reservationId: string): string {
  return `res-${createHash("sha256").update(`booking-log:${reservationId}`).digest("hex").slice(0, 16)}`;
}

/**
 * Starts the booking state machine in AWS. The execution is named by {@link bookingExecutionName},
 * so a repeated start of the same reservation never runs a second workflow; its input carries the
 * reservation's TTL (guest data retention).
 */
export class StepFunctionsWorkflow implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly guestDataRetentionDays: number = DEFAULT_GUEST_DATA_RETENTION_DAYS,
  ) {}

  public async start(input: BookingWorkflowInput): Promise<void> {
    const command = () =>
      new StartExecutionCommand({
        stateMachineArn: this.stateMachineArn,
        name: bookingExecutionName(input.reservationId),
        input: JSON.stringify(bookingExecutionInput(input, this.guestDataRetentionDays)),
      });
    // The SDK retries transient failures itself (app/api/sdk-settings.ts); one more attempt here
    // covers a start whose answer was lost: same name and input, so it is idempotent.
    for (let attempt = 1; ; attempt++) {
      try {
        await this.client.send(command());
        return;
      } catch (error) {
        // Same name as a running or finished execution: this reservation's workflow exists.
        if ((error as { name?: string }).name === "ExecutionAlreadyExists") return;
        if (attempt >= 2 || !isUnavailable(error)) throw isUnavailable(error) ? new DependencyUnavailable("Step Functions", error) : error;
      }
    }
  }

  public async ready(): Promise<void> {
    try {
      await this.client.send(new DescribeStateMachineCommand({ stateMachineArn: this.stateMachineArn }));
    } catch (error) {
      throw new DependencyUnavailable("Step Functions", error);
    }
  }
}
