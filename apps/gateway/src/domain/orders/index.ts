export { maskCard, maskedNumber } from './card.ts';
export {
  invalidField,
  missingField,
  notAllowed,
  transactionIdConflict,
  transactionInProgress,
  unsupportedField,
} from './errors.ts';
export { executePlan } from './execute.ts';
export {
  MIN_FINGERPRINT_KEY_BYTES,
  canonicalJson,
  classifyResubmission,
  requestFingerprint,
  type RequestScope,
  type Resubmission,
  type StoredRequest,
} from './idempotency.ts';
export { totalsOf, type Totals } from './ledger.ts';
export {
  ORDER_STATUSES,
  TRANSACTION_TYPES,
  type Order,
  type OrderDetails,
  type OrderStatus,
  type Transaction,
  type TransactionAuthentication,
  type TransactionCard,
  type TransactionDetails,
  type TransactionFunds,
  type TransactionGiftCard,
  type TransactionType,
} from './model.ts';
export {
  planOperation,
  type CardOperation,
  type CardPlan,
  type FollowUpOperationRequest,
  type FollowUpPlan,
  type FundingOperationRequest,
  type OperationRequest,
  type Plan,
  type VerifyOperationRequest,
  type VoidOperationRequest,
  type VoidPlan,
} from './plan.ts';
export { recordOperation, type RecordContext } from './record.ts';
export {
  buildOrderResponse,
  buildTransactionResponse,
  orderBody,
  type OrderBody,
  type OrderResponseBody,
  type SourceOfFundsBody,
  type TransactionResponseBody,
} from './response.ts';
export { operationDetails, sessionOrder, type OperationFields } from './details.ts';
