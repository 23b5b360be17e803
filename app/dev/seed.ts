/**
 * `npm run seed`: adds the demo apartments that are missing (never overwrites one).
 * Against a local server: DYNAMODB_ENDPOINT=http://127.0.0.1:<port> (tables under their logical
 * names). Against AWS: leave DYNAMODB_ENDPOINT unset and set APARTMENTS_TABLE, RESERVATIONS_TABLE
 * and AWS credentials/region as for any AWS CLI.
 */
import { DynamoDBClient } from "@aws-sdk/client-dynamodb";
import { BookingStore } from "../api/store";
import { readAppEnv } from "../env";
import { LOCAL_AWS } from "../local/dynamodb";
import { demoApartments } from "../seed-data";

async function main(): Promise<void> {
  const env = readAppEnv();
  const client = new DynamoDBClient(env.dynamodbEndpoint ? { ...LOCAL_AWS, endpoint: env.dynamodbEndpoint } : { region: env.region });
  try {
    const apartments = demoApartments();
    const store = new BookingStore(client, env.tables);
    const added = await store.addApartments(apartments);
    const where = env.dynamodbEndpoint ?? `AWS ${env.region}`;
    console.log(`seed: added ${added} of ${apartments.length} demo apartments to table "${env.tables.apartments}" at ${where} (${apartments.length - added} were there already)`);
  } finally {
    client.destroy();
  }
}

main().catch((error: Error) => {
  console.error(`seed failed: ${error.message}`);
  process.exit(1);
});
