export {
  CARD_DECLINE_CODES,
  GATEWAY_CODES,
  RESULT_OF_GATEWAY_CODE,
  type CscGatewayCode,
  type GatewayCode,
  type TransactionResult,
} from './codes.ts';
export type {
  FollowUpRequest,
  PaymentRequest,
  Processor,
  ProcessorAch,
  ProcessorCard,
  ProcessorFunds,
  ProcessorGiftCard,
  ProcessorResponse,
  TargetReference,
  TransactionReference,
  VerifyRequest,
  VoidRequest,
  VoidableType,
} from './processor.ts';
export { SimulatorProcessor, type DigitSource } from './simulator.ts';
export {
  SIMULATOR_ACCOUNT_OUTCOMES,
  SIMULATOR_CSC_RESULTS,
  SIMULATOR_DEFAULT_CSC,
  SIMULATOR_DEFAULT_OUTCOME,
  SIMULATOR_OUTCOMES,
  type SimulatedCscResult,
  type SimulatedOutcome,
} from './simulator-outcomes.ts';
