import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { DescribeExecutionCommand, SFNClient } from "@aws-sdk/client-sfn";
import { readAppEnv } from "../env";
import { SDK_CLIENT_SETTINGS } from "./sdk-settings";
import { bookingExecutionName } from "./sfn-workflow";
import { BookingStore } from "./store";
import { sweepHolds, type SweepResult } from "./sweeper";

const env = readAppEnv();
if (!env.stateMachineArn) throw new Error("environment variable STATE_MACHINE_ARN must be set to the booking state machine's ARN");
const stateMachineArn = env.stateMachineArn;
const store = new BookingStore(new DynamoDBClient({ region: env.region, ...SDK_CLIENT_SETTINGS }), { apartments: env.tables.apartments, reservations: env.tables.reservations, nights: env.tables.nights });
const sfn = new SFNClient({ region: env.region, ...SDK_CLIENT_SETTINGS });

/** arn:aws:states:<region>:<account>:execution:<state machine name>:<execution name> */
function executionArn(reservationId: string): string {
  return `${stateMachineArn.replace(":stateMachine:", ":execution:")}:${bookingExecutionName(reservationId)}`;
}

/** EventBridge Scheduler target: one sweep per invocation (stacks/api-stack.ts schedules it). */
export async function handler(): Promise<SweepResult> {
  return sweepHolds({
    store,
    owns: async (reservation) => {
      try {
        const { status } = await sfn.send(new DescribeExecutionCommand({ executionArn: executionArn(reservation.id) }));
        return status === "RUNNING";
      } catch (error) {
        if ((error as { name?: string }).name === "ExecutionDoesNotExist") return false;
        throw error; // unknown: leave the hold for the next sweep rather than release a live one
      }
    },
  });
}
