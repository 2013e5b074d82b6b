import type { BinTable } from '../domain/bins/bin-table.ts';
import type { MerchantRegistry } from '../domain/merchants.ts';
import type { PaymentService } from '../domain/payments.ts';
import type { RateLimiter } from '../domain/rate-limits.ts';
import type { SessionService } from '../domain/sessions.ts';
import type { AuthenticationService } from '../domain/threeds/index.ts';
import type { TokenService } from '../domain/tokens.ts';

/** What every API plugin is given: the domain services, nothing of the other plugins. */
export interface GatewayContext {
  merchants: MerchantRegistry;
  limiter: RateLimiter;
  sessions: SessionService;
  payments: PaymentService;
  tokens: TokenService;
  bins: BinTable;
  authentications: AuthenticationService;
  /** Epoch milliseconds: the gateway's one clock. */
  now: () => number;
}
