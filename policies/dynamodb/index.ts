import type { Rule } from "../core/rule";
import { dynamodbCustomerKey } from "./customer-key";
import { dynamodbEncryption } from "./encryption";
import { dynamodbPointInTimeRecovery } from "./point-in-time-recovery";

export const DYNAMODB_RULES: readonly Rule[] = [dynamodbPointInTimeRecovery, dynamodbEncryption, dynamodbCustomerKey];
