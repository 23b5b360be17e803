import { SFNClient, StartExecutionCommand } from "@aws-sdk/client-sfn";
import type { BookingWorkflowInput, WorkflowStarter } from "../model";

/**
 * Starts the booking state machine in AWS. The execution is named after the reservation, so a
 * repeated start of the same reservation never runs a second workflow.
 */
export class StepFunctionsWorkflow implements WorkflowStarter {
  constructor(
    private readonly client: SFNClient,
    private readonly stateMachineArn: string,
  ) {}

  public async start(input: BookingWorkflowInput): Promise<void> {
    try {
      await this.client.send(
        new StartExecutionCommand({ stateMachineArn: this.stateMachineArn, name: input.reservationId, input: JSON.stringify(input) }),
      );
    } catch (error) {
      // Same name and input as a running or finished execution: this reservation's workflow exists.
      if ((error as { name?: string }).name !== "ExecutionAlreadyExists") throw error;
    }
  }
}
