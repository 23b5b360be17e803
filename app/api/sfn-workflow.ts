import { createHash } from "node:crypto";
import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { BookingWorkflowInput, WorkflowStarter } from "../model";
import { bookingExecutionInput, DEFAULT_GUEST_DATA_RETENTION_DAYS } from "../workflow/definition";

/**
 * Name of the booking execution of a reservation: one per reservation (Step Functions refuses a
 * second start of the same name), but not the reservation id itself, which is the guest's bearer
 * credential and would otherwise show in the console, CloudTrail and every log naming the execution.
 */
export function bookingExecutionName(reservationId: string): string {
  return `booking-${createHash("sha256").update(reservationId).digest("hex").slice(0, 40)}`;
}

/**
 * Starts the booking state machine in AWS. The execution is named after a hash of the reservation
 * id, so a repeated start of the same reservation never runs a second workflow.
 */
export class StepFunctionsWorkflow implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
    private readonly guestDataRetentionDays: number = DEFAULT_GUEST_DATA_RETENTION_DAYS,
  ) {}

  public async start(input: BookingWorkflowInput): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({
          stateMachineArn: this.stateMachineArn,
          name: bookingExecutionName(input.reservationId),
          input: JSON.stringify(bookingExecutionInput(input, this.guestDataRetentionDays)),
        }),
      );
    } catch (error) {
      // Same name and input as a running or finished execution: this reservation's workflow exists.
      if ((error as { name?: string }).name !== "ExecutionAlreadyExists") throw error;
    }
  }
}
