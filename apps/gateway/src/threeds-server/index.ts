export { eciOf } from './eci.ts';
export { LOW_VALUE_LIMIT_EUR, RISK_ANALYSIS_LIMIT_EUR } from './exemptions.ts';
export {
  SIMULATED_CARDS,
  SIMULATED_CHALLENGE_ATTEMPTS,
  SIMULATED_CHALLENGE_CODE,
  type SimulatedBehaviour,
  type SimulatedCard,
} from './simulator-cards.ts';
export { SIMULATED_ACS_PATHS, SimulatedThreeDSServer } from './simulator.ts';
export {
  CHALLENGE_PREFERENCES,
  EXEMPTIONS,
  type AppliedExemption,
  type AuthenticationOutcome,
  type AuthenticationRequest,
  type AuthenticationResponse,
  type BrowserData,
  type ChallengeAnswer,
  type ChallengeOutcome,
  type ChallengePreference,
  type DirectoryCard,
  type DirectoryLookup,
  type Exemption,
  type FinalTransStatus,
  type ProtocolVersion,
  type ThreeDSServer,
  type Transaction3DSIds,
  type TransStatus,
} from './three-ds-server.ts';
