export { sandboxSummary } from './cli';
export { type ActiveFault, type FaultKind, type FaultRule, Faults } from './faults';
export { FAILURE_CARDS, SUCCESS_CARDS } from './gateway/cards';
export type { Handler, HandlerContext } from './gateway/context';
export { REGISTRATION_TEST_LOGINS } from './gateway/marketplace';
export { type IssueAgentTokenOptions, IsvRegistry } from './isv';
export { generateKeyPairPem, type KeyPairPem, loadOrCreateKeys } from './keys';
export { ACK_BODY, type NotificationAttempt, type NotificationRecord, RETRY_SCHEDULE_SECONDS } from './notifier';
export { formatAmount, minorDigits } from './pages/money';
export { reportFiles } from './reports';
export type { SandboxRuntime } from './runtime';
export { DELAYS } from './runtime';
export {
  DEFAULT_CLIENT_ID,
  type Sandbox,
  type SandboxKeys,
  type SandboxMerchantOptions,
  type StartSandboxOptions,
  startSandbox,
} from './sandbox';
export { type ActiveScenario, type ScenarioRule, Scenarios } from './scenarios';
export { type Balance, MARKETPLACE_ACCOUNT, type Merchant, SandboxStore, sellerAccount } from './state/store';
export type * from './state/types';
